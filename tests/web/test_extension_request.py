"""Extension requests (延期申请): a department asks, the supervisor approves (the deadline moves) or refuses."""

from __future__ import annotations

import datetime as dt

import pytest
import supervision_fixtures as fixtures
from django.core.exceptions import ValidationError
from django.urls import reverse

from web.audit.models import AuditEvent
from web.supervision import services
from web.supervision.models import ExtensionRequest

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


def ask(as_, task, **data):
    fields = {"requested_deadline": "2025-06-30", "reason": "征地补偿协议尚未签订", **data}
    return as_("staff").post(reverse("request_extension", args=[task.pk]), fields)


def test_it_lets_the_lead_department_ask_for_more_time(as_, supervised):
    assert ask(as_, supervised.tasks["t1"]).status_code == 302
    ext = ExtensionRequest.objects.get()
    assert (ext.status, ext.current_deadline, ext.requested_deadline) == (
        "pending", dt.date(2025, 3, 31), dt.date(2025, 6, 30))
    assert AuditEvent.objects.filter(action="extension.request").exists()


def test_it_refuses_requests_from_other_departments(as_, supervised):
    response = as_("other_staff").post(reverse("request_extension", args=[supervised.tasks["t1"].pk]),
                                       {"requested_deadline": "2025-06-30", "reason": "x"})
    assert response.status_code == 403 and not ExtensionRequest.objects.exists()


def test_approving_moves_the_deadline_with_its_own_audit_row(as_, supervised):
    ask(as_, supervised.tasks["t1"])
    ext = ExtensionRequest.objects.get()
    response = as_("supervisor").post(reverse("decide_extension", args=[ext.pk]), {"decision": "approve"})
    assert response.status_code == 302
    task = supervised.tasks["t1"]
    task.refresh_from_db()
    assert task.deadline == dt.date(2025, 6, 30)
    event = AuditEvent.objects.get(action="task.edit", object_id=str(task.pk))
    assert (event.before["deadline"], event.after["deadline"]) == ("2025-03-31", "2025-06-30")


def test_refusing_needs_a_reason_and_keeps_the_deadline(as_, supervised):
    ask(as_, supervised.tasks["t1"])
    ext = ExtensionRequest.objects.get()
    with pytest.raises(ValidationError, match="理由"):
        services.decide_extension(supervised.supervisor, ext, approve=False)
    services.decide_extension(supervised.supervisor, ext, approve=False, comment="一季度任务不得延期")
    ext.refresh_from_db()
    supervised.tasks["t1"].refresh_from_db()
    assert ext.status == "refused" and supervised.tasks["t1"].deadline == dt.date(2025, 3, 31)


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("leader", 403), ("outsider", 404)])
def test_only_the_supervisor_decides(as_, supervised, role, status):
    ask(as_, supervised.tasks["t1"])
    ext = ExtensionRequest.objects.get()
    assert as_(role).post(reverse("decide_extension", args=[ext.pk]), {"decision": "approve"}).status_code == status
    ext.refresh_from_db()
    assert ext.status == "pending"


def test_it_refuses_a_date_not_after_the_current_deadline_and_a_second_pending_request(supervised):
    task, dept = supervised.tasks["t1"], supervised.departments["经济发展办"]
    with pytest.raises(ValidationError, match="晚于"):
        services.request_extension(supervised.staff, task, department=dept, requested_deadline=dt.date(2025, 3, 1),
                                   reason="x")
    services.request_extension(supervised.staff, task, department=dept, requested_deadline=dt.date(2025, 5, 1),
                               reason="x")
    with pytest.raises(ValidationError, match="待审批"):
        services.request_extension(supervised.staff, task, department=dept, requested_deadline=dt.date(2025, 6, 1),
                                   reason="y")
