"""Status computed once, read everywhere (状态存储): each row's stored status, how it is kept fresh, how pages read it.

Writing. ``refresh(plan, task_ids)`` computes the rows with ``web.supervision.lights.plan_progress`` (the one
computation) and stores them (``StoredStatus``), in the caller's transaction. It runs:

- in every service that changes an input: a report submitted, approved or returned, an extension granted, the
  cadence set (``web.supervision.services``); a task added, edited, split, archived or restored, a plan imported
  or re-imported, an Excel table applied (``web.plans`` sends ``tasks_changed``, received here);
- each morning for the passing of time (today's 序时进度, overdue, unreported): ``manage.py refresh_statuses``,
  run by the reminders timer before ``send_reminders``;
- as a safety net, when a page finds a plan's rows computed for another day or a live task without a row
  (``ensure_fresh``): the page then computes once and stores, instead of showing yesterday's lights.

Reading. ``statuses_for_plan(plan)`` is the one selector for a plan's stored statuses (task id → StoredStatus);
``stored_progress(plan)`` gives the same rows in the ``PlanProgress`` shape the dashboards read. Lists that
filter or sort by status (the task table, the API) join ``Task.stored_status`` after ``ensure_fresh(plan)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from web.supervision.lights import PlanProgress, TaskProgress, assessed_period, plan_progress
from web.supervision.models import ProgressReport, ReportingCadence, StoredStatus
from web.supervision.status import GREEN, RED, YELLOW

FIELDS = list(StoredStatus.COMPUTED)


def severity(status) -> int:
    """How late a row is, for sorting (按滞后程度): 0 overdue, 1 red, 2 yellow, 3 green, 4 done."""
    if status.done:
        return 4
    if status.overdue:
        return 0
    return {RED: 1, YELLOW: 2, GREEN: 3}[status.light]


def compute(plan, task_ids=None, day: dt.date | None = None) -> list[StoredStatus]:
    """Fresh statuses of ``plan``'s live tasks (``task_ids``: only those), unsaved, for ``day`` (default: the
    plan's today)."""
    day = day or ReportingCadence.for_plan(plan).today()
    tasks = plan.tasks.filter(archived=False).prefetch_related("assignments__department", "targets")
    if task_ids is not None:
        tasks = tasks.filter(pk__in=list(task_ids))
    progress = plan_progress(plan, day, tasks=tasks, with_latest=False)
    latest = {r["pk"]: r for r in ProgressReport.objects.filter(pk__in=[t.latest for t in progress.tasks if t.latest])
              .values("pk", "period", "submitted_at", "text", "difficulties")}
    rows = []
    for row in progress.tasks:
        s, report = row.status, latest.get(row.latest)
        rows.append(StoredStatus(
            task_id=row.task.pk, plan_id=plan.pk, day=day, light=s.light, time_progress=s.time_progress,
            reported=s.reported, gap=s.gap, category=s.category, done=s.done, overdue=s.overdue,
            not_reported=s.not_reported, caught_up=s.caught_up, returned_twice=row.returned_twice,
            pending=row.pending, pending_percent=row.pending_percent, pending_since=row.pending_since,
            latest_report_id=report["pk"] if report else None, latest_period=report["period"] if report else "",
            latest_at=report["submitted_at"] if report else None,
            latest_text=(report["text"] if report else "")[:200],
            latest_difficulties=(report["difficulties"] if report else "")[:200],
            reports_expected=row.expected, reports_on_time=row.on_time, severity=severity(s)))
    return rows


def refresh(plan, task_ids=None, day: dt.date | None = None) -> int:
    """Compute and store the statuses of ``plan``'s live tasks (``task_ids``: only those); rows of archived tasks
    are removed. Runs in the caller's transaction (a service's), or its own. Returns the rows written."""
    rows = compute(plan, task_ids, day)
    with transaction.atomic():
        StoredStatus.objects.bulk_create(rows, batch_size=500, update_conflicts=True, unique_fields=["task"],
                                         update_fields=["plan", *FIELDS])
        gone = StoredStatus.objects.filter(plan=plan, task__archived=True)
        if task_ids is not None:
            gone = gone.filter(task_id__in=list(task_ids))
        gone.delete()
    return len(rows)


def on_tasks_changed(sender, *, plan, task_ids=None, **kwargs) -> None:
    """Receiver of ``web.plans.signals.tasks_changed``: the changed rows (or the whole plan) again."""
    refresh(plan, task_ids)


def ensure_fresh(plan) -> dt.date:
    """The plan's today, after making sure every live task has a status computed for it (one query when it has).

    The morning run makes this a no-op; a day the timer did not run, or a row a service forgot, is computed here.
    """
    day = ReportingCadence.for_plan(plan).today()
    if _stale(plan, day):
        refresh(plan, day=day)
    return day


def _stale(plan, day: dt.date) -> bool:
    counts = plan.tasks.filter(archived=False).aggregate(
        live=Count("pk"), fresh=Count("stored_status", filter=Q(stored_status__day=day)))
    return counts["live"] != counts["fresh"]


