"""Changing one's password (修改密码) from a session someone else holds: a wrong old password counts toward
the lockout like a failed login and is audited; once locked the page checks no password, and the session
guessing ends. A changed password revokes the user's API tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from web.api.models import ApiToken
from web.audit.services import security_events

pytestmark = pytest.mark.usefixtures("fast_hashing")

NEW = "Dangzheng-ban-2026"


@pytest.fixture
def stolen_session(cast, clock):
    """The attacker's session, as a thief at her unlocked screen would find it."""
    client = Client(REMOTE_ADDR="10.0.0.66")
    client.force_login(cast.attacker)
    return client


def guess(client, old: str, new: str = NEW):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def test_a_wrong_old_password_is_audited_with_the_address(stolen_session, cast):
    response = guess(stolen_session, "guess-1")
    assert response.status_code == 200 and "原密码不正确" in response.content.decode()
    event = security_events().get(action="auth.password_change_failed")
    assert (event.actor, event.ip) == (cast.attacker, "10.0.0.66")


def test_five_wrong_old_passwords_lock_the_username_and_end_the_session(stolen_session, cast):
    for i in range(4):
        guess(stolen_session, f"guess-{i}")
    last = guess(stolen_session, "guess-4")
    assert last.status_code == 302 and last["Location"].startswith(reverse("login"))
    assert security_events().filter(action="auth.lockout", actor_name="tanzi").exists()
    assert not stolen_session.get(reverse("home")).wsgi_request.user.is_authenticated
    assert Client().post(reverse("login"), {"username": "tanzi", "password": "luoshi-test-2025"}).status_code == 200


def test_while_locked_even_the_right_old_password_changes_nothing(stolen_session, cast):
    for i in range(5):
        Client(REMOTE_ADDR="10.0.0.67").post(reverse("login"), {"username": "tanzi", "password": f"no-{i}"})
    response = guess(stolen_session, "luoshi-test-2025")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    cast.attacker.refresh_from_db()
    assert cast.attacker.check_password("luoshi-test-2025")


def test_the_lock_passes_like_a_login_lock(stolen_session, cast, clock):
    for i in range(5):
        guess(stolen_session, f"guess-{i}")
    clock.shift(dt.timedelta(minutes=16))
    client = Client()
    client.force_login(cast.attacker)
    assert guess(client, "luoshi-test-2025").status_code == 302
    cast.attacker.refresh_from_db()
    assert cast.attacker.check_password(NEW)


def test_a_changed_password_revokes_the_users_api_tokens(stolen_session, cast):
    token, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    other, _ = ApiToken.issue(cast.staff, "经发办脚本")
    assert guess(stolen_session, "luoshi-test-2025").status_code == 302
    token.refresh_from_db()
    other.refresh_from_db()
    assert token.revoked and not other.revoked
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/plans").status_code == 401
    assert security_events().filter(action="api.tokens_revoked", actor=cast.attacker).exists()


def test_a_password_set_by_an_administrator_revokes_the_tokens_too(cast):
    token, _ = ApiToken.issue(cast.attacker, "抓取脚本")
    cast.attacker.set_password("Reset-by-admin-2026")
    cast.attacker.save()
    token.refresh_from_db()
    assert token.revoked


def test_saving_a_user_without_a_new_password_keeps_the_tokens(cast):
    token, _ = ApiToken.issue(cast.attacker, "抓取脚本")
    cast.attacker.first_name = "谈"
    cast.attacker.save()
    token.refresh_from_db()
    assert not token.revoked
