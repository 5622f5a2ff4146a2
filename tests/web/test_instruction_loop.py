"""The loop of a leader's 批示: written on a row, a department or the plan (from the dashboard, the one-page view or
the row), naming who must act and by when; the departments reply; the leader sees the replies. It shows on the
row, its progress page and the workbenches. The clock: 2025-06-27."""

from __future__ import annotations

import re

import pytest
import supervision_fixtures as fixtures
from django.core import mail
from django.urls import reverse

from web.audit.models import AuditEvent
from web.directives.models import InstructionReply
from web.plans.models import Instruction

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def leader_with_mail(supervised, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for who in ("staff", "leader"):
        user = getattr(supervised, who)
        user.email = f"{user.username}@shuikou.example"
        user.save()
    return supervised


def write(client, cast, *, task=None, department=None, addressees=("经济发展办",), due="2025-07-04",
          text="请抓紧对接签约企业,月底前报告进展"):
    data = {"text": text, "due": due, "addressees": [cast.departments[d].pk for d in addressees]}
    if task:
        data["task"] = cast.tasks[task].pk
    if department:
        data["department"] = cast.departments[department].pk
    return client.post(reverse("instruction_new", args=[cast.plan.pk]), data)


def test_the_one_page_view_lets_the_leader_instruct_on_the_plan_a_row_or_a_department(as_, supervised):
    page = as_("leader").get(reverse("leader_view", args=[supervised.plan.pk])).content.decode()
    assert 'id="instruct-plan"' in page and f"?task={supervised.tasks['t1'].pk}" in page
    assert f"?department={supervised.departments['经济发展办'].pk}" in page  # from the department ranking
    assert "instruct-plan" not in as_("supervisor").get(reverse("leader_view", args=[supervised.plan.pk])
                                                         ).content.decode()


def test_a_plan_wide_instruction_names_who_acts_by_when_and_tells_them(as_, leader_with_mail):
    cast = leader_with_mail
    response = write(as_("leader"), cast, addressees=("经济发展办", "规划建设办"))
    instruction = Instruction.objects.get()
    assert response["Location"] == reverse("instruction_detail", args=[instruction.pk])
    assert (instruction.task, instruction.department, str(instruction.due)) == (None, None, "2025-07-04")
    assert sorted(d.name for d in instruction.addressees.all()) == ["经济发展办", "规划建设办"]
    jingji = next(m for m in mail.outbox if m.to == ["jingji@shuikou.example"])
    assert "【领导批示】" in jingji.subject and "请于2025年7月4日前办理并回复" in jingji.body
    assert AuditEvent.objects.get(action="instruction.write").after["addressees"] == ["经济发展办", "规划建设办"]


def test_a_rows_form_starts_with_the_rows_departments_and_a_departments_with_the_department(as_, supervised):
    from web.plans.services import assign_task

    assign_task(supervised.supervisor, supervised.tasks["t2"], lead=supervised.departments["规划建设办"],
                cooperating=[supervised.departments["经济发展办"]])
    client = as_("leader")
    row = client.get(reverse("instruction_new", args=[supervised.plan.pk]), {"task": supervised.tasks["t2"].pk})
    assert [d.name for d in row.context["form"].initial["addressees"]] == ["规划建设办", "经济发展办"]
    department = client.get(reverse("instruction_new", args=[supervised.plan.pk]),
                            {"department": supervised.departments["财政所"].pk})
    assert [d.name for d in department.context["form"].initial["addressees"]] == ["财政所"]


def test_the_department_replies_and_the_leader_sees_the_reply(as_, leader_with_mail):
    cast = leader_with_mail
    write(as_("leader"), cast, task="t3")
    instruction = Instruction.objects.get()
    staff = as_("staff")
    assert "待回复的领导批示" in staff.get("/").content.decode()
    staff.post(reverse("instruction_reply", args=[instruction.pk]), {"text": "已对接3家企业,2家有意向"})
    assert InstructionReply.objects.get().department == cast.departments["经济发展办"]
    assert any(m.to == ["lingdao@shuikou.example"] and "已对接3家企业" in m.body for m in mail.outbox)
    leader = as_("leader")
    assert re.search(r'<span class="n">1</span>批示的新回复', leader.get("/").content.decode())
    assert "已对接3家企业" in leader.get(reverse("instruction_detail", args=[instruction.pk])).content.decode()
    assert re.search(r'<span class="n">0</span>批示的新回复', leader.get("/").content.decode())  # read now
    assert "已对接3家企业" in leader.get(reverse("leader_view", args=[cast.plan.pk])).content.decode()


def test_an_instruction_on_a_row_shows_on_the_row_and_its_progress_page(as_, supervised):
    write(as_("leader"), supervised, task="t3")
    table = as_("supervisor").get(reverse("task_table", args=[supervised.plan.pk])).content.decode()
    assert "批示 1 待回复" in table
    progress = as_("staff").get(reverse("progress_report", args=[supervised.tasks["t3"].pk])).content.decode()
    assert "请抓紧对接签约企业" in progress and "回复批示" in progress
    assert "请抓紧对接签约企业" in as_("other_staff").get(reverse("task_detail", args=[supervised.tasks["t3"].pk])
                                                         ).content.decode()


def test_the_office_follows_up_instructions_awaiting_a_reply(as_, supervised):
    write(as_("leader"), supervised, department="经济发展办")
    assert re.search(r'<span class="n">1</span>批示待回复', as_("supervisor").get("/").content.decode())


@pytest.mark.parametrize(("role", "status"), [("supervisor", 403), ("staff", 403), ("attacker", 403),
                                              ("outsider", 404), ("public", 302)])
def test_only_leaders_write_instructions(as_, supervised, role, status):
    assert write(as_(role), supervised).status_code == status
    assert not Instruction.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("other_staff", 403), ("attacker", 403), ("leader", 403),
                                              ("outsider", 404)])
def test_only_an_addressed_department_replies(as_, supervised, role, status):
    write(as_("leader"), supervised)
    instruction = Instruction.objects.get()
    assert as_(role).post(reverse("instruction_reply", args=[instruction.pk]), {"text": "冒名回复"}).status_code \
        == status
    assert not InstructionReply.objects.exists()


@pytest.mark.parametrize(("data", "message"), [({"text": " "}, "这个字段是必填项"),
                                               ({"due": "2025-06-01"}, "办理时限不能早于今天"),
                                               ({"addressees": ()}, "请选择办理单位")])
def test_it_refuses_an_instruction_it_cannot_keep_and_says_why(as_, supervised, data, message):
    response = write(as_("leader"), supervised, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Instruction.objects.exists()
