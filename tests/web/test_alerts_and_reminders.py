"""The alert list (预警) and the reminders (催报): one digest per department, by e-mail and by webhook."""

from __future__ import annotations

from io import StringIO

import pytest
import supervision_fixtures as fixtures
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from robot_server import robot_server
from supervision_fixtures import submit

from web.supervision import services

supervised = fixtures.supervised  # fixtures used below


@pytest.fixture
def robot():
    """A tiny webhook robot on 127.0.0.1 that keeps every JSON body it is sent."""
    with robot_server(lambda path, headers, body: (headers["Content-Type"], body)) as (base, received):
        yield f"{base}/robot/send?key=test", received


@pytest.fixture
def emails(supervised):
    for who in ["staff", "other_staff"]:
        user = getattr(supervised, who)
        user.email = f"{user.username}@shuikou.example"
        user.save()
    return supervised


def test_the_alert_list_names_each_kind(as_, supervised):
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        for _ in range(2):
            services.return_progress_report(supervised.supervisor, submit(supervised, "t3", percent=20), "补充")
    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        page = as_("supervisor").get(reverse("alerts", args=[supervised.plan.pk]))
    kinds = {(a.kind, a.row.task.key) for a in page.context["alerts"]}
    assert {("overdue", "t1"), ("not_reported", "t3"), ("returned_twice", "t3"), ("lagging", "t2")} <= kinds


@pytest.mark.parametrize(("role", "status"), [("leader", 200), ("staff", 403), ("public", 302)])
def test_the_alert_list_is_for_the_supervisor_and_leaders(as_, supervised, role, status):
    assert as_(role).get(reverse("alerts", args=[supervised.plan.pk])).status_code == status


def test_it_mails_one_digest_per_department_after_the_due_day(emails, settings, robot):
    _, received = robot
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        call_command("send_reminders", plan=emails.plan.pk, stdout=StringIO())
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert set(by_to) == {("jingji@shuikou.example",), ("guihua@shuikou.example",)}
    jingji = by_to[("jingji@shuikou.example",)]
    assert "经济发展办" in jingji.subject and "逾期未报" in jingji.body
    assert emails.tasks["t1"].text[:20] in jingji.body and emails.tasks["t3"].text[:20] in jingji.body
    assert received == []  # no webhook configured


def test_it_reminds_before_the_due_day_only_tasks_not_yet_reported(emails, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel("2025-05-20 09:00+08:00", tick=False):
        submit(emails, "t1", "2025-05", 90)
    with time_machine.travel("2025-06-23 09:00+08:00", tick=False):
        submit(emails, "t3", "2025-06", 40)
        submit(emails, "t2", "2025-06", 40)  # 经济发展办 cooperates on t2; 规划建设办 leads it
        call_command("send_reminders", plan=emails.plan.pk, days_before=3, stdout=StringIO())
    body = next(m.body for m in mail.outbox if m.to == ["jingji@shuikou.example"])
    assert "06月25日前报送" in body and "逾期未报" not in body
    assert emails.tasks["t1"].text[:20] in body and emails.tasks["t3"].text[:20] not in body
    assert not any(m.to == ["guihua@shuikou.example"] for m in mail.outbox)


def test_it_posts_each_digest_to_the_webhook(emails, settings, robot, monkeypatch):
    url, received = robot
    monkeypatch.setenv("LUOSHI_WEBHOOK_URL", url)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        call_command("send_reminders", plan=emails.plan.pk, stdout=StringIO())
    assert len(received) == 3  # 经济发展办, 规划建设办, 党政办: one digest each
    content_type, body = received[0]
    assert content_type.startswith("application/json")
    assert body["msgtype"] == "text" and "【督查提醒】" in body["text"]["content"]


def test_a_webhook_that_does_not_answer_is_counted_not_fatal(emails, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setenv("LUOSHI_WEBHOOK_URL", "http://127.0.0.1:9/nothing")  # the discard port: refused
    out = StringIO()
    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        call_command("send_reminders", plan=emails.plan.pk, stdout=out)
    assert "失败 3" in out.getvalue() and len(mail.outbox) == 2
