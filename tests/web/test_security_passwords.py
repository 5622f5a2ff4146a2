"""The password policy (密码强度) and how passwords are kept: salted hashes, never the password itself."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from web.audit.services import security_events
from web.plans.management.commands.load_demo import ACCOUNTS, PASSWORD

User = get_user_model()


@pytest.mark.parametrize("username", [a[0] for a in ACCOUNTS])
def test_it_accepts_the_demo_password_for_every_demo_account(db, username):
    validate_password(PASSWORD, User(username=username))


@pytest.mark.parametrize("username", ["duban", "jingji", "guihua", "lingdao", "yueshan"])
def test_it_accepts_the_test_casts_password(db, username):
    validate_password("luoshi-test-2025", User(username=username))


@pytest.mark.parametrize(("password", "message"), [
    ("Ab1-xyz", "密码长度太短"),  # 7 characters
    ("abcdefghijkl", "至少要包含"),  # one kind of character
    ("abcdef123456", "至少要包含"),  # two kinds
    ("1234567890123", "只包含数字"),
    ("password123", "太常见"),
    ("zhangwei-2025", "太相似"),
])
def test_it_refuses_a_weak_password_in_chinese(db, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, User(username="zhangwei2025", first_name="zhangwei"))
    assert any(message in m for m in refused.value.messages), refused.value.messages


def test_it_keeps_a_salted_hash_never_the_password(cast):
    stored = User.objects.get(pk=cast.supervisor.pk).password
    assert stored.startswith(("pbkdf2_sha256$", "argon2")) and "luoshi-test-2025" not in stored
    other = User.objects.get(pk=cast.staff.pk).password
    assert other != stored  # same password, different salt


def test_a_member_changes_their_password_under_the_policy_and_it_is_audited(as_, cast):
    client = as_("staff")
    weak = client.post(reverse("password_change"), {"old_password": "luoshi-test-2025", "new_password1": "abcdefgh",
                                                    "new_password2": "abcdefgh"})
    assert weak.status_code == 200 and "密码长度太短" in weak.content.decode()
    new = "Jingji-ban-2026"
    done = client.post(reverse("password_change"), {"old_password": "luoshi-test-2025", "new_password1": new,
                                                    "new_password2": new})
    assert done.status_code == 302
    assert Client().login(username="jingji", password="Jingji-ban-2026")
    assert security_events().filter(action="auth.password_change", actor=cast.staff).exists()
