"""Chasing (催报与督办): the office chases departments for their rows, in the app and through the notice channels;
issues numbered 督办单 with a reply deadline, as .docx; the department's reply closes one; an unanswered one goes
to the department's 分管领导. Every chase is audited and shows on the row. The clock: 2025-06-27."""

from __future__ import annotations

import io
import re
from io import StringIO

import pytest
import supervision_fixtures as fixtures
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from supervision_fixtures import submit
from test_alerts_and_reminders import robot  # noqa: F401  (fixture: a local group-robot webhook)

from web.accounts.models import Department
from web.audit.models import AuditEvent
from web.directives.models import Chase, SupervisionNotice

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def office(supervised, settings):
    """The cast with e-mail addresses and 经济发展办's 责任人 (jingji) and 分管领导 (lingdao)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for who in ("staff", "other_staff", "supervisor", "leader"):
        user = getattr(supervised, who)
        user.email = f"{user.username}@shuikou.example"
        user.save()
    Department.objects.filter(pk=supervised.departments["经济发展办"].pk).update(
        responsible=supervised.staff, leader_in_charge=supervised.leader)
    return supervised


def chase(client, cast, *keys, message="请于本周内报送"):
    return client.post(reverse("chase", args=[cast.plan.pk]),
                       {"tasks": [cast.tasks[k].pk for k in keys], "message": message, "send": "1"})


def issue(client, cast, *keys, due="2025-07-02", requirement="请书面报告推进情况和下步措施"):
    return client.post(reverse("notice_new", args=[cast.plan.pk]),
                       {"tasks": [cast.tasks[k].pk for k in keys], "requirement": requirement, "reply_due": due})


def test_the_chase_page_offers_the_rows_not_reported_by_department_naming_the_person_responsible(as_, office):
    page = as_("supervisor").get(reverse("chase", args=[office.plan.pk])).content.decode()
    assert "经济发展办 · 责任人 jingji · 分管领导 lingdao" in page
    assert all(office.tasks[k].text[:20] in page for k in ("t1", "t2", "t3", "t4"))


def test_a_chase_reaches_the_department_by_mail_and_robot_and_is_recorded(as_, office, robot, monkeypatch):  # noqa: F811
    url, received = robot
    monkeypatch.setenv("LUOSHI_WEBHOOK_URL", url)
    response = chase(as_("supervisor"), office, "t1", "t2", "t3")
    assert response.status_code == 302
    chases = {c.department.name: c for c in Chase.objects.all()}
    assert set(chases) == {"经济发展办", "规划建设办"}  # by lead department: t2 is 规划建设办's
    assert [t.pk for t in chases["经济发展办"].tasks.all()] == [office.tasks["t1"].pk, office.tasks["t3"].pk]
    jingji = next(m for m in mail.outbox if m.to == ["jingji@shuikou.example"])
    assert "【催报】经济发展办:2项任务" in jingji.subject and "责任人:jingji" in jingji.body
    assert "请于本周内报送" in jingji.body and len(received) == 2
    assert chases["经济发展办"].sent == {"email": 1, "webhook": 1, "failed": 0}
    assert AuditEvent.objects.filter(action="chase.send", actor=office.supervisor, plan_id=office.plan.pk).count() == 2


def test_a_chase_shows_on_the_departments_workbench_and_on_the_row_until_reported(as_, office):
    chase(as_("supervisor"), office, "t1", "t3")
    workbench = as_("staff").get("/").content.decode()
    assert "收到的催报" in workbench and "已报 0/2" in workbench
    row = as_("supervisor").get(reverse("task_table", args=[office.plan.pk])).content.decode()
    assert row.count("已催报 06-27") == 2
    assert "已报送 0/2" in as_("staff").get(reverse("progress_report", args=[office.tasks["t3"].pk])).content.decode()
    submit(office, "t3", "2025-06", 40)
    assert "已报 1/2" in as_("staff").get("/").content.decode()


def test_notices_are_numbered_in_the_issuers_series_one_per_department(as_, office):
    client = as_("supervisor")
    issue(client, office, "t3")
    issue(client, office, "t1", "t2")
    labels = sorted((n.number, n.department.name) for n in SupervisionNotice.objects.all())
    assert labels == [(1, "经济发展办"), (2, "经济发展办"), (3, "规划建设办")]
    assert str(SupervisionNotice.objects.get(number=3)) == "督办〔2025〕3号"


def test_a_notice_downloads_as_a_word_document_with_its_rows_requirement_and_deadline(as_, office):
    client = as_("supervisor")
    issue(client, office, "t1", "t3")
    notice = SupervisionNotice.objects.get()
    response = client.get(reverse("notice_docx", args=[notice.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    cells = [c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells]
    assert "督办〔2025〕1号" in text and "经济发展办(责任人:jingji)" in text
    assert "请书面报告推进情况和下步措施" in text and "请于2025年7月2日前回复办理情况" in text
    assert office.tasks["t1"].text in cells and "红灯、逾期" in cells
    assert AuditEvent.objects.filter(action="export.notice", actor=office.supervisor).exists()


def test_the_departments_reply_closes_the_notice_and_reaches_the_office(as_, office):
    issue(as_("supervisor"), office, "t3")
    notice = SupervisionNotice.objects.get()
    assert "待回复的督办单" in as_("staff").get("/").content.decode()
    as_("staff").post(reverse("notice_reply", args=[notice.pk]), {"text": "已约谈企业,7月底前签约"})
    notice.refresh_from_db()
    assert notice.status == "closed" and notice.replied_by == office.staff
    assert any(m.to == ["duban@shuikou.example"] and "已约谈企业" in m.body for m in mail.outbox)
    assert "已约谈企业" in as_("supervisor").get("/").content.decode()  # 最近的督办回复
    assert AuditEvent.objects.filter(action="notice.reply", actor=office.staff).exists()


@pytest.mark.parametrize(("role", "read", "reply"), [("staff", 200, 302), ("leader", 200, 403),
                                                     ("other_staff", 404, 404), ("attacker", 404, 404),
                                                     ("outsider", 404, 404), ("supervisor", 200, 403)])
def test_a_notice_is_read_by_the_office_leaders_and_its_department_and_answered_by_the_department(
        as_, office, role, read, reply):
    issue(as_("supervisor"), office, "t3")
    notice = SupervisionNotice.objects.get()
    client = as_(role)
    assert client.get(reverse("notice_detail", args=[notice.pk])).status_code == read
    assert client.get(reverse("notice_docx", args=[notice.pk])).status_code == read
    assert client.post(reverse("notice_reply", args=[notice.pk]), {"text": "办结"}).status_code == reply
    notice.refresh_from_db()
    assert notice.is_open == (reply != 302)


def test_an_unanswered_notice_goes_to_the_leader_in_charge_once_after_its_deadline(as_, office):
    issue(as_("supervisor"), office, "t3", due="2025-06-30")
    with time_machine.travel("2025-06-30 09:00+08:00", tick=False):
        call_command("escalate_notices", stdout=StringIO())
    assert SupervisionNotice.objects.get().escalated_at is None  # the deadline is today: not yet
    with time_machine.travel("2025-07-01 09:00+08:00", tick=False):
        out = StringIO()
        call_command("escalate_notices", stdout=out)
        call_command("escalate_notices", stdout=StringIO())
        assert "督办〔2025〕1号 经济发展办 → lingdao" in out.getvalue()
        assert any(m.to == ["lingdao@shuikou.example"] and "逾期未回复" in m.body for m in mail.outbox)
        workbench = as_("leader").get("/").content.decode()
        assert re.search(r'<span class="n">1</span>提请您督办的督办单', workbench)
        assert "已逾期" in as_("staff").get("/").content.decode()
    notice = SupervisionNotice.objects.get()
    assert notice.escalated_to == office.leader
    assert AuditEvent.objects.filter(action="notice.escalate").count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"due": "2025-06-20"}, "回复时限不能早于今天"),
    ({"requirement": " "}, "这个字段是必填项"),
])
def test_it_refuses_a_notice_it_cannot_keep_and_says_why(as_, office, data, message):
    response = issue(as_("supervisor"), office, "t3", **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not SupervisionNotice.objects.exists()


def test_a_chase_for_another_departments_row_or_another_plan_is_refused(office):
    from django.core.exceptions import ValidationError

    from web.directives.chases import send_chases

    with pytest.raises(ValidationError, match="不是经济发展办在本规划中的任务"):
        send_chases(office.supervisor, office.plan, {office.departments["经济发展办"]: [office.tasks["t4"]]})
    assert not Chase.objects.exists()


@pytest.mark.parametrize("role", ["staff", "leader", "attacker", "outsider"])
def test_only_the_office_chases_and_issues_notices(as_, office, role):
    client = as_(role)
    assert chase(client, office, "t3").status_code in (403, 404)
    assert issue(client, office, "t3").status_code in (403, 404)
    assert not Chase.objects.exists() and not SupervisionNotice.objects.exists()


def test_the_task_table_hands_the_ticked_rows_to_the_chase_page(as_, office):
    response = as_("supervisor").post(reverse("chase", args=[office.plan.pk]),
                                      {"tasks": [office.tasks["t3"].pk], "choose": "1", "lead": ""})
    page = response.content.decode()
    assert response.status_code == 200 and not Chase.objects.exists()
    assert office.tasks["t3"].text[:20] in page and office.tasks["t1"].text[:20] not in page
