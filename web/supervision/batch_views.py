"""Batch pages: a department reports all its due rows of a period on one page (本期报送); the office approves
several reports from the review queue at once (批量审核)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from web.accounts.models import Department
from web.plans.access import EDIT, INTERNAL, get_plan_for_user, role_for_plan
from web.plans.models import Assignment, Target
from web.steps import carry_out, refusal
from web.supervision.batch import BatchEntry, approve_progress_reports, submit_progress_reports
from web.supervision.batch_forms import BatchApproveForm, BatchRowForm
from web.supervision.models import ProgressReport, ReportingCadence
from web.supervision.status_store import ensure_fresh

Status = ProgressReport.Status


def _period(request, cadence, today):
    """The period reported on: the one asked for, if it has begun, else the current one; and the choices."""
    periods = [p for p in cadence.periods() if p.start <= today]
    wanted = (request.POST if request.method == "POST" else request.GET).get("period", "")
    current = cadence.current_period(today)
    chosen = next((p for p in periods if p.key == wanted), current)
    return chosen, list(reversed(periods))


def due_rows(plan, department, period_key: str):
    """The department's live rows (lead or cooperating) not done, with nothing submitted or approved for the period;
    chased rows first (an open 督办单 or a recent 催报 on them), then those not reported on time, then by deadline."""
    answered = ProgressReport.objects.filter(task=OuterRef("pk"), period=period_key,
                                             status__in=[Status.SUBMITTED, Status.APPROVED])
    rows = (plan.tasks.filter(archived=False, stored_status__done=False,
                              pk__in=Assignment.objects.filter(department=department).values("task_id"))
            .exclude(Exists(answered)).select_related("stored_status")
            .prefetch_related(Prefetch("targets", queryset=Target.objects.filter(archived=False)))
            .order_by("-stored_status__not_reported", "stored_status__severity", "deadline", "order"))
    rows = list(rows)
    chased = chased_task_ids(rows)
    return sorted(rows, key=lambda t: t.pk not in chased)  # stable: the order above within each group


# Functions (rows) -> ids of the rows someone chased (an open 督办单, a 催报): the chasing app registers its own.
CHASED_ROWS: list = []


def chased_task_ids(rows) -> set[int]:
    """Ids among ``rows`` that were chased: they come first on the department's page."""
    return set().union(*(function(rows) for function in CHASED_ROWS)) if rows else set()


@login_required
def batch_report(request, plan_id):
    """本期报送: every due row of the department for one period on one page; tick the rows to report (or save them as
    drafts); each keeps its own versions and evidence."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    role = role_for_plan(request.user, plan)
    if not role.is_staff:
        raise PermissionDenied
    department = Department.objects.get(pk=role.department_id)
    ensure_fresh(plan)
    cadence = ReportingCadence.for_plan(plan)
    today = cadence.today()
    period, periods = _period(request, cadence, today)
    rows = due_rows(plan, department, period.key)
    drafts = {r.task_id: r for r in ProgressReport.objects.filter(task__in=[t.pk for t in rows], period=period.key,
                                                                  status=Status.DRAFT)}
    chased = chased_task_ids(rows)
    data = request.POST if request.method == "POST" else None
    forms = []
    for task in rows:
        draft = drafts.get(task.pk)
        initial = ({"include": True, "percent": draft.percent, "text": draft.text, "difficulties": draft.difficulties}
                   if draft else {"percent": int(task.stored_status.reported)})
        form = BatchRowForm(data, prefix=f"r{task.pk}", task=task, initial=initial)
        form.chased, form.draft = task.pk in chased, draft
        forms.append(form)
    if data is not None and all(f.is_valid() for f in forms):
        entries = [BatchEntry(f.task, f.cleaned_data["percent"], f.cleaned_data["text"],
                              f.cleaned_data["difficulties"], f.actuals(),
                              request.FILES.getlist(f"r{f.task.pk}-evidence")) for f in forms
                   if f.cleaned_data.get("include")]
        draft = "save_draft" in request.POST
        try:
            saved = submit_progress_reports(request.user, department, period.key, entries, draft=draft)
        except ValidationError as e:
            by_form = {str(f.task.pk): f for f in forms}
            for key, reasons in getattr(e, "error_dict", {}).items():
                for reason in reasons:
                    by_form[key].add_error(None, reason)
            if not hasattr(e, "error_dict"):
                messages.error(request, refusal(e))
        else:
            messages.success(request, f"已{'保存草稿' if draft else '报送'} {len(saved)} 项"
                                      f"{'' if draft else ',等待督查室审核'}")
            return redirect(f"{request.path}?period={period.key}")
    return render(request, "supervision/batch_report.html", {
        "plan": plan, "department": department, "period": period, "periods": periods, "forms": forms,
        "today": today}, status=400 if any(f.errors for f in forms) else 200)


@require_POST
def batch_approve(request, plan_id):
    """Approve the ticked reports of the review queue at once (批量审核通过)."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = BatchApproveForm(request.POST, plan=plan)
    if form.is_valid():
        carry_out(request, lambda: approve_progress_reports(request.user, form.cleaned_data["reports"],
                                                            form.cleaned_data["comment"]),
                  lambda done: f"已审核通过 {len(done)} 份报送")
    else:
        messages.error(request, "所选报送已不在待审核状态,或未选择报送;请刷新后重试")
    return redirect("review_queue", plan.pk)
