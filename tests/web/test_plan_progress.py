"""Lights of a plan's tasks from their reports (plan_progress), at the reporting boundaries, with a frozen clock."""

from __future__ import annotations

import datetime as dt

import supervision_fixtures as fixtures
import time_machine
from supervision_fixtures import submit, submit_approved

from web.supervision import services
from web.supervision.lights import plan_progress

supervised = fixtures.supervised  # fixtures used below


def statuses(plan, day, **kwargs):
    return {r.task.key: r for r in plan_progress(plan, day, **kwargs).tasks}


def test_it_asks_for_june_only_after_the_25th(supervised):
    with time_machine.travel("2025-06-10 09:00+08:00", tick=False):
        submit(supervised, "t3", "2025-05", 35)
    on_due_day = statuses(supervised.plan, dt.date(2025, 6, 25))["t3"]
    day_after = statuses(supervised.plan, dt.date(2025, 6, 26))["t3"]
    assert not on_due_day.status.not_reported  # May's report is in; June's is due today
    assert day_after.status.not_reported  # June's is late


def test_it_lights_tasks_from_the_latest_approved_version(supervised):
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 20)
        submit_approved(supervised, "t2", "2025-06", 45, department="规划建设办", who="other_staff")
    s = statuses(supervised.plan, dt.date(2025, 7, 2))
    assert (s["t3"].status.light, s["t3"].status.gap) == ("yellow", 30.0)
    assert (s["t2"].status.light, s["t2"].status.category) == ("green", "达进度")
    assert s["t1"].status.overdue and s["t1"].status.light == "red"  # due 2025-03-31, never reported


def test_a_version_awaiting_review_moves_no_light_and_waits_beside_it(supervised):
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        report = submit(supervised, "t3", "2025-06", 50)
    waiting = statuses(supervised.plan, dt.date(2025, 6, 27))["t3"]
    assert (waiting.status.reported, waiting.status.light, waiting.pending, waiting.pending_percent) == (
        0, "red", True, 50)
    assert not waiting.status.not_reported  # the department has reported: no 催报 while the office reviews
    services.approve_progress_report(supervised.supervisor, report)
    approved = statuses(supervised.plan, dt.date(2025, 6, 27))["t3"]
    assert (approved.status.reported, approved.status.light, approved.pending) == (50, "green", False)


def test_the_public_view_counts_only_approved_versions_as_reported(supervised):
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        report = submit(supervised, "t3", "2025-06", 50)
    assert statuses(supervised.plan, dt.date(2025, 6, 27), public=True)["t3"].status.not_reported
    services.approve_progress_report(supervised.supervisor, report)
    assert not statuses(supervised.plan, dt.date(2025, 6, 27), public=True)["t3"].status.not_reported


def test_it_says_caught_up_when_last_period_was_behind(supervised):
    with time_machine.travel("2025-05-20 09:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-05", 10)  # end of May: time 41%, reported 10% → red
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 55)
    row = statuses(supervised.plan, dt.date(2025, 6, 27))["t3"]
    assert row.status.light == "green" and row.status.caught_up


def test_it_flags_a_period_returned_twice_until_approved(supervised):
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        for n in range(2):
            services.return_progress_report(supervised.supervisor, submit(supervised, percent=30 + n), "补充材料")
        assert statuses(supervised.plan, dt.date(2025, 6, 20))["t3"].returned_twice
        services.approve_progress_report(supervised.supervisor, submit(supervised, percent=40))
    assert not statuses(supervised.plan, dt.date(2025, 6, 20))["t3"].returned_twice


def test_it_judges_target_actuals(supervised):
    target = supervised.targets["g3"]
    with time_machine.travel("2025-06-20 09:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 50, actuals={target.pk: 5})
    row = statuses(supervised.plan, dt.date(2025, 6, 27))["t3"]
    assert row.targets == [(target, 5.0, False)]
