"""Two-factor authentication (双因素认证, 身份鉴别): required of supervisors, superusers and administrators
when LUOSHI_REQUIRE_2FA is on, optional for others; every step audited; a lost phone reset by another
administrator only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from web.audit.models import AuditEvent

PASSWORD = "luoshi-test-2025"


@pytest.fixture
def required(settings):
    settings.LUOSHI_REQUIRE_2FA = True


def login(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    page = client.get(reverse("two_factor_enrol")).content.decode()
    assert "<svg" in page and re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor_enrol"), {"token": code_for(device)})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    return device, codes


def test_it_sends_a_supervisor_without_a_second_factor_to_enrol(required, cast):
    client = login(cast.supervisor)
    response = client.get(reverse("task_table", args=[cast.plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor_enrol"))


def test_it_leaves_staff_free_to_go_without_one(required, cast):
    assert login(cast.staff).get(reverse("task_table", args=[cast.plan.pk])).status_code == 200


def test_it_asks_nothing_of_anyone_when_not_required(cast):
    assert login(cast.supervisor).get(reverse("task_table", args=[cast.plan.pk])).status_code == 200


def test_enrolment_shows_a_qr_code_and_the_secret_with_no_outside_request(required, cast):
    page = login(cast.supervisor).get(reverse("two_factor_enrol")).content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert re.search(r'id="totp-secret">[A-Z2-7]{4}( [A-Z2-7]{1,4})+<', page)


def test_enrolment_checks_a_code_then_hands_out_ten_backup_codes(required, cast):
    client = login(cast.supervisor)
    device, codes = enrol(client, cast.supervisor)
    device.refresh_from_db()
    assert device.confirmed and len(codes) == 10
    assert client.get(reverse("task_table", args=[cast.plan.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="2fa.enrol", object_id=str(cast.supervisor.pk)).exists()


def test_a_wrong_code_at_enrolment_enables_nothing(required, cast):
    client = login(cast.supervisor)
    client.get(reverse("two_factor_enrol"))
    client.post(reverse("two_factor_enrol"), {"token": "000000"})
    assert not TOTPDevice.objects.filter(user=cast.supervisor, confirmed=True).exists()
    assert AuditEvent.objects.filter(action="2fa.failed").exists()


def test_the_next_login_asks_for_a_code_from_the_app(required, cast):
    device, _ = enrol(login(cast.supervisor), cast.supervisor)
    client = login(cast.supervisor)
    task_table = reverse("task_table", args=[cast.plan.pk])
    assert client.get(task_table)["Location"].startswith(reverse("two_factor_verify"))
    device.refresh_from_db()
    response = client.post(reverse("two_factor_verify"), {"token": code_for(device, drift=1), "next": task_table})
    assert response.status_code == 302 and response["Location"] == task_table
    assert client.get(task_table).status_code == 200
    assert AuditEvent.objects.filter(action="2fa.verify", object_id=str(cast.supervisor.pk)).exists()


def test_a_backup_code_works_once(required, cast):
    _, codes = enrol(login(cast.supervisor), cast.supervisor)
    first = login(cast.supervisor)
    assert first.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 302
    assert first.get(reverse("home")).status_code == 200
    again = login(cast.supervisor)
    again.post(reverse("two_factor_verify"), {"token": codes[0]})
    assert again.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))
    assert AuditEvent.objects.filter(action="2fa.backup_code").count() == 1


def test_a_password_alone_cannot_replace_the_authenticator(required, cast):
    enrol(login(cast.supervisor), cast.supervisor)
    attacker = login(cast.supervisor)  # knows the password, not the phone
    response = attacker.get(reverse("two_factor_enrol"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=cast.supervisor).count() == 1


def test_wrong_codes_lock_the_account_like_wrong_passwords(required, cast, settings):
    settings.LUOSHI_LOCKOUT_ATTEMPTS = 3
    enrol(login(cast.supervisor), cast.supervisor)
    client = login(cast.supervisor)
    for _ in range(3):
        client.post(reverse("two_factor_verify"), {"token": "123456"})
    assert client.get(reverse("home")).status_code == 200 and "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="2fa.failed").count() == 3
    assert AuditEvent.objects.filter(action="auth.lockout").exists()


def test_someone_who_turned_it_on_is_asked_too(cast):
    enrol(login(cast.staff), cast.staff)
    assert login(cast.staff).get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))


def test_the_api_refuses_a_session_that_owes_its_second_factor(required, cast):
    response = login(cast.supervisor).get("/api/plans")
    assert response.status_code == 401


def test_the_security_administrator_resets_a_lost_device(cast, as_):
    enrol(login(cast.supervisor), cast.supervisor)
    response = as_("secadmin").post(reverse("manage_reset_two_factor", args=[cast.supervisor.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.supervisor).exists()
    event = AuditEvent.objects.get(action="2fa.reset")
    assert event.actor_name == "anquan" and event.object_id == str(cast.supervisor.pk)


def test_nobody_resets_their_own_second_factor(cast, as_):
    client = login(cast.secadmin)
    device, _ = enrol(client, cast.secadmin)
    client.post(reverse("manage_reset_two_factor", args=[cast.secadmin.pk]))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not AuditEvent.objects.filter(action="2fa.reset").exists()


@pytest.mark.parametrize("role", ["sysadmin", "auditor", "supervisor", "staff"])
def test_no_one_else_resets_a_second_factor(cast, as_, role):
    enrol(login(cast.leader), cast.leader)
    assert as_(role).post(reverse("manage_reset_two_factor", args=[cast.leader.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=cast.leader).exists()


def test_administrators_must_use_two_factors_too(required, cast):
    for user in (cast.sysadmin, cast.secadmin, cast.auditor):
        assert login(user).get(reverse("manage_home"))["Location"].startswith(reverse("two_factor_enrol"))


def test_a_reset_takes_effect_in_a_session_already_open(required, cast, as_):
    from django_otp import devices_for_user

    client = login(cast.supervisor)
    enrol(client, cast.supervisor)
    assert client.get(reverse("home")).status_code == 200
    for device in devices_for_user(cast.supervisor, confirmed=None):  # what the reset does
        device.delete()
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_enrol"))


def test_check_deploy_passes_with_two_factors_required_and_fails_without(tmp_path):
    import secrets

    from test_security_settings import PRODUCTION, _run

    args = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    on = _run(args, tmp_path, SECRET_KEY=secrets.token_urlsafe(50), LUOSHI_REQUIRE_2FA="1", **PRODUCTION)
    assert on.returncode == 0, on.stdout + on.stderr
    off = _run(args, tmp_path, SECRET_KEY=secrets.token_urlsafe(50), **{**PRODUCTION, "LUOSHI_REQUIRE_2FA": "0"})
    assert off.returncode != 0 and "luoshi.W002" in off.stderr
    keyless = {k: v for k, v in PRODUCTION.items() if k != "LUOSHI_ENCRYPTION_KEY"}
    no_key = _run(args, tmp_path, SECRET_KEY=secrets.token_urlsafe(50), **keyless)
    assert no_key.returncode != 0 and "luoshi.W001" in no_key.stderr


def test_no_browser_or_proxy_keeps_the_secret_or_the_backup_codes(required, cast):
    client = login(cast.supervisor)
    page = client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=cast.supervisor, confirmed=False)
    codes = client.post(reverse("two_factor_enrol"), {"token": code_for(device)})
    assert "no-store" in page["Cache-Control"] and "no-store" in codes["Cache-Control"]
