"""The status engine (状态引擎): one pure function, ``evaluate``, with its rules as configuration.

For one task on one day it computes time progress (序时进度) from the task's start and deadline,
the reported progress, the gap between them, the light (green / yellow / red), whether it is done,
overdue, not reported this period (催报) or caught up, its bulletin category (已完成 / 超进度 /
达进度 / 欠进度), and for each linked target with an actual whether it is on course.

No Django, no clock: the caller passes ``today``. The thresholds live in ``StatusRules``; the
default is what supervision offices commonly rule: yellow when 10–30 points behind time progress,
red beyond 30 or past the deadline unfinished.

>>> from datetime import date
>>> s = evaluate(TaskFacts(start=date(2025, 1, 1), deadline=date(2025, 12, 31), percent=30),
...              today=date(2025, 7, 2))
>>> s.time_progress, s.gap, s.light, s.category
(50.0, 20.0, 'yellow', '欠进度')
>>> evaluate(TaskFacts(start=date(2025, 1, 1), deadline=date(2025, 3, 31), percent=90),
...          today=date(2025, 4, 1)).light
'red'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯"}

DONE, AHEAD, ON_PACE, BEHIND = "已完成", "超进度", "达进度", "欠进度"
CATEGORIES = (DONE, AHEAD, ON_PACE, BEHIND)


@dataclass(frozen=True)
class StatusRules:
    """The thresholds, in percentage points of progress (百分点). Change them here, not in code."""

    yellow_gap: float = 10.0  # behind time progress by at least this → yellow (10 behind is yellow)
    red_gap: float = 30.0  # behind by more than this → red (30 behind is still yellow)
    ahead_margin: float = 10.0  # ahead of time progress by at least this → 超进度
    done_percent: float = 100.0  # reported progress at which a task counts as done
    target_tolerance: float = 0.0  # slack for "~" (about) targets without an upper bound, in the target's unit


DEFAULT_RULES = StatusRules()


@dataclass(frozen=True)
class TargetFacts:
    """A target (量化目标) with its latest actual (实际完成值), if any."""

    comparator: str  # ">=" | "<=" | "~" | "="
    value: float
    actual: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class TaskFacts:
    """What the engine needs to know about a task; the caller reads it from the database."""

    start: date
    deadline: date
    percent: float | None = None  # latest approved (or submitted) percent complete; None: never reported
    reported_this_period: bool = True  # a report exists for the current reporting period
    report_due: bool = True  # the current period's due day has passed (only then is 催报 raised)
    was_behind: bool = False  # the previous period's light was yellow or red
    done: bool = False  # marked complete (办结) regardless of percent
    targets: tuple[TargetFacts, ...] = ()


@dataclass(frozen=True)
class TaskStatus:
    """The engine's verdict on one task on one day."""

    time_progress: float  # 序时进度, 0–100
    reported: float  # reported progress, 0–100 (0 when never reported)
    gap: float  # time progress minus reported progress; positive = behind
    light: str  # green | yellow | red
    done: bool
    overdue: bool  # past the deadline and not done (逾期)
    not_reported: bool  # no report for this period once it is due (催报)
    caught_up: bool  # behind last period, green now (已赶上)
    category: str  # 已完成 | 超进度 | 达进度 | 欠进度
    targets: tuple[bool | None, ...] = field(default=())  # per target: on course, off course, or no actual

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


def time_progress(start: date, deadline: date, today: date) -> float:
    """序时进度: the share of the task's time that has elapsed, in percent, 0 before start, 100 from the deadline.

    >>> time_progress(date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 6))
    50.0
    >>> time_progress(date(2025, 1, 1), date(2025, 1, 11), date(2024, 12, 1))
    0.0
    """
    if today >= deadline:
        return 100.0
    if today <= start:
        return 0.0
    return round(100.0 * (today - start).days / (deadline - start).days, 1)


def target_on_course(target: TargetFacts, rules: StatusRules = DEFAULT_RULES) -> bool | None:
    """Whether an actual meets its target by the target's comparator; ``None`` when there is no actual.

    >>> target_on_course(TargetFacts(">=", 11.0, 11.0)), target_on_course(TargetFacts("<=", 5, 6))
    (True, False)
    """
    if target.actual is None:
        return None
    actual, value = target.actual, target.value
    if target.comparator == ">=":
        return actual >= value
    if target.comparator == "<=":
        return actual <= value
    if target.comparator == "~" and target.upper is not None:
        return min(value, target.upper) <= actual <= max(value, target.upper)
    # "=" and a plain "~": equal, within the configured tolerance
    return abs(actual - value) <= rules.target_tolerance


def evaluate(facts: TaskFacts, today: date, rules: StatusRules = DEFAULT_RULES) -> TaskStatus:
    """The status of one task on ``today`` under ``rules``: the one place the lights are decided."""
    elapsed = time_progress(facts.start, facts.deadline, today)
    reported = max(0.0, min(100.0, float(facts.percent or 0)))
    done = facts.done or reported >= rules.done_percent
    gap = round(elapsed - reported, 1)
    overdue = today > facts.deadline and not done

    if done:
        light = GREEN
    elif overdue or gap > rules.red_gap:
        light = RED
    elif gap >= rules.yellow_gap:
        light = YELLOW
    else:
        light = GREEN

    if done:
        category = DONE
    elif light != GREEN:
        category = BEHIND
    elif -gap >= rules.ahead_margin:
        category = AHEAD
    else:
        category = ON_PACE

    return TaskStatus(
        time_progress=elapsed,
        reported=reported,
        gap=gap,
        light=light,
        done=done,
        overdue=overdue,
        not_reported=facts.report_due and not facts.reported_this_period and not done,
        caught_up=facts.was_behind and light == GREEN,
        category=category,
        targets=tuple(target_on_course(t, rules) for t in facts.targets),
    )
