"""The office runs its people (部门与人员): departments with aliases, 分管领导 and 责任人; accounts with their role
and department; a password reset; deactivation. All audited, none through the admin site."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from web.accounts.models import Department, LoginThrottle, Membership
from web.audit.models import AuditEvent
from web.plans.access import can_report_on_task
from web.plans.services import assign_task

PASSWORD = "luoshi-test-2025"


def membership(cast, who):
    return Membership.objects.get(user=getattr(cast, who), issuer=cast.town)


def test_the_office_page_lists_departments_and_accounts(as_, cast):
    page = as_("supervisor").get(reverse("office", args=[cast.town.pk])).content.decode()
    for name in ("经济发展办", "经发办、经济发展办公室", "规划建设办", "jingji", "lingdao", "tanzi"):
        assert name in page, name
    assert "yueshan" not in page  # 月山镇's supervisor is not 水口镇's
    assert not cast.supervisor.is_staff  # no admin site needed for any of this


def test_the_menu_leads_the_office_to_its_own_page(as_, cast):
    client = as_("supervisor")
    assert "部门与人员" in client.get("/").content.decode()
    assert client.get(reverse("office_home"))["Location"] == reverse("office", args=[cast.town.pk])
    assert "部门与人员" not in as_("staff").get("/").content.decode()


def test_the_office_adds_a_department_with_aliases_and_a_leader_in_charge(as_, cast):
    response = as_("supervisor").post(reverse("department_add", args=[cast.town.pk]), {
        "name": "农业农村办", "aliases": "农办、农业办", "order": "5", "leader_in_charge": cast.leader.pk})
    assert response.status_code == 302
    department = Department.objects.get(issuer=cast.town, name="农业农村办")
    assert department.leader_in_charge == cast.leader and Department.lookup(cast.town, "镇农业办") == department
    event = AuditEvent.objects.get(action="department.add")
    assert event.actor == cast.supervisor and event.after["leader_in_charge"] == "lingdao"


def test_a_departments_leader_in_charge_is_its_rows_leader_in_charge(as_, cast):
    assign_task(cast.supervisor, cast.tasks["t3"], lead=cast.departments["经济发展办"])
    department = cast.departments["经济发展办"]
    as_("supervisor").post(reverse("department_edit", args=[department.pk]), {
        "name": department.name, "aliases": department.aliases, "order": "0", "leader_in_charge": cast.leader.pk,
        "responsible": cast.staff.pk})
    task = type(cast.tasks["t3"]).objects.get(pk=cast.tasks["t3"].pk)
    assert task.effective_leader_in_charge() == cast.leader and task.effective_responsible() == cast.staff
    assert AuditEvent.objects.get(action="department.edit").before["leader_in_charge"] is None


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "规划建设办"}, "已有名为“规划建设办”的部门"),
    ({"name": "新部门", "leader_in_charge": "staff"}, "选择一个有效的选项"),  # only the town's leaders are offered
])
def test_it_refuses_a_department_it_cannot_keep_and_says_why(as_, cast, data, message):
    data = {k: (getattr(cast, v).pk if k == "leader_in_charge" else v) for k, v in data.items()}
    response = as_("supervisor").post(reverse("department_add", args=[cast.town.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not AuditEvent.objects.filter(action="department.add").exists()


def test_the_office_adds_an_account_whose_temporary_password_is_shown_once_and_works(as_, cast):
    response = as_("supervisor").post(reverse("account_add", args=[cast.town.pk]), {
        "username": "caizheng", "full_name": "财政所 李四", "email": "li@example.cn", "role": "staff",
        "department": cast.departments["财政所"].pk})
    password = re.search(r'<code id="temporary-password">([^<]+)</code>', response.content.decode())[1]
    assert "no-store" in response["Cache-Control"]
    assert Client().login(username="caizheng", password=password)
    event = AuditEvent.objects.get(action="account.add")
    assert password not in str(event.after) + event.note and event.after["department"] == "财政所"


def test_moving_someone_to_another_department_moves_what_they_report_on(as_, cast):
    assign_task(cast.supervisor, cast.tasks["t4"], lead=cast.departments["党政办"])
    task = type(cast.tasks["t4"]).objects.get(pk=cast.tasks["t4"].pk)
    as_("supervisor").post(reverse("account_edit", args=[membership(cast, "staff").pk]), {
        "full_name": "张三", "email": "", "role": "staff", "department": cast.departments["党政办"].pk})
    staff = get_user_model().objects.get(pk=cast.staff.pk)
    assert can_report_on_task(staff, task)
    assert AuditEvent.objects.get(action="account.edit").after["department"] == "党政办"


def test_a_reset_password_replaces_the_old_one_and_lifts_a_lockout(as_, cast):
    LoginThrottle.objects.create(key="user:jingji", failures=5, window_start="2025-01-01T00:00Z",
                                 locked_until="2099-01-01T00:00Z")
    response = as_("supervisor").post(reverse("account_password", args=[membership(cast, "staff").pk]))
    password = re.search(r'<code id="temporary-password">([^<]+)</code>', response.content.decode())[1]
    assert not Client().login(username="jingji", password=PASSWORD)
    assert Client().login(username="jingji", password=password)
    assert not LoginThrottle.objects.filter(key="user:jingji").exists()
    assert AuditEvent.objects.filter(action="account.reset_password", actor=cast.supervisor).exists()


def test_a_deactivated_account_is_logged_out_and_cannot_log_in(as_, cast):
    theirs = as_("attacker")
    assert theirs.get("/").status_code == 200
    as_("supervisor").post(reverse("account_active", args=[membership(cast, "attacker").pk]), {"active": "0"})
    assert theirs.get(reverse("task_table", args=[cast.plan.pk])).status_code == 404  # the session is over
    assert not Client().login(username="tanzi", password=PASSWORD)
    as_("supervisor").post(reverse("account_active", args=[membership(cast, "attacker").pk]), {"active": "1"})
    assert Client().login(username="tanzi", password=PASSWORD)


def test_the_office_cannot_lock_itself_out(as_, cast):
    client = as_("supervisor")
    client.post(reverse("account_active", args=[membership(cast, "supervisor").pk]), {"active": "0"})
    assert get_user_model().objects.get(pk=cast.supervisor.pk).is_active
    assert "不能停用自己的账号" in client.get("/").content.decode()


def test_an_account_that_belongs_to_another_issuer_too_is_not_the_offices_to_change(as_, cast):
    Membership.objects.create(user=cast.staff, issuer=cast.other_town, role="staff",
                              department=Department.objects.get(issuer=cast.other_town))
    response = as_("supervisor").post(reverse("account_password", args=[membership(cast, "staff").pk]))
    assert response.status_code == 403 and not AuditEvent.objects.filter(action="account.reset_password").exists()


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("leader", 403), ("attacker", 403), ("outsider", 404)])
def test_only_the_issuers_own_office_runs_its_people(as_, cast, role, status):
    client = as_(role)
    assert client.get(reverse("office", args=[cast.town.pk])).status_code == status
    assert client.post(reverse("account_password", args=[membership(cast, "supervisor").pk])).status_code == status
    assert client.post(reverse("department_add", args=[cast.town.pk]), {"name": "影子部门"}).status_code == status
    assert not Department.objects.filter(name="影子部门").exists()


def test_a_county_office_does_not_run_a_towns_people(as_, cast):
    Membership.objects.filter(user=cast.outsider).update(issuer=cast.county)  # 开平市's 督查室 now
    assert as_("outsider").get(reverse("office", args=[cast.town.pk])).status_code == 403


def test_the_office_names_a_rows_own_leader_in_charge_and_the_leader_cannot(as_, cast):
    task = cast.tasks["t2"]
    as_("leader").post(reverse("task_people", args=[task.pk]), {"leader_in_charge": cast.leader.pk})
    assert type(task).objects.get(pk=task.pk).leader_in_charge is None
    as_("supervisor").post(reverse("task_people", args=[task.pk]), {"leader_in_charge": cast.leader.pk,
                                                                    "responsible": cast.other_staff.pk})
    task = type(task).objects.get(pk=task.pk)
    assert (task.leader_in_charge, task.responsible) == (cast.leader, cast.other_staff)
    page = as_("staff").get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "<dt>分管领导</dt><dd>lingdao" in page


def test_the_service_refuses_a_leader_in_charge_who_is_not_the_issuers_leader(cast):
    from django.core.exceptions import ValidationError

    from web.accounts.people_services import add_department

    with pytest.raises(ValidationError, match="不是水口镇人民政府的领导"):
        add_department(cast.supervisor, cast.town, name="新部门", leader_in_charge=cast.staff)
