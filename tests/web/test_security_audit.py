"""Security events (安全事件) in the audit log: logins, logouts, failed logins, refusals, exports — each with
who, when, from which address, and kept off the plan's change history."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.test import Client
from django.urls import reverse
from supervision_fixtures import submit, upload

from web.audit.models import AuditEvent
from web.audit.services import SECURITY_ACTIONS, action_label, record_security, security_events

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below


def only(action: str) -> AuditEvent:
    return security_events().get(action=action)


def test_a_login_is_recorded_with_the_user_and_address(cast):
    client = Client(REMOTE_ADDR="192.168.3.4")
    client.post(reverse("login"), {"username": "jingji", "password": "luoshi-test-2025"})
    event = only("auth.login")
    assert (event.actor, event.ip, event.object_type, event.object_id) == (cast.staff, "192.168.3.4", "auth.user",
                                                                          str(cast.staff.pk))


def test_a_logout_is_recorded(as_, cast):
    as_("leader").post(reverse("logout"))
    assert only("auth.logout").actor == cast.leader


def test_a_failed_login_is_recorded_with_the_username_tried_and_no_password(db):
    Client(REMOTE_ADDR="10.1.1.1").post(reverse("login"), {"username": "duban", "password": "s3cret-guess"})
    event = only("auth.login_failed")
    assert (event.actor, event.actor_name, event.object_repr, event.ip) == (None, "duban", "duban", "10.1.1.1")
    assert "s3cret-guess" not in str(AuditEvent.objects.values_list())


def test_a_refused_request_is_recorded_with_the_user_and_the_page(as_, cast):
    url = reverse("task_edit", args=[cast.tasks["t1"].pk])
    assert as_("staff").post(url, {"text": "x"}).status_code == 403
    event = only("access.denied")
    assert event.actor == cast.staff and event.note == f"POST {url}"


def test_the_task_table_export_is_recorded(as_, cast):
    cast.plan.published = True
    cast.plan.save()
    as_("public").get(reverse("export_xlsx", args=[cast.plan.pk]))
    event = only("export.task_table")
    assert event.actor is None and event.actor_name == "匿名访客"
    assert (event.object_type, event.object_id) == ("plans.plan", str(cast.plan.pk))


def test_a_bulletin_download_is_recorded(as_, supervised, mid_year):
    response = as_("leader").get(reverse("bulletin_download", args=[supervised.plan.pk, "2025-06", "docx"]))
    assert response.status_code == 200
    event = only("export.bulletin")
    assert event.actor == supervised.leader and event.note == "2025-06.docx"


def test_an_evidence_download_is_recorded(as_, supervised, mid_year):
    report = submit(supervised, files=[upload()])
    as_("supervisor").get(reverse("evidence", args=[report.evidence.get().pk]))
    assert only("export.evidence").actor == supervised.supervisor


def test_security_events_stay_off_the_plans_change_history(as_, cast):
    as_("supervisor").get(reverse("export_xlsx", args=[cast.plan.pk]))
    page = as_("supervisor").get(reverse("plan_history", args=[cast.plan.pk])).content.decode()
    assert security_events().filter(action="export.task_table").exists()
    assert "导出任务分解表" not in page and "登录" not in page.split("<main>")[1].split("</main>")[0]


@pytest.mark.parametrize("action", sorted(SECURITY_ACTIONS))
def test_every_security_action_has_a_chinese_label(action):
    assert action_label(action) != action


def test_only_security_actions_are_recorded_as_security_events(db):
    with pytest.raises(ValueError):
        record_security(None, "task.edit")


def test_an_anonymous_flood_of_refusals_writes_one_row_and_no_traceback(cast, caplog):
    cast.plan.published = True  # the attacker, logged out, hammers an edit page of a plan she can read
    cast.plan.save()
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("task_edit", args=[cast.tasks["t1"].pk])
    with caplog.at_level("WARNING"):
        assert all(client.post(url, {"text": "x"}).status_code == 403 for _ in range(30))
    event = only("access.denied")
    assert event.actor is None and event.ip == "203.0.113.9" and "不再逐条记录" in event.note
    assert not [r for r in caplog.records if r.exc_info or getattr(r, "status_code", None) == 403]


def test_anonymous_refusals_are_recorded_again_after_a_minute_and_per_address(cast):
    import time_machine

    cast.plan.published = True
    cast.plan.save()
    url = reverse("task_edit", args=[cast.tasks["t1"].pk])
    with time_machine.travel("2025-06-02 09:00+08:00", tick=False) as clock:
        Client(REMOTE_ADDR="203.0.113.9").post(url)
        Client(REMOTE_ADDR="203.0.113.10").post(url)
        clock.shift(61)
        Client(REMOTE_ADDR="203.0.113.9").post(url)
    assert security_events().filter(action="access.denied").count() == 3


def test_a_signed_in_users_every_refusal_is_recorded(as_, cast):
    client = as_("attacker")
    for _ in range(3):
        client.post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "x"})
    assert security_events().filter(action="access.denied", actor=cast.attacker).count() == 3
