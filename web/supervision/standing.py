"""Where each task stands (任务进展): light, progress and latest report, as bulletins and exports print them.

One function, ``task_standings``, reads it: from the stored statuses (``status_store.statuses_for_plan``) for the
plan's today, from the status engine (``lights.plan_progress``) for another day (a past period's bulletin).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from web.supervision.lights import plan_progress
from web.supervision.models import ProgressReport, ReportingCadence, StoredStatus
from web.supervision.status_store import statuses_for_plan


@dataclass(frozen=True)
class Standing:
    """One task's standing on a day (进展): 灯, 进度, 序时进度, 最新进展."""

    light: str  # green | yellow | red
    light_label: str  # 绿灯 | 黄灯 | 红灯
    category: str  # 已完成 | 超进度 | 达进度 | 欠进度
    percent: float  # reported progress (0 when never reported)
    time_progress: float  # 序时进度
    done: bool
    overdue: bool
    not_reported: bool
    latest_text: str  # the latest counting report's text (最新进展)
    latest_period: str


def task_standings(plan, day: dt.date | None = None) -> dict[int, Standing]:
    """Every active task's standing on ``day`` (the plan's today by default), by task id."""
    if day is None or day == ReportingCadence.for_plan(plan).today():
        return stored_standings(plan)
    return computed_standings(plan, day)


def computed_standings(plan, day: dt.date) -> dict[int, Standing]:
    """The standings on ``day`` computed from the reports (the status engine)."""
    progress = plan_progress(plan, day)
    out = {}
    for row in progress.tasks:
        s = row.status
        out[row.task.pk] = Standing(
            light=s.light, light_label=s.light_label, category=s.category, percent=s.reported,
            time_progress=s.time_progress, done=s.done, overdue=s.overdue, not_reported=s.not_reported,
            latest_text=row.latest.text if row.latest else "", latest_period=row.latest.period if row.latest else "")
    return out


def stored_standings(plan) -> dict[int, Standing]:
    """The standings on the plan's today, read from the stored statuses; a latest text the stored row keeps as an
    excerpt (``StoredStatus.latest_text``, cut at its field's length) is read whole, in one query for all."""
    statuses = statuses_for_plan(plan)
    limit = StoredStatus._meta.get_field("latest_text").max_length
    cut = [s.latest_report_id for s in statuses.values() if s.latest_report_id and len(s.latest_text) >= limit]
    whole = dict(ProgressReport.objects.filter(pk__in=cut).values_list("pk", "text")) if cut else {}
    return {pk: Standing(
        light=s.light, light_label=s.light_label, category=s.category, percent=s.reported,
        time_progress=s.time_progress, done=s.done, overdue=s.overdue, not_reported=s.not_reported,
        latest_text=whole.get(s.latest_report_id, s.latest_text), latest_period=s.latest_period)
        for pk, s in statuses.items()}
