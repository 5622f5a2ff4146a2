"""Where each task stands (任务进展): light, progress and latest report, as bulletins and exports print them.

One function, ``task_standings``, reads it; today from the status engine (``lights.plan_progress``). It is
the one place to switch when the status is stored on the task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from web.supervision.lights import plan_progress


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
    progress = plan_progress(plan, day)
    out = {}
    for row in progress.tasks:
        s = row.status
        out[row.task.pk] = Standing(
            light=s.light, light_label=s.light_label, category=s.category, percent=s.reported,
            time_progress=s.time_progress, done=s.done, overdue=s.overdue, not_reported=s.not_reported,
            latest_text=row.latest.text if row.latest else "", latest_period=row.latest.period if row.latest else "")
    return out
