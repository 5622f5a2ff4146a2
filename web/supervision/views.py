"""Supervision pages: a task's progress (report, versions, review, extension), the review queue, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from web.accounts.uploads import safe_filename
from web.audit.services import record_security
from web.crypto.envelope import PlainReader
from web.plans.access import EDIT, INTERNAL, can_report_on_task, get_plan_for_user, get_task_for_user, role_for_plan
from web.steps import carry_out
from web.supervision import services
from web.supervision.access import (
    REVIEW,
    get_evidence_for_user,
    get_extension_request_for_user,
    get_progress_report_for_user,
    visible_reports,
)
from web.supervision.forms import CadenceForm, ExtensionForm, ProgressReportForm, ReviewForm
from web.supervision.lights import plan_progress
from web.supervision.models import ExtensionRequest, ProgressReport, ReportingCadence, plan_today
from web.supervision.status_store import department_task_ids, stored_progress

# Panels other apps add to a row's progress page (催报与督办 records, 批示 and their replies):
# (template, function(request, task) -> context), registered in their ``AppConfig.ready``.
TASK_PANELS: list = []


def _open_periods(task, today):
    cadence = ReportingCadence.for_plan(task.plan)
    locked = set(task.progress_reports.filter(status=ProgressReport.Status.APPROVED).values_list("period", flat=True))
    return [p for p in reversed(cadence.periods()) if p.start <= today and p.key not in locked]


def _report_form(request, task, today):
    periods = _open_periods(task, today)
    targets = task.targets.filter(archived=False)
    current = ReportingCadence.for_plan(task.plan).current_period(today).key
    draft = task.progress_reports.filter(status=ProgressReport.Status.DRAFT).order_by("-pk").first()
    initial = {"period": current}
    if draft:
        initial = {"period": draft.period, "text": draft.text, "percent": draft.percent,
                   "difficulties": draft.difficulties}
        initial.update({f"target_{a.target_id}": a.value for a in draft.actuals.all()})
    data = request.POST if request.method == "POST" else None
    return ProgressReportForm(data, initial=initial, periods=periods, targets=targets)


@login_required
def progress_report(request, task_id):
    """A task's progress page: every version the user may read; the report form for its departments (POST)."""
    task = get_task_for_user(request, task_id, write=INTERNAL)
    today = plan_today(task.plan)
    can_report = can_report_on_task(request.user, task)
    form = _report_form(request, task, today) if can_report else None
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.submit_progress_report(
                    request.user, task, department=reporting_department(request, task),
                    period=form.cleaned_data["period"],
                    text=form.cleaned_data["text"], percent=form.cleaned_data["percent"],
                    difficulties=form.cleaned_data["difficulties"], actuals=form.actuals(),
                    files=request.FILES.getlist("evidence"), draft="save_draft" in request.POST)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, "已保存草稿" if "save_draft" in request.POST else "已报送,等待督查室审核")
                return redirect("progress_report", task.pk)
    role = role_for_plan(request.user, task.plan)
    status = plan_progress(task.plan, today, tasks=[task]).tasks[0]
    context = {"task": task, "plan": task.plan, "reports": visible_reports(request.user, task), "form": form,
               "is_supervisor": role.is_supervisor, "status": status, "review_form": ReviewForm(),
               "extension_form": ExtensionForm() if can_report else None,
               "extensions": task.extension_requests.select_related("department"),
               "panels": [(template, function(request, task)) for template, function in TASK_PANELS]}
    return render(request, "supervision/progress_report.html", context, status=400 if form and form.errors else 200)


def reporting_department(request, task):
    """The reporting department: the user's own, which the access helper has checked is one of the task's."""
    from web.accounts.models import Department

    return Department.objects.get(pk=role_for_plan(request.user, task.plan).department_id)


@require_POST
def approve_progress_report(request, report_id):
    return _review(request, report_id, services.approve_progress_report, "已审核通过")


@require_POST
def return_progress_report(request, report_id):
    return _review(request, report_id, services.return_progress_report, "已退回")


def _review(request, report_id, service, done: str):
    """One review decision on a report: the access helper checks the reviewer, the service does the rest."""
    report = get_progress_report_for_user(request, report_id, write=REVIEW)
    form = ReviewForm(request.POST)
    form.is_valid()
    carry_out(request, lambda: service(request.user, report, form.cleaned_data.get("comment", "")),
              f"{done}:{report.task}({report.period})")
    return _back(request, report.task_id)


