"""Readers of status read the stored rows (``StoredStatus``) and print what a fresh computation would: the bulletin's
draft, the Excel export, a row's progress page and the reminders. A day other than the plan's today (a past
period's bulletin) is still computed."""

from __future__ import annotations

import datetime as dt

import demo_fixtures
import pytest
from django.contrib.auth import get_user_model

from web.accounts.models import Department
from web.bulletins import content
from web.exports.workbook import write_task_table
from web.supervision import lights, reminders, services, standing, status_store
from web.supervision.models import ProgressReport, TargetActual

demo = demo_fixtures.demo  # fixture
TODAY = dt.date(2025, 6, 27)  # the demo plan's pinned day


@pytest.fixture
def no_computing(monkeypatch):
    """Any computation of status from the reports fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("status computed from the reports instead of read from the stored rows")
    for module in (lights, standing, status_store):
        monkeypatch.setattr(module, "plan_progress", refuse)


def test_the_standings_of_today_are_the_stored_statuses_and_equal_a_computation(demo):
    computed = standing.computed_standings(demo, TODAY)
    assert standing.task_standings(demo) == standing.stored_standings(demo) == computed


def test_the_bulletin_draft_of_the_current_period_reads_no_report_for_its_lights(demo, no_computing):
    content.draft_texts(demo, "2025-06")


def test_the_bulletin_draft_reads_the_same_from_the_stored_rows_as_computed(demo, monkeypatch):
    stored = content.draft_texts(demo, "2025-06")
    monkeypatch.setattr(content, "task_standings", lambda plan, day: standing.computed_standings(plan, day))
    assert content.draft_texts(demo, "2025-06") == stored


def test_a_past_periods_bulletin_is_still_computed_for_its_day(demo, monkeypatch):
    days = []
    monkeypatch.setattr(standing, "computed_standings", lambda plan, day: days.append(day) or {})
    content.draft_texts(demo, "2025-03")
    assert days == [dt.date(2025, 3, 31)]


def test_the_export_reads_the_stored_rows(demo, no_computing):
    assert write_task_table(demo, demo.tasks.filter(archived=False)).startswith(b"PK")


def test_the_export_prints_a_latest_report_longer_than_the_stored_excerpt_whole(demo):
    supervisor = get_user_model().objects.get(username="shidian-duban")
    staff = get_user_model().objects.get(username="shidian-jingji")
    closed = ProgressReport.objects.filter(period="2025-06", status__in=["submitted", "approved"])
    task = (demo.tasks.filter(archived=False, assignments__role="lead", assignments__department__name="经济发展办")
            .exclude(pk__in=closed.values("task_id")).order_by("pk").first())
    text = "完成企业走访并逐户建立问题清单。" * 30  # 480 characters, the stored excerpt keeps 200
    report = services.submit_progress_report(staff, task, department=Department.objects.get(
        issuer=demo.issuer, name="经济发展办"), period="2025-06", text=text, percent=60)
    services.approve_progress_report(supervisor, report)
    assert standing.task_standings(demo)[task.pk].latest_text == text


def test_the_progress_page_shows_the_stored_status_with_each_targets_latest_approved_actual(demo):
    report = (ProgressReport.objects.filter(task__plan=demo, task__archived=False, status="approved",
                                            actuals__isnull=False).order_by("pk").first())
    task = report.task
    stored, fresh = status_store.task_progress(task), lights.plan_progress(demo, TODAY, tasks=[task]).tasks[0]
    fields = ("light", "time_progress", "reported", "gap", "category", "done", "overdue", "not_reported", "caught_up")
    assert [getattr(stored.status, f) for f in fields] == [getattr(fresh.status, f) for f in fields]
    assert (stored.pending, stored.department, stored.targets) == (fresh.pending, fresh.department, fresh.targets)
    assert TargetActual.objects.filter(report__task=task).exists() and any(a is not None for _, a, _ in stored.targets)


def test_the_progress_page_reads_no_report_for_its_light(demo, client, no_computing):
    task = demo.tasks.filter(archived=False).order_by("pk").first()
    client.force_login(get_user_model().objects.get(username="shidian-duban"))
    assert client.get(f"/tasks/{task.pk}/progress/").status_code == 200


def test_the_reminders_of_today_read_the_stored_rows_and_name_the_same_tasks(demo, monkeypatch):
    def named(digests):
        return sorted((d.department.pk, [t.pk for t in d.overdue], [t.pk for t in d.due_soon]) for d in digests)

    stored = named(reminders.build_digests(demo, TODAY))
    monkeypatch.setattr(reminders, "progress_on", lambda plan, day: lights.plan_progress(plan, day))
    assert stored and named(reminders.build_digests(demo, TODAY)) == stored
