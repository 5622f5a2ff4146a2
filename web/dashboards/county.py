"""A county's towns side by side (乡镇对比): one row per issuer directly below, from the stored statuses.

``compare(issuer, year)`` reads every town's plan, its stored statuses counted by the database and its headline
indicators in a fixed number of queries, whatever the number of towns (``tests/web/test_query_counts.py``);
``linked_parts(task)`` is a county row's towns' parts (联动) with their lights and the roll-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from web.indicators.models import Indicator
from web.plans.models import Issuer, Plan, Task
from web.supervision.models import StoredStatus
from web.supervision.status_store import ensure_fresh_plans


@dataclass
class TownRow:
    """One town's figures (乡镇): lights, this period's reporting, overdue rows, progress and indicators."""

    issuer: Issuer
    plan: Plan | None = None
    tasks: int = 0
    red: int = 0
    yellow: int = 0
    green: int = 0
    overdue: int = 0
    open: int = 0  # not done
    not_reported: int = 0  # of the open rows, no report this period although due (本期未报)
    average: float = 0.0  # mean approved progress of the live rows
    indicators: list = field(default_factory=list)  # [(indicator, forecast)]

    @property
    def reporting_rate(self) -> float:
        """本期报送率: the share of open rows that have reported this period (100 when none is due)."""
        return round(100 * (self.open - self.not_reported) / self.open, 1) if self.open else 100.0

    @property
    def indicators_on_course(self) -> int:
        return sum(1 for _, f in self.indicators if f.on_course)


# ?sort= key → (column heading, value of a row): ``-key`` sorts descending. Towns without a plan go last.
SORTS = {
    "name": ("单位", lambda r: r.issuer.name),
    "tasks": ("任务数", lambda r: r.tasks),
    "red": ("红灯", lambda r: r.red),
    "yellow": ("黄灯", lambda r: r.yellow),
    "green": ("绿灯", lambda r: r.green),
    "rate": ("本期报送率", lambda r: r.reporting_rate),
    "overdue": ("逾期", lambda r: r.overdue),
    "average": ("平均进度", lambda r: r.average),
    "indicators": ("主要指标预计达标", lambda r: r.indicators_on_course),
}
DEFAULT_SORT = "-red"


def next_sort(current: str, key: str) -> str:
    """What a click on column ``key``'s heading asks for: the other direction when it is the sorted column, else
    names A→Z and figures the most first.

    >>> next_sort("-red", "name"), next_sort("name", "name"), next_sort("name", "red"), next_sort("-red", "red")
    ('name', '-name', '-red', 'red')
    """
    if current == key:
        return "-" + key
    if current == "-" + key:
        return key
    return key if key == "name" else "-" + key


def plan_years(issuer: Issuer) -> list[int]:
    """The years for which some issuer below ``issuer`` has a plan, latest first."""
    return list(Plan.objects.filter(issuer__parent=issuer).order_by("-year").values_list("year", flat=True)
                .distinct())


def compare(issuer: Issuer, year: int, sort: str = DEFAULT_SORT) -> list[TownRow]:
    """A row per issuer directly below ``issuer`` for its plan of ``year``, sorted by ``sort`` (a ``SORTS`` key,
    ``-`` first for descending)."""
    rows = {t.pk: TownRow(issuer=t) for t in Issuer.objects.filter(parent=issuer)}
    plans = list(Plan.objects.filter(issuer_id__in=list(rows), year=year).select_related("issuer",
                                                                                         "reporting_cadence"))
    ensure_fresh_plans(plans)
    by_plan = {}
    for plan in plans:
        row = rows[plan.issuer_id]
        row.plan = plan
        by_plan[plan.pk] = row
    counts = (StoredStatus.objects.filter(plan_id__in=list(by_plan), task__archived=False).values("plan_id")
              .annotate(tasks=Count("pk"), red=Count("pk", filter=Q(light="red")),
                        yellow=Count("pk", filter=Q(light="yellow")), green=Count("pk", filter=Q(light="green")),
                        overdue=Count("pk", filter=Q(overdue=True)), open=Count("pk", filter=Q(done=False)),
                        not_reported=Count("pk", filter=Q(not_reported=True)), average=Avg("reported")).order_by())
    for c in counts:
        row = by_plan[c.pop("plan_id")]
        c["average"] = round(c["average"] or 0, 1)
        for name, value in c.items():
            setattr(row, name, value)
    for indicator in Indicator.objects.filter(plan_id__in=list(by_plan)).prefetch_related("actuals"):
        by_plan[indicator.plan_id].indicators.append((indicator, indicator.forecast()))
    return sort_rows(list(rows.values()), sort)


def sort_rows(rows: list[TownRow], sort: str) -> list[TownRow]:
    """``rows`` by ``sort`` (unknown keys: the default); the towns without a plan last, by name."""
    key = sort.lstrip("-")
    if key not in SORTS:
        return sort_rows(rows, DEFAULT_SORT)
    value = SORTS[key][1]
    with_plan = sorted((r for r in rows if r.plan is not None), key=lambda r: r.issuer.name)
    with_plan.sort(key=value, reverse=sort.startswith("-"))
    return with_plan + sorted((r for r in rows if r.plan is None), key=lambda r: r.issuer.name)


@dataclass(frozen=True)
class LinkedPart:
    """A town's part of a county row (联动): its row, and its stored status (None until computed)."""

    task: Task
    status: StoredStatus | None


@dataclass(frozen=True)
class Rollup:
    """The towns' parts of a county row and what they add up to: the mean of their approved progress (平均进度,
    the county row's 联动进度) and the least advanced town's (最低进度)."""

    parts: list[LinkedPart]

    @property
    def mean(self) -> float:
        values = [p.status.reported for p in self.parts if p.status is not None]
        return round(sum(values) / len(values), 1) if values else 0.0

    @property
    def minimum(self) -> float:
        return min((p.status.reported for p in self.parts if p.status is not None), default=0.0)


def linked_parts(task: Task) -> Rollup | None:
    """The towns' live parts of ``task`` with their stored statuses, or None when it was not assigned down."""
    parts = list(Task.objects.filter(linked_to=task, archived=False)
                 .select_related("plan__issuer", "plan__reporting_cadence").order_by("plan__issuer__name"))
    if not parts:
        return None
    ensure_fresh_plans(list({p.plan_id: p.plan for p in parts}.values()))
    statuses = StoredStatus.objects.in_bulk([p.pk for p in parts])
    return Rollup([LinkedPart(p, statuses.get(p.pk)) for p in parts])