def ensure_fresh_plans(plans) -> dict[int, dt.date]:
    """Plan id → its today, for many plans at once (a county's towns), after making sure every live task of each
    has a status computed for that day: one query when they have (``plans`` with their cadences selected)."""
    from web.plans.models import Task

    days = {p.pk: ReportingCadence.for_plan(p).today() for p in plans}
    rows = (Task.objects.filter(plan_id__in=list(days), archived=False)
            .values_list("plan_id", "stored_status__day").annotate(n=Count("pk")).order_by())
    stale = {plan_id for plan_id, day, _ in rows if day != days[plan_id]}
    for plan in plans:
        if plan.pk in stale:
            refresh(plan, day=days[plan.pk])
    return days


def refresh_all(plans) -> int:
    """Every stale plan among ``plans`` computed for its today (the morning run); returns how many were."""
    done = 0
    for plan in plans:
        day = ReportingCadence.for_plan(plan).today()
        if _stale(plan, day):
            refresh(plan, day=day)
            done += 1
    return done


def statuses_for_plan(plan, task_ids=None) -> dict[int, StoredStatus]:
    """Task id → stored status (``StoredStatus``) of every live task of ``plan`` (``task_ids``: of those only), fresh
    for the plan's today.

    The one selector for readers of status: the workbench, the task table, the dashboards, the one-page view, the
    public page, the bulletin, the exports and the API. A ``StoredStatus`` has the fields of
    ``web.supervision.status.TaskStatus`` (light, light_label, time_progress, reported, gap, category, done,
    overdue, not_reported, caught_up) and more: pending (待审核) with pending_percent/pending_since, the last
    approved report (latest_period, latest_at, latest_text, latest_difficulties, latest_report_id),
    returned_twice, reports_expected/reports_on_time (the ranking's 按时报送率) and severity (for sorting).
    Lights count approved reports only, so the same row serves members and the public.
    """
    ensure_fresh(plan)
    rows = StoredStatus.objects.filter(plan=plan, task__archived=False)
    if task_ids is not None:
        rows = rows.filter(task_id__in=list(task_ids))
    return {s.task_id: s for s in rows}


@dataclass(frozen=True)
class LatestReport:
    """The last approved report as a stored status keeps it (an excerpt), shaped like a ProgressReport for pages."""

    pk: int | None
    period: str
    submitted_at: dt.datetime | None
    text: str
    difficulties: str

    @classmethod
    def of(cls, status: StoredStatus) -> LatestReport | None:
        if not status.latest_period:
            return None
        return cls(status.latest_report_id, status.latest_period, status.latest_at, status.latest_text,
                   status.latest_difficulties)


# What a dashboard row shows of its task: the rest of the row (its long JSON and text fields) is not read.
ROW_FIELDS = ("id", "plan_id", "section_id", "parent_id", "key", "text", "deadline", "order", "archived")


def stored_progress(plan, tasks=None) -> PlanProgress:
    """The plan's stored statuses as a ``PlanProgress`` (rows of task, status, lead department, last report), for
    pages written against ``plan_progress``. ``tasks`` (a queryset of the plan's live tasks) narrows it.

    Rows carry only the task's short fields (``ROW_FIELDS``) and their lead department from one lookup of the issuer's
    departments: a dashboard reads a plan of hundreds of rows in four queries and builds no assignment objects.
    """
    from web.accounts.models import Department
    from web.plans.models import Assignment

    day = ensure_fresh(plan)
    cadence = ReportingCadence.for_plan(plan)
    if tasks is None:
        tasks = plan.tasks.filter(archived=False)
    tasks = tasks.select_related("stored_status").only(*ROW_FIELDS, *(f"stored_status__{f.name}" for f in
                                                                         StoredStatus._meta.concrete_fields))
    departments = {d.pk: d for d in Department.objects.filter(issuer_id=plan.issuer_id)
                   .select_related("leader_in_charge")}
    lead = dict(Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD)
                .values_list("task_id", "department_id"))
    rows = []
    for task in tasks:
        status = getattr(task, "stored_status", None)
        if status is None:
            continue
        approved = LatestReport.of(status)  # the stored status keeps the last approved report: latest and reviewed
        rows.append(TaskProgress(task=task, status=status, latest=approved, reviewed=approved,
                                 department=departments.get(lead.get(task.pk)), returned_twice=status.returned_twice,
                                 pending=status.pending, pending_percent=status.pending_percent,
                                 pending_since=status.pending_since, expected=status.reports_expected,
                                 on_time=status.reports_on_time))
    return PlanProgress(plan=plan, day=day, period=assessed_period(cadence, day), tasks=rows)


def department_task_ids(plan, department) -> set[int]:
    """Ids of the plan's tasks the department leads or cooperates on (one query)."""
    from web.plans.models import Assignment

    return set(Assignment.objects.filter(task__plan=plan, department=department).values_list("task_id", flat=True))
