"""Who may read and act on progress reports, evidence and extension requests: one helper per object type.

Built on ``web.plans.access`` (the plan's and the task's rules). For a report:

- the task's departments (lead and cooperating staff) read every version of it, drafts included;
- the supervisor and leaders read every version except drafts; only the supervisor reviews;
- other departments' staff read approved versions only, like the plan's other members;
- the public reads nothing here (the public page shows approved updates without names or comments).

What may not be read is a 404; what may be read but not done, a 403.
"""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.plans.access import can_report_on_task, role_for_plan
from web.plans.models import Assignment
from web.supervision.models import Evidence, ExtensionRequest, ProgressReport, TargetActual

READ, REVIEW = False, "review"


def can_read_report(user, report: ProgressReport) -> bool:
    role = role_for_plan(user, report.task.plan)
    if not role.is_member:
        return False
    if can_report_on_task(user, report.task):
        return True
    if report.is_draft:
        return False
    if role.is_supervisor or role.is_leader:
        return True
    return report.status == ProgressReport.Status.APPROVED


def readable_reports(user, plan, reports):
    """``reports`` (a queryset of ``plan``'s versions) narrowed to what ``can_read_report`` lets ``user`` read.

    The same rule as ``can_read_report``, said to the database so that a list of thousands of versions is
    filtered and paged there (``tests/web/test_report_access.py`` checks the two agree for the whole cast).
    """
    role = role_for_plan(user, plan)
    if not role.is_member:
        return reports.none()
    readable = Q(status=ProgressReport.Status.APPROVED)
    if role.is_supervisor or role.is_leader:
        readable = ~Q(status=ProgressReport.Status.DRAFT)
    if role.is_staff and role.department_id is not None:
        own_tasks = Assignment.objects.filter(department_id=role.department_id, task__plan=plan).values("task_id")
        readable |= Q(task_id__in=own_tasks)
    return reports.filter(readable)


def readable_report_events(user, events: list) -> list:
    """Each audit event of a progress report as ``user`` may read it, or ``None`` (``web.audit.services``).

    An event is shown where its report may be read now (``can_read_report``); a draft's contents (the
    ``report.save_draft`` events, and the draft a submission replaced, its ``before``) only to the
    department writing it. A redacted event is a copy for the page, never saved.
    """
    reports = ProgressReport.objects.select_related("task__plan__issuer").prefetch_related("task__assignments")
    reports = reports.in_bulk({int(e.object_id) for e in events if e.object_id.isdigit()})
    writers: dict[int, bool] = {}
    shown = []
    for event in events:
        report = reports.get(int(event.object_id)) if event.object_id.isdigit() else None
        if report is None or not can_read_report(user, report):
            shown.append(None)
            continue
        if report.task_id not in writers:
            writers[report.task_id] = can_report_on_task(user, report.task)
        if not writers[report.task_id]:
            if event.action == "report.save_draft":
                shown.append(None)
                continue
            if (event.before or {}).get("status") == ProgressReport.Status.DRAFT:
                event = copy.copy(event)
                event.before = None
        shown.append(event)
    return shown


def visible_reports(user, task):
    """The versions of a task's reports that ``user`` may read, oldest first."""
    # The actuals with their targets in one query, whether or not any report has actuals.
    actuals = Prefetch("actuals", queryset=TargetActual.objects.select_related("target"))
    reports = task.progress_reports.select_related("author", "reviewer", "department").prefetch_related(
        "evidence", actuals)
    # Each version's ``task`` is this task: its departments, which decide each version, are read once for all.
    prefetch_related_objects([task], "assignments")
    return [r for r in reports if can_read_report(user, r)]


def get_progress_report_for_user(request, report_id: int, write=READ) -> ProgressReport:
    """The report if readable (else 404); with ``write="review"``, only for the plan's supervisor (else 403)."""
    report = get_object_or_404(ProgressReport.objects.select_related("task__plan__issuer", "department"),
                               pk=report_id)
    if not can_read_report(request.user, report):
        raise Http404
    if write == REVIEW and not role_for_plan(request.user, report.task.plan).is_supervisor:
        raise PermissionDenied
    return report


def get_evidence_for_user(request, evidence_id: int) -> Evidence:
    """An evidence file is read by whoever may read its report; the public never."""
    evidence = get_object_or_404(Evidence.objects.select_related("report__task__plan__issuer"), pk=evidence_id)
    if not can_read_report(request.user, evidence.report):
        raise Http404
    return evidence


def get_extension_request_for_user(request, ext_id: int, write=READ) -> ExtensionRequest:
    """Members of the plan read requests; only the supervisor decides them (``write="review"``)."""
    ext = get_object_or_404(ExtensionRequest.objects.select_related("task__plan__issuer", "department"), pk=ext_id)
    role = role_for_plan(request.user, ext.task.plan)
    if not role.is_member:
        raise Http404
    if write == REVIEW and not role.is_supervisor:
        raise PermissionDenied
    return ext
