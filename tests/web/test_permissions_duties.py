"""The permission matrix for the three administrators (三员分立, 访问控制): each reaches the pages of its own
duty and nothing of the others', and none reads or changes plan data without a plan role of its own."""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_permissions import CASES, _argument, _data, _no_extraction

from web.audit.services import change_events

ADMINS = ("sysadmin", "secadmin", "auditor")
EVERYONE = ("supervisor", "staff", "leader", "outsider", *ADMINS)
OK, MOVED, DENIED, LOGIN = 200, 302, 403, "login"

# (page, method, url name, args): who may use it; every other signed-in user gets 403, the public the login page.
DUTY_PAGES = [
    ("accounts", "get", "manage_accounts", None, "sysadmin"),
    ("configuration", "get", "manage_configuration", None, "sysadmin"),
    ("reset password", "post", "manage_reset_password", "staff", "sysadmin"),
    ("deactivate", "post", "manage_set_active", "staff", "sysadmin"),
    ("security", "get", "manage_security", None, "secadmin"),
    ("reset 2fa", "post", "manage_reset_two_factor", "staff", "secadmin"),
    ("audit policy", "post", "manage_audit_policy", None, "secadmin"),
    ("audit log", "get", "audit_log", None, "auditor"),
    ("audit export csv", "get", "audit_export", "csv", "auditor"),
    ("audit export xlsx", "get", "audit_export", "xlsx", "auditor"),
    ("verify chain", "post", "audit_verify", None, "auditor"),
]
DUTY_CASES = [(page, method, name, arg, holder, role) for page, method, name, arg, holder in DUTY_PAGES
              for role in (*EVERYONE, "public")]


def _args(arg, cast):
    if arg is None:
        return []
    if arg in ("csv", "xlsx"):
        return [arg]
    return [getattr(cast, arg).pk]


@pytest.mark.parametrize(("page", "method", "name", "arg", "holder", "role"), DUTY_CASES,
                         ids=[f"{c[0]}-{c[5]}" for c in DUTY_CASES])
def test_each_duty_page_is_for_its_holder_only(as_, cast, page, method, name, arg, holder, role):
    client = as_(role)
    url = reverse(name, args=_args(arg, cast))
    data = {"active": "0", "ip_retention_days": "200", "archive_after_days": "0"}
    response = client.post(url, data) if method == "post" else client.get(url)
    if role == "public":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif role == holder:
        assert response.status_code in (OK, MOVED)
    else:
        assert response.status_code == DENIED


ADMIN_PLAN_CASES = [(view, call, role) for view, call, role, expected in CASES if role == "outsider"
                    for role in ADMINS]


@pytest.mark.parametrize(("view", "call", "role"), ADMIN_PLAN_CASES,
                         ids=[f"{view}-{role}" for view, _, role in ADMIN_PLAN_CASES])
def test_no_administrator_reads_or_changes_a_plan(as_, cast, view, call, role, monkeypatch):
    from web.plans import import_services as services

    monkeypatch.setattr(services, "preview_import", _no_extraction)
    method, name, kind, data = call
    url = reverse(name, args=_argument(kind, cast))
    payload = _data(data, cast)  # what the request refers to exists before the count
    before = change_events().count()
    client = as_(role)
    response = client.post(url, payload) if method == "post" else client.get(url)
    if view in ("home", "plan list"):  # lists the published plans, as the public sees them
        assert response.status_code == OK and cast.plan.title not in response.content.decode()
    else:
        assert response.status_code in (404, 403)
    assert change_events().count() == before


def test_the_home_page_links_each_administrator_to_their_duty(as_):
    for role, label in (("sysadmin", "系统管理员"), ("secadmin", "安全管理员"), ("auditor", "审计管理员")):
        assert label in as_(role).get(reverse("home")).content.decode()
    assert "管理员" not in as_("supervisor").get(reverse("home")).content.decode()


def test_a_superuser_holds_no_duty_until_granted(cast, django_user_model, client):
    root = django_user_model.objects.create_superuser("root", password="Root-pass-2025")
    client.force_login(root)
    assert client.get(reverse("audit_log")).status_code == DENIED
    assert client.get(reverse("manage_security")).status_code == DENIED


def test_grant_duty_gives_one_duty_per_person(cast):
    from django.core.management import CommandError, call_command

    call_command("grant_duty", "lingdao", "audit")
    with pytest.raises(CommandError, match="三员不能由一人兼任"):
        call_command("grant_duty", "lingdao", "security")
    call_command("grant_duty", "lingdao", "--revoke")
