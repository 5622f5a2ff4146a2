"""Two-factor authentication in a real browser (双因素认证): a supervisor enrols by the QR page's secret, logs in
again with a code from the app, then with a backup code; after losing the phone, the security administrator
resets it and the next login asks to enrol again. Screenshots: test-artifacts/screenshots/2fa-*.png."""

from __future__ import annotations

import base64
import re

import pytest
from browsing import log_in
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from web.accounts.models import AdminDuty, Membership
from web.audit.models import AuditEvent
from web.plans.models import Issuer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Luoshi-browser-2025"


@pytest.fixture
def people(settings):
    settings.LUOSHI_REQUIRE_2FA = True
    users = get_user_model().objects
    town = Issuer.objects.create(name="水口镇人民政府")
    duban = users.create_user("duban", password=PASSWORD, first_name="督查室")
    Membership.objects.create(user=duban, issuer=town, role=Membership.Role.SUPERVISOR)
    anquan = users.create_user("anquan", password=PASSWORD, first_name="安全管理员")
    AdminDuty.objects.create(user=anquan, duty=AdminDuty.Duty.SECURITY)
    phone = TOTPDevice.objects.create(user=anquan, name="身份验证器", confirmed=True)
    return duban, anquan, phone


def code(key: bytes, drift: int = 0) -> str:
    return f"{totp(key, drift=drift):06d}"


def give_code(page, token: str) -> None:
    expect(page.locator("h1")).to_have_text("输入验证码")
    page.fill("input[name=token]", token)
    page.click("button[type=submit]")


def test_enrol_log_in_with_a_code_then_a_backup_code_then_reset_a_lost_phone(page, shot, people):
    _, _, phone = people

    log_in(page, "duban", password=PASSWORD, signed_in=False)
    expect(page.locator("h1")).to_have_text("启用双因素认证")
    expect(page.locator(".qr svg")).to_be_visible()
    shot("2fa-01-enrol")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=token]", code(key))
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("双因素认证已启用")
    backup_codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(backup_codes) == 10
    shot("2fa-02-backup-codes")
    page.click("text=我已保存, 继续")
    expect(page.locator(".who")).to_contain_text("督查室")

    log_in(page, "duban", password=PASSWORD, signed_in=False)
    shot("2fa-03-verify")
    give_code(page, code(key, drift=1))  # the next 30-second step: a code is never accepted twice
    expect(page.locator(".who")).to_contain_text("督查室")
    expect(page.locator("h1")).not_to_have_text("输入验证码")

    log_in(page, "duban", password=PASSWORD, signed_in=False)
    give_code(page, backup_codes[0])
    expect(page.locator(".who")).to_contain_text("督查室")
    page.goto("/accounts/2fa/")
    expect(page.locator("#codes-left")).to_have_text("9")

    log_in(page, "anquan", password=PASSWORD, signed_in=False)
    give_code(page, code(phone.bin_key))
    page.goto("/manage/security/")
    row = page.locator("#two-factor-accounts tr", has_text="duban")
    shot("2fa-04-security-administrator")
    row.locator("button", has_text="重置").click()
    expect(page.locator(".messages")).to_contain_text("已重置")
    expect(page.locator("#two-factor-accounts")).not_to_contain_text("duban")

    log_in(page, "duban", password=PASSWORD, signed_in=False)
    expect(page.locator("h1")).to_have_text("启用双因素认证")
    shot("2fa-05-enrol-again")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"2fa.enrol", "2fa.verify", "2fa.backup_code", "2fa.reset"} <= actions
    assert re.fullmatch(r"[a-z2-7]{8}", backup_codes[0])
