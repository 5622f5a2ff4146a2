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
``stored_progress(plan)`` gives the same rows in the ``PlanProgress`` shape the dashboards read, ``task_progress(task)``
one row for its progress page, ``progress_on(plan, day)`` either (stored for the plan's today, else computed). Lists
that filter or sort by status (the task table, the API) join ``Task.stored_status`` after ``ensure_fresh(plan)``.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, prefetch_related_objects

from web.supervision.lights import PlanProgress, TaskProgress, assessed_period, plan_progress
from web.supervision.models import ProgressReport, ReportingCadence, StoredStatus, TargetActual
from web.supervision.status import GREEN, LIGHT_LABELS, RED, YELLOW, TargetFacts, target_on_course

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
STATUS_COLUMNS = tuple(f.attname for f in StoredStatus._meta.concrete_fields)


class RowTask(namedtuple("RowTask", ROW_FIELDS)):
    """A task as a dashboard row shows it (任务): its short fields (``ROW_FIELDS``) as plain values, ``pk`` and
    ``str()`` as a ``Task`` has them. A page of hundreds of rows builds no model instance per row."""

    __slots__ = ()

    @property
    def pk(self) -> int:
        return self.id

    def __str__(self) -> str:
        return self.text[:40]


class StatusRow(namedtuple("StatusRow", STATUS_COLUMNS)):
    """A stored status as plain values: the fields of ``StoredStatus`` (light, time_progress, reported, gap, category,
    done, overdue, not_reported, caught_up, pending …), ``light_label`` and ``targets`` as it has them."""

    __slots__ = ()
    targets = ()

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


def stored_progress(plan, tasks=None) -> PlanProgress:
    """The plan's stored statuses as a ``PlanProgress`` (rows of task, status, lead department, last report), for
    pages written against ``plan_progress``. ``tasks`` (a queryset of the plan's live tasks) narrows it.

    Rows carry the task's short fields (``RowTask``) and its status (``StatusRow``) as plain values from one query,
    and their lead department from one lookup of the issuer's departments: a dashboard reads a plan of hundreds of
    rows in four queries and builds no model instance per row.
    """
    from web.accounts.models import Department
    from web.plans.models import Assignment

    day = ensure_fresh(plan)
    cadence = ReportingCadence.for_plan(plan)
    statuses = StoredStatus.objects.filter(plan=plan, task__archived=False)
    if tasks is not None:
        statuses = statuses.filter(task__in=tasks)
    values = statuses.order_by("task__order", "task_id").values_list(
        *STATUS_COLUMNS, *(f"task__{name}" for name in ROW_FIELDS))
    departments = {d.pk: d for d in Department.objects.filter(issuer_id=plan.issuer_id)
                   .select_related("leader_in_charge")}
    lead = dict(Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD)
                .values_list("task_id", "department_id"))
    split = len(STATUS_COLUMNS)
    rows = []
    for row in values:
        status, task = StatusRow._make(row[:split]), RowTask._make(row[split:])
        approved = LatestReport.of(status)  # the stored status keeps the last approved report: latest and reviewed
        rows.append(TaskProgress(task=task, status=status, latest=approved, reviewed=approved,
                                 department=departments.get(lead.get(task.id)), returned_twice=status.returned_twice,
                                 pending=status.pending, pending_percent=status.pending_percent,
                                 pending_since=status.pending_since, expected=status.reports_expected,
                                 on_time=status.reports_on_time))
    return PlanProgress(plan=plan, day=day, period=assessed_period(cadence, day), tasks=rows)


def progress_on(plan, day: dt.date | None = None) -> PlanProgress:
    """The plan's rows on ``day``: the stored statuses when it is the plan's today (or None), else computed
    (``plan_progress``: a past period's bulletin, ``send_reminders --date``)."""
    if day is None or day == ReportingCadence.for_plan(plan).today():
        return stored_progress(plan)
    return plan_progress(plan, day)


def task_progress(task) -> TaskProgress:
    """One row as its progress page shows it (进展报送): the stored status, the lead department, each live target with
    its latest approved actual (最新实际值) and whether it meets it (达标), in two queries beyond the task's own.

    An archived task has no stored status: it is computed (``plan_progress``)."""
    if task.archived:
        return plan_progress(task.plan, tasks=[task]).tasks[0]
    day = ensure_fresh(task.plan)
    status = StoredStatus.objects.get(task=task)
    prefetch_related_objects([task], "assignments__department")  # its lead department; the page's access checks
    current = ReportingCadence.for_plan(task.plan).current_period(day).key
    actual_of = dict(TargetActual.objects.filter(report__task=task, report__status=ProgressReport.Status.APPROVED,
                                                 report__period__lte=current)
                     .order_by("report__period", "report__version").values_list("target_id", "value"))
    targets = [t for t in task.targets.all() if not t.archived]
    approved = LatestReport.of(status)
    return TaskProgress(
        task=task, status=status, latest=approved, reviewed=approved, department=task.lead_department,
        returned_twice=status.returned_twice, pending=status.pending, pending_percent=status.pending_percent,
        pending_since=status.pending_since, expected=status.reports_expected, on_time=status.reports_on_time,
        targets=[(t, actual_of.get(t.pk), target_on_course(TargetFacts(t.comparator, t.value, actual_of.get(t.pk),
                                                                        t.upper)))
                 for t in targets])


def department_task_ids(plan, department) -> set[int]:
    """Ids of the plan's tasks the department leads or cooperates on (one query)."""
    from web.plans.models import Assignment

    return set(Assignment.objects.filter(task__plan=plan, department=department).values_list("task_id", flat=True))
