"""Progress reports (进展报送): read by whoever the HTML shows them to; submitted by the task's departments,
approved or returned by the supervisor. Drafts are seen by the reporting departments only."""

from __future__ import annotations

from typing import Literal

from django.db.models import Prefetch, prefetch_related_objects
from ninja import Field, Query, Router, Schema, Status

from web.accounts.models import Department
from web.api.auth import acting, write_auth
from web.api.common import department_ref, page
from web.api.plans import READ_ERRORS, WRITE_ERRORS
from web.api.schemas import (
    Error,
    Id,
    Pagination,
    PathId,
    ProgressReportIn,
    ProgressReportOut,
    ProgressReportPage,
    ReviewIn,
    Text,
)
from web.plans.access import INTERNAL, REPORT, get_plan_for_user, get_task_for_user, role_for_plan
from web.plans.models import Assignment
from web.supervision import services
from web.supervision.access import REVIEW, get_progress_report_for_user, readable_reports
from web.supervision.models import ProgressReport

router = Router(tags=["progress reports 进展报送"])

MEMBER_READ_ERRORS = {**READ_ERRORS, 403: Error}


def report_out(r: ProgressReport) -> dict:
    author = r.author.get_full_name() or r.author.get_username()
    return {"id": r.pk, "task_id": r.task_id, "department": department_ref(r.department), "period": r.period,
            "version": r.version, "status": r.status, "text": r.text, "percent": r.percent,
            "difficulties": r.difficulties, "author": author, "submitted_at": r.submitted_at,
            "reviewed_at": r.reviewed_at, "review_comment": r.review_comment,
            "actuals": [{"target_id": a.target_id, "value": a.value} for a in r.actuals.all()],
            "evidence": [{"id": e.pk, "name": e.name, "content_type": e.content_type, "size": e.size}
                         for e in r.evidence.all()]}


def _reports(plan):
    """The plan's report versions with what ``can_read_report`` reads, in a fixed number of queries."""
    return (ProgressReport.objects.filter(task__plan=plan)
            .select_related("task", "department", "author")
            .prefetch_related(Prefetch("task__assignments", queryset=Assignment.objects.all()))
            .order_by("task__order", "task_id", "period", "version"))


def _outputs(reports) -> list[dict]:
    """The reports as output; their figures and evidence read in one query each, for these reports only."""
    prefetch_related_objects(reports, "actuals", "evidence")
    return [report_out(r) for r in reports]


class ReportFilters(Schema):
    task_id: Id | None = None
    department: Id | None = Field(None, description="报送部门 id")
    period: Text(10) | None = Field(None, description="报送期, 如 2025-06 或 2025-Q2")
    status: Literal["draft", "submitted", "returned", "approved"] | None = None


@router.get("/plans/{plan_id}/progress-reports", response={200: ProgressReportPage, **MEMBER_READ_ERRORS},
            summary="进展报送列表 · report versions the caller may read (members of the issuer)")
def list_progress_reports(request, plan_id: PathId, filters: Query[ReportFilters], pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    reports = _reports(plan)
    if filters.task_id is not None:
        reports = reports.filter(task_id=filters.task_id)
    if filters.department is not None:
        reports = reports.filter(department_id=filters.department)
    if filters.period:
        reports = reports.filter(period=filters.period)
    if filters.status:
        reports = reports.filter(status=filters.status)
    result = page(readable_reports(request.user, plan, reports), pagination)
    result["items"] = _outputs(result["items"])
    return result


@router.get("/progress-reports/{report_id}", response={200: ProgressReportOut, **READ_ERRORS},
            summary="进展报送 · one report version")
def get_progress_report(request, report_id: PathId):
    report = get_progress_report_for_user(request, report_id)
    return _outputs([_reports(report.task.plan).get(pk=report.pk)])[0]


@router.post("/tasks/{task_id}/progress-reports", auth=write_auth,
             response={201: ProgressReportOut, **WRITE_ERRORS},
             summary="报送进展 · a department reports on its task (staff of the task's departments)")
def submit_progress_report(request, task_id: PathId, payload: ProgressReportIn):
    """A new version for the period, or the period's draft saved (``draft: true``). Refused (400) when the
    period is approved (locked), a version awaits review, or the period has not begun."""
    task = get_task_for_user(request, task_id, write=REPORT)
    department = Department.objects.get(pk=role_for_plan(request.user, task.plan).department_id)
    with acting(request) as actor:
        report = services.submit_progress_report(
            actor, task, department=department, period=payload.period, text=payload.text, percent=payload.percent,
            difficulties=payload.difficulties, actuals=payload.actuals, draft=payload.draft)
    return Status(201, _outputs([_reports(task.plan).get(pk=report.pk)])[0])


def _review(request, report_id: PathId, service, comment: str) -> dict:
    report = get_progress_report_for_user(request, report_id, write=REVIEW)
    with acting(request) as actor:
        report = service(actor, report, comment)
    return _outputs([_reports(report.task.plan).get(pk=report.pk)])[0]


@router.post("/progress-reports/{report_id}/approve", auth=write_auth,
             response={200: ProgressReportOut, **WRITE_ERRORS},
             summary="审核通过 · approve a submitted version (supervisor); the period locks")
def approve_progress_report(request, report_id: PathId, payload: ReviewIn):
    return _review(request, report_id, services.approve_progress_report, payload.comment)


@router.post("/progress-reports/{report_id}/return", auth=write_auth,
             response={200: ProgressReportOut, **WRITE_ERRORS},
             summary="退回 · return a submitted version with a comment (supervisor)")
def return_progress_report(request, report_id: PathId, payload: ReviewIn):
    return _review(request, report_id, services.return_progress_report, payload.comment)


