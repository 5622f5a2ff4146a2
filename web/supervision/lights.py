"""Status of every task of a plan on a day (computation): reads reports once, asks ``status.evaluate`` per task.

``plan_progress(plan, day)`` computes; pages read the stored result (``web.supervision.status_store``), which
is this computation kept per row and refreshed by every change and each morning. It still serves a day other
than the plan's today (a past period's bulletin, ``send_reminders --date``).

Lights come from reviewed progress (以审核通过的进展为准): the percent, the light, the gap and the category use
each task's last *approved* version; a version awaiting review only sets ``pending`` (待审核), which pages show
beside the light. A submitted version does answer the period's call for a report (催报): the department has
reported, the office has not yet reviewed. With ``public=True`` only approved versions answer it, too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from web.supervision.models import ProgressReport, ReportingCadence, TargetActual
from web.supervision.periods import Period
from web.supervision.status import DEFAULT_RULES, GREEN, StatusRules, TargetFacts, TaskFacts, TaskStatus, evaluate

Status = ProgressReport.Status


@dataclass
class TaskProgress:
    """One task with its status and the reports behind it."""

    task: object
    status: TaskStatus
    latest: ProgressReport | None  # the latest approved version
    department: object | None  # the lead department
    returned_twice: bool = False
    pending: bool = False  # a version awaits review (待审核)
    targets: list = field(default_factory=list)  # [(target, actual or None, on course)]
    reviewed: ProgressReport | None = None  # the latest approved version: what pages shared by all show
    pending_percent: int | None = None  # the percent of the version awaiting review
    pending_since: dt.datetime | None = None  # when it was submitted
    expected: int = 0  # reports due so far (periods whose due day has passed, until reported done)
    on_time: int = 0  # of which the first version came in by the due day

    @property
    def difficulties(self) -> str:
        """The difficulties (需协调解决的问题) of the latest reviewed version: until the supervisor has approved a
        report, its difficulties are the department's own, kept off the dashboards and bulletins."""
        return self.reviewed.difficulties if self.reviewed else ""


@dataclass
class PlanProgress:
    plan: object
    day: dt.date
    period: Period  # the period whose report is expected (催报)
    tasks: list[TaskProgress]

    def by_light(self) -> dict[str, list[TaskProgress]]:
        out = {"green": [], "yellow": [], "red": []}
        for t in self.tasks:
            out[t.status.light].append(t)
        return out

    def lagging(self) -> list[TaskProgress]:
        """Yellow and red tasks, the worst gap first."""
        return sorted((t for t in self.tasks if t.status.light != GREEN), key=lambda t: -t.status.gap)


def assessed_period(cadence: ReportingCadence, day: dt.date) -> Period:
    """The period whose report should be in on ``day``: the current one once its due day has passed, else the
    previous one."""
    period = cadence.current_period(day)
    if day <= period.due and period.start.month > 1:
        return period.previous(cadence.cadence, cadence.due_day)
    return period