def _back(request, task_id):
    """Back to the review queue when the action came from there, else to the task's progress page."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/"):
        return redirect(target)
    return redirect("progress_report", task_id)


@require_POST
def request_extension(request, task_id):
    from web.plans.access import REPORT

    task = get_task_for_user(request, task_id, write=REPORT)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        department = reporting_department(request, task)
        carry_out(request, lambda: services.request_extension(request.user, task, department=department,
                                                              **form.cleaned_data), "已提交延期申请")
    else:
        messages.error(request, "请填写申请延至的日期和延期理由")
    return redirect("progress_report", task.pk)


@require_POST
def decide_extension(request, ext_id):
    ext = get_extension_request_for_user(request, ext_id, write=REVIEW)
    approve = request.POST.get("decision") == "approve"
    carry_out(request, lambda: services.decide_extension(request.user, ext, approve=approve,
                                                         comment=request.POST.get("comment", "")), "已审批延期申请")
    return _back(request, ext.task_id)


@never_cache
@login_required
def evidence(request, evidence_id):
    """An evidence file, streamed after the same check as its report; never a static URL."""
    item = get_evidence_for_user(request, evidence_id)
    path = item.file_path  # None when the row points outside the evidence directory
    if path is None or not path.is_file():
        raise Http404
    record_security(request, "export.evidence", obj=item, note=item.path)
    return FileResponse(PlainReader(path), content_type=item.content_type, as_attachment=not item.is_image,
                        filename=safe_filename(item.name))


@login_required
def review_queue(request, plan_id):
    """The supervisor's queue (待审核): each submitted version with its evidence, the row's last approved percent and
    the change; approve several at once (``batch_approve``) or one by one; extension requests decided in place."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    from web.supervision.status_store import ensure_fresh

    ensure_fresh(plan)
    reports = (ProgressReport.objects.filter(task__plan=plan, status=ProgressReport.Status.SUBMITTED)
               .select_related("task__stored_status", "department", "author").prefetch_related("evidence")
               .order_by("submitted_at"))
    extensions = ExtensionRequest.objects.filter(task__plan=plan, status=ExtensionRequest.Status.PENDING)
    cadence = ReportingCadence.for_plan(plan)
    return render(request, "supervision/review_queue.html", {
        "plan": plan, "reports": reports, "extensions": extensions.select_related("task", "department"),
        "cadence_form": CadenceForm(initial={"cadence": cadence.cadence, "due_day": cadence.due_day}),
        "cadence": cadence})


@require_POST
def set_reporting_cadence(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = CadenceForm(request.POST)
    if form.is_valid():
        services.set_reporting_cadence(request.user, plan, **form.cleaned_data)
        messages.success(request, "已保存报送周期")
    else:
        messages.error(request, "报送周期或截止日无效")
    return redirect("review_queue", plan.pk)


@login_required
def my_tasks(request, plan_id):
    """A department's to-do list (本部门任务): its tasks, this period's report, the light."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    from web.accounts.models import Department

    departments = Department.objects.filter(issuer=plan.issuer)
    role = role_for_plan(request.user, plan)
    chosen = request.GET.get("department", "")
    department = departments.filter(pk=role.department_id or (int(chosen) if chosen.isdigit() else 0)).first()
    progress = stored_progress(plan)
    theirs = department_task_ids(plan, department) if department else set()
    rows = [t for t in progress.tasks if t.task.pk in theirs]
    return render(request, "supervision/my_tasks.html", {"plan": plan, "rows": rows, "progress": progress,
                                                          "department": department, "departments": departments,
                                                          "is_staff": role.is_staff})


@login_required
def alerts(request, plan_id):
    """The supervisor's alert list (预警): lagging, overdue, not reported, returned twice."""
    from web.supervision.alerts import alerts_for

    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    role = role_for_plan(request.user, plan)
    if not (role.is_supervisor or role.is_leader):
        raise PermissionDenied
    progress = stored_progress(plan)
    return render(request, "supervision/alerts.html", {"plan": plan, "progress": progress,
                                                        "alerts": alerts_for(progress)})
