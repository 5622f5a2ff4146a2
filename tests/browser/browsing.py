"""What every browser test does the same way: sign in as one of the demo's people."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from web.plans.management.commands.load_demo import PASSWORD


def log_in(page, username: str, *, password: str = PASSWORD, signed_in: bool = True) -> None:
    """Sign in as ``username`` on a fresh session (whoever was signed in before is signed out). With ``signed_in``,
    wait until the header names the person; without, leave the page where the sign-in led (a second factor, say)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    if signed_in:
        expect(page.locator(".who")).to_contain_text(re.compile(username + "|演示"))