def plan_progress(plan, day: dt.date | None = None, *, public: bool = False,
                  rules: StatusRules = DEFAULT_RULES, tasks=None, with_latest: bool = True) -> PlanProgress:
    """Every task's status on ``day``; ``with_latest=False`` leaves ``TaskProgress.latest`` and ``.reviewed`` as
    the reports' ids (a page that shows no report saves loading them)."""
    cadence = ReportingCadence.for_plan(plan)
    day = day or cadence.today()
    period = assessed_period(cadence, day)
    current_key = cadence.current_period(day).key
    previous = period.previous(cadence.cadence, cadence.due_day)
    if tasks is None:
        tasks = (plan.tasks.filter(archived=False).select_related("section")
                 .prefetch_related("assignments__department", "targets"))
    tasks = list(tasks)
    answering = [Status.APPROVED] if public else [Status.SUBMITTED, Status.APPROVED]  # answers the call (催报)
    due_periods = [p for p in cadence.periods() if p.due < day]
    tz = timezone.get_current_timezone()
    # Every version as a plain row (a year of monthly reports is thousands): only each task's latest counting
    # version is read as a model, in one more query after the loop.
    reports = (ProgressReport.objects.filter(task__in=tasks, period__lte=current_key)
               .exclude(status=Status.DRAFT).order_by("period", "version")
               .values_list("pk", "task_id", "period", "status", "percent", "submitted_at", named=True))
    by_task = defaultdict(list)
    for r in reports:
        by_task[r.task_id].append(r)
    # The reports' target actuals in one query of plain tuples: a prefetch would build a manager per report,
    # which costs more than the query itself once a plan has a year of monthly reports.
    actuals_by_report = defaultdict(list)
    for report_id, target_id, value in (TargetActual.objects
                                        .filter(report__task__in=tasks, report__period__lte=current_key)
                                        .exclude(report__status=Status.DRAFT)
                                        .values_list("report_id", "target_id", "value")):
        actuals_by_report[report_id].append((target_id, value))

    start = dt.date(plan.year, 1, 1)
    year_end = dt.date(plan.year, 12, 31)
    out = []
    for task in tasks:
        history = by_task.get(task.pk, [])
        counted = [r for r in history if r.status == Status.APPROVED]
        latest = counted[-1] if counted else None
        before_prev = [r for r in counted if r.period <= previous.key]
        targets = [t for t in task.targets.all() if not t.archived]
        actual_of = {}
        for r in counted:
            for target_id, value in actuals_by_report.get(r.pk, ()):
                actual_of[target_id] = value
        deadline = task.deadline or year_end
        facts = TaskFacts(start=start, deadline=max(deadline, start),
                          percent=latest.percent if latest else None,
                          reported_this_period=any(r.period >= period.key and r.status in answering
                                                   for r in history),  # a later period's report will do
                          report_due=period.due < day and period.start.year == plan.year,
                          targets=tuple(TargetFacts(t.comparator, t.value, actual_of.get(t.pk), t.upper)
                                        for t in targets))
        prev_status = evaluate(TaskFacts(start=facts.start, deadline=facts.deadline,
                                         percent=before_prev[-1].percent if before_prev else None),
                               min(previous.end, day), rules)
        facts = TaskFacts(**{**facts.__dict__, "was_behind": prev_status.light != GREEN and previous.start >= start})
        status = evaluate(facts, day, rules)
        returned = defaultdict(int)
        for r in history:
            if r.status == Status.RETURNED:
                returned[r.period] += 1
        approved = [r for r in history if r.status == Status.APPROVED]
        approved_periods = {r.period for r in approved}
        waiting = [r for r in history if r.status == Status.SUBMITTED]
        expected, on_time = _punctuality(history, due_periods, tz)
        out.append(TaskProgress(
            task=task, status=status, latest=latest.pk if latest else None, department=task.lead_department,
            returned_twice=any(n >= 2 and p not in approved_periods for p, n in returned.items()),
            pending=bool(waiting),
            targets=list(zip(targets, [actual_of.get(t.pk) for t in targets], status.targets, strict=True)),
            reviewed=approved[-1].pk if approved else None,
            pending_percent=waiting[-1].percent if waiting else None,
            pending_since=waiting[-1].submitted_at if waiting else None,
            expected=expected, on_time=on_time,
        ))
    if with_latest:
        wanted = {pk for t in out for pk in (t.latest, t.reviewed) if pk}
        loaded = ProgressReport.objects.select_related("department").in_bulk(wanted)
        for t in out:
            t.latest, t.reviewed = loaded.get(t.latest), loaded.get(t.reviewed)
    return PlanProgress(plan=plan, day=day, period=period, tasks=out)


def _punctuality(history, due_periods, tz) -> tuple[int, int]:
    """(reports due so far, of which on time) for one task's versions: a period counts once its due day has
    passed, until the period in which the task was first reported complete; on time when its first version
    was submitted by the due day (local date). What the department ranking's 按时报送率 adds up."""
    first: dict[str, dt.date] = {}
    done_in = "9999"
    for r in sorted((r for r in history if r.submitted_at is not None), key=lambda r: r.submitted_at):
        first.setdefault(r.period, r.submitted_at.astimezone(tz).date())
        if r.percent >= 100:
            done_in = min(done_in, r.period)
    expected = on_time = 0
    for p in due_periods:
        if p.key > done_in:
            continue
        expected += 1
        at = first.get(p.key)
        on_time += at is not None and at <= p.due
    return expected, on_time
