"""The status engine (状态引擎) as a table of cases: one row per rule and per boundary.

Every task in the table runs 2025-01-01 → 2025-12-31 unless the row says otherwise, so time progress
on a day is easy to read: 2025-07-02 is day 182 of 364 → 50.0.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import time_machine

from web.supervision.status import (
    AHEAD,
    BEHIND,
    DONE,
    ON_PACE,
    StatusRules,
    TargetFacts,
    TaskFacts,
    evaluate,
    time_progress,
)

YEAR = TaskFacts(start=date(2025, 1, 1), deadline=date(2025, 12, 31))
MID_YEAR = date(2025, 7, 2)  # time progress 50.0

# (name, facts, today, expected light, expected category)
LIGHT_CASES = [
    # on pace and ahead
    ("level with time is green", replace(YEAR, percent=50), MID_YEAR, "green", ON_PACE),
    ("9.9 behind is still green", replace(YEAR, percent=40.1), MID_YEAR, "green", ON_PACE),
    ("9 ahead is on pace, not ahead", replace(YEAR, percent=59), MID_YEAR, "green", ON_PACE),
    ("10 ahead is 超进度", replace(YEAR, percent=60), MID_YEAR, "green", AHEAD),
    # yellow band: 10–30 behind, both ends included
    ("exactly 10 behind turns yellow", replace(YEAR, percent=40), MID_YEAR, "yellow", BEHIND),
    ("20 behind is yellow", replace(YEAR, percent=30), MID_YEAR, "yellow", BEHIND),
    ("exactly 30 behind is still yellow", replace(YEAR, percent=20), MID_YEAR, "yellow", BEHIND),
    # red: beyond 30, or past the deadline unfinished
    ("30.1 behind is red", replace(YEAR, percent=19.9), MID_YEAR, "red", BEHIND),
    ("never reported at mid-year is red", YEAR, MID_YEAR, "red", BEHIND),
    ("on the deadline day 5 behind is green", replace(YEAR, percent=95), date(2025, 12, 31), "green", ON_PACE),
    ("the day after the deadline at 95 is red", replace(YEAR, percent=95), date(2026, 1, 1), "red", BEHIND),
    # done
    ("100 percent is done and green", replace(YEAR, percent=100), MID_YEAR, "green", DONE),
    ("marked done at 80 is done", replace(YEAR, percent=80, done=True), date(2026, 3, 1), "green", DONE),
    ("percent above 100 is clamped to done", replace(YEAR, percent=120), MID_YEAR, "green", DONE),
    # before start
    ("before the start nothing is due", replace(YEAR, start=date(2025, 8, 1)), MID_YEAR, "green", ON_PACE),
]


@pytest.mark.parametrize(("facts", "today", "light", "category"), [c[1:] for c in LIGHT_CASES],
                         ids=[c[0] for c in LIGHT_CASES])
def test_it_lights_each_case(facts, today, light, category):
    status = evaluate(facts, today)
    assert (status.light, status.category) == (light, category)


def test_case_names_are_unique():
    names = [c[0] for c in LIGHT_CASES]
    assert len(names) == len(set(names))


# (name, start, deadline, today, time progress)
TIME_CASES = [
    ("before start", date(2025, 1, 1), date(2025, 1, 11), date(2024, 12, 31), 0.0),
    ("on the start day", date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 1), 0.0),
    ("half way", date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 6), 50.0),
    ("one day before the deadline", date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 10), 90.0),
    ("on the deadline", date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 11), 100.0),
    ("after the deadline", date(2025, 1, 1), date(2025, 1, 11), date(2025, 6, 1), 100.0),
    ("deadline on the start day", date(2025, 3, 1), date(2025, 3, 1), date(2025, 2, 1), 0.0),
    ("a year task at mid-year", date(2025, 1, 1), date(2025, 12, 31), MID_YEAR, 50.0),
]


@pytest.mark.parametrize(("start", "deadline", "today", "expected"), [c[1:] for c in TIME_CASES],
                         ids=[c[0] for c in TIME_CASES])
def test_it_computes_time_progress(start, deadline, today, expected):
    assert time_progress(start, deadline, today) == expected


def test_it_reports_the_gap_as_points_behind():
    status = evaluate(replace(YEAR, percent=35), MID_YEAR)
    assert (status.time_progress, status.reported, status.gap) == (50.0, 35.0, 15.0)


def test_it_flags_not_reported_only_once_the_period_is_due():
    assert evaluate(replace(YEAR, percent=50, reported_this_period=False), MID_YEAR).not_reported
    assert not evaluate(replace(YEAR, percent=50, reported_this_period=False, report_due=False), MID_YEAR).not_reported
    assert not evaluate(replace(YEAR, percent=100, reported_this_period=False), MID_YEAR).not_reported


def test_it_says_caught_up_when_behind_last_period_and_green_now():
    assert evaluate(replace(YEAR, percent=48, was_behind=True), MID_YEAR).caught_up
    assert not evaluate(replace(YEAR, percent=30, was_behind=True), MID_YEAR).caught_up
    assert not evaluate(replace(YEAR, percent=48, was_behind=False), MID_YEAR).caught_up


def test_it_flags_overdue_only_after_the_deadline_and_unfinished():
    assert not evaluate(replace(YEAR, percent=95), date(2025, 12, 31)).overdue
    assert evaluate(replace(YEAR, percent=95), date(2026, 1, 1)).overdue
    assert not evaluate(replace(YEAR, percent=100), date(2026, 1, 1)).overdue


def test_its_thresholds_are_configuration():
    strict = StatusRules(yellow_gap=5, red_gap=15)
    facts = replace(YEAR, percent=40)  # 10 behind
    assert evaluate(facts, MID_YEAR).light == "yellow"
    assert evaluate(facts, MID_YEAR, strict).light == "yellow"
    assert evaluate(replace(YEAR, percent=34), MID_YEAR, strict).light == "red"
    assert evaluate(replace(YEAR, percent=46), MID_YEAR, strict).light == "green"


# (name, target, on course?)
TARGET_CASES = [
    ("growth at least: met exactly", TargetFacts(">=", 11.0, 11.0), True),
    ("growth at least: short", TargetFacts(">=", 11.0, 10.9), False),
    ("at most: under", TargetFacts("<=", 5.0, 4.0), True),
    ("at most: over", TargetFacts("<=", 5.0, 5.1), False),
    ("range: inside", TargetFacts("~", 5.0, 5.5, upper=6.0), True),
    ("range: outside", TargetFacts("~", 5.0, 6.5, upper=6.0), False),
    ("exact: equal", TargetFacts("=", 400, 400), True),
    ("exact: different", TargetFacts("=", 400, 401), False),
    ("no actual yet", TargetFacts(">=", 11.0, None), None),
]


@pytest.mark.parametrize(("target", "expected"), [c[1:] for c in TARGET_CASES], ids=[c[0] for c in TARGET_CASES])
def test_it_judges_each_target_against_its_comparator(target, expected):
    status = evaluate(replace(YEAR, percent=50, targets=(target,)), MID_YEAR)
    assert status.targets == (expected,)


# Boundaries against the wall clock: the caller passes today's date; with a frozen clock the day
# before, of and after the deadline each give their light.
@pytest.mark.parametrize(("now", "light", "overdue"), [
    ("2025-03-31 23:59:00+08:00", "yellow", False),  # the deadline day: 80 reported, 20 behind
    ("2025-04-01 00:01:00+08:00", "red", True),  # the next morning: past the deadline unfinished
])
def test_it_turns_red_the_morning_after_the_deadline(now, light, overdue):
    facts = TaskFacts(start=date(2025, 1, 1), deadline=date(2025, 3, 31), percent=80)
    with time_machine.travel(now, tick=False):
        from django.utils import timezone

        status = evaluate(facts, timezone.localdate())
    assert (status.light, status.overdue) == (light, overdue)
