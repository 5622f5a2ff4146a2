"""The password lifecycle (密码生命周期, 身份鉴别): a forced change at first login for accounts an administrator
creates or resets, expiry after LUOSHI_PASSWORD_MAX_AGE_DAYS, no reuse of the last LUOSHI_PASSWORD_HISTORY."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from web.accounts.models import AccountSecurity, Membership
from web.audit.models import AuditEvent

NEW = "Xinmima-2025!"


def login(username: str, password: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
    return client


def change(client, old: str, new: str):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def create(as_, cast, **extra) -> tuple[str, str]:
    data = {"username": "xinren", "full_name": "新人", "issuer": cast.town.pk, "role": "staff",
            "department": cast.departments["经济发展办"].pk, **extra}
    page = as_("sysadmin").post(reverse("manage_accounts"), data).content.decode()
    return "xinren", re.search(r'id="temporary-password">([^<]+)<', page).group(1)


def test_the_system_administrator_creates_an_account_with_a_temporary_password(as_, cast):
    username, password = create(as_, cast)
    user = get_user_model().objects.get(username=username)
    assert user.check_password(password) and user.first_name == "新人"
    assert Membership.objects.get(user=user).department == cast.departments["经济发展办"]
    assert AuditEvent.objects.filter(action="account.create", object_id=str(user.pk), actor_name="xitong").exists()


def test_a_created_account_must_change_its_password_before_any_page(as_, cast):
    username, password = create(as_, cast)
    client = login(username, password)
    response = client.get(reverse("task_table", args=[cast.plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("password_change"))
    assert "第一次登录" in client.get(reverse("password_change")).content.decode()
    assert change(client, password, NEW).status_code == 302
    assert client.get(reverse("task_table", args=[cast.plan.pk])).status_code == 200
    assert not AccountSecurity.objects.get(user__username=username).must_change_password


def test_a_reset_password_must_be_changed_too(as_, cast):
    page = as_("sysadmin").post(reverse("manage_reset_password", args=[cast.staff.pk])).content.decode()
    password = re.search(r'id="temporary-password">([^<]+)<', page).group(1)
    client = login("jingji", password)
    assert client.get(reverse("home"))["Location"].startswith(reverse("password_change"))
    assert AuditEvent.objects.filter(action="account.password_reset", object_id=str(cast.staff.pk)).exists()


def test_an_expired_password_must_be_changed(cast, settings):
    settings.LUOSHI_PASSWORD_MAX_AGE_DAYS = 90
    AccountSecurity.objects.update_or_create(user=cast.staff,
                                             defaults={"password_changed_at": timezone.now() - dt.timedelta(days=91)})
    client = login("jingji", "luoshi-test-2025")
    assert client.get(reverse("home"))["Location"].startswith(reverse("password_change"))
    assert "超过 90 天" in client.get(reverse("password_change")).content.decode()


def test_a_password_does_not_expire_in_the_demo(cast):
    AccountSecurity.objects.update_or_create(user=cast.staff,
                                             defaults={"password_changed_at": timezone.now() - dt.timedelta(days=900)})
    assert login("jingji", "luoshi-test-2025").get(reverse("home")).status_code == 200


def test_it_refuses_a_recent_password_again(cast, settings):
    settings.LUOSHI_PASSWORD_HISTORY = 3
    client = login("jingji", "luoshi-test-2025")
    assert change(client, "luoshi-test-2025", NEW).status_code == 302
    refused = change(client, NEW, "luoshi-test-2025")
    assert refused.status_code == 200 and "最近使用过的 3 个密码" in refused.content.decode()
    assert change(client, NEW, "Another-pass-2025").status_code == 302


def test_history_is_off_in_the_demo(cast):
    client = login("jingji", "luoshi-test-2025")
    assert change(client, "luoshi-test-2025", NEW).status_code == 302
    assert change(client, NEW, "luoshi-test-2025").status_code == 302


def test_administrator_accounts_are_not_managed_from_the_page(as_, cast):
    client = as_("sysadmin")
    response = client.post(reverse("manage_reset_password", args=[cast.auditor.pk]), follow=True)
    assert "管理员账号只能在服务器上用命令处理" in response.content.decode()
    cast.auditor.refresh_from_db()
    assert cast.auditor.check_password("luoshi-test-2025")
    as_("sysadmin").post(reverse("manage_reset_password", args=[cast.sysadmin.pk]))
    cast.sysadmin.refresh_from_db()
    assert cast.sysadmin.check_password("luoshi-test-2025")


def test_a_deactivated_account_cannot_log_in(as_, cast):
    as_("sysadmin").post(reverse("manage_set_active", args=[cast.staff.pk]), {"active": "0"})
    response = Client().post(reverse("login"), {"username": "jingji", "password": "luoshi-test-2025"})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="account.deactivate", object_id=str(cast.staff.pk)).exists()


def test_an_account_from_before_expiry_starts_its_clock_at_its_next_login(cast, settings):
    settings.LUOSHI_PASSWORD_MAX_AGE_DAYS = 90
    AccountSecurity.objects.filter(user=cast.staff).delete()
    assert login("jingji", "luoshi-test-2025").get(reverse("home")).status_code == 200
    assert AccountSecurity.objects.get(user=cast.staff).password_changed_at > timezone.now() - dt.timedelta(minutes=1)
