"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against pytest-django's
live server. Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("LUOSHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")  # Playwright's sync API runs an event loop in this thread


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page of the live server. Anything the Content-Security-Policy blocks (an inline script or handler, an
    eval, a script from elsewhere) fails the test that caused it."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1400, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"


@pytest.fixture
def shot(page):
    """``shot("name")`` saves a full-page screenshot as test-artifacts/screenshots/name.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, path: Path | None = None) -> Path:
        target = path or SCREENSHOTS / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        return target

    return take


@pytest.fixture
def demo(settings, tmp_path):
    """The demo town's plan with its half year of reports (演示数据, seen on 2025-06-27)."""
    from web.plans.models import Plan

    settings.LUOSHI_DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_history", stdout=io.StringIO())
    return Plan.objects.get(issuer__name="水口镇人民政府", year=2025)
