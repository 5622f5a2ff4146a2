"""Status computed once, read everywhere: after each kind of change, and after a day passes, every stored row
status of the whole demo plan equals a fresh computation (``status_store.compute``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import demo_fixtures
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from web.accounts.models import Department
from web.plans import services as plan_services
from web.plans.import_services import confirm_import
from web.plans.importing import extract_report
from web.plans.management.commands.load_demo import DEMO_REPORT
from web.plans.models import PendingImport, Plan
from web.supervision import services, status_store
from web.supervision.models import ProgressReport, ReportingCadence, StoredStatus

Status = ProgressReport.Status
demo = demo_fixtures.demo  # fixture


def assert_stored_is_fresh(plan) -> None:
    plan = Plan.objects.get(pk=plan.pk)  # no cached cadence: what a new request would see
    stored = {s.task_id: s.values() for s in StoredStatus.objects.filter(plan=plan)}
    fresh = {s.task_id: s.values() for s in status_store.compute(plan)}
    assert stored.keys() == fresh.keys(), "a live task without a stored status, or an archived one with one"
    wrong = {pk: {k: (v, fresh[pk][k]) for k, v in row.items() if v != fresh[pk][k]}
             for pk, row in stored.items() if row != fresh[pk]}
    assert not wrong, f"stored ≠ fresh (stored, fresh) for {len(wrong)} rows, e.g. {next(iter(wrong.items()))}"


def people(plan):
    users = get_user_model().objects
    return users.get(username="shidian-duban"), users.get(username="shidian-jingji")


def jingji_task(plan, *, open_in="2025-06"):
    """A live task led by 经济发展办 with nothing submitted or approved for ``open_in``."""
    closed = ProgressReport.objects.filter(period=open_in, status__in=[Status.SUBMITTED, Status.APPROVED])
    return (plan.tasks.filter(archived=False, assignments__role="lead", assignments__department__name="经济发展办")
            .exclude(pk__in=closed.values("task_id")).order_by("pk").first())


def test_the_demo_starts_with_a_stored_status_for_every_live_task(demo):
    assert StoredStatus.objects.filter(plan=demo).count() == demo.tasks.filter(archived=False).count() > 50
    assert set(StoredStatus.objects.filter(plan=demo).values_list("day", flat=True)) == {dt.date(2025, 6, 27)}
    assert_stored_is_fresh(demo)


def _submit(plan, supervisor, staff):
    task = jingji_task(plan)
    department = Department.objects.get(issuer=plan.issuer, name="经济发展办")
    services.submit_progress_report(staff, task, department=department, period="2025-06", text="完成企业走访5家",
                                    percent=55)


def _approve(plan, supervisor, staff):
    for report in ProgressReport.objects.filter(task__plan=plan, status=Status.SUBMITTED)[:3]:
        services.approve_progress_report(supervisor, report)


def _return(plan, supervisor, staff):
    report = ProgressReport.objects.filter(task__plan=plan, status=Status.SUBMITTED).last()
    services.return_progress_report(supervisor, report, "请补充佐证材料")


def _extension(plan, supervisor, staff):
    task = jingji_task(plan)
    ext = services.request_extension(staff, task, department=task.lead_department,
                                     requested_deadline=(task.deadline or dt.date(2025, 12, 31)) + dt.timedelta(90),
                                     reason="征地未完成")
    services.decide_extension(supervisor, ext, approve=True)


def _cadence(plan, supervisor, staff):
    services.set_reporting_cadence(supervisor, plan, cadence="quarterly", due_day=20)


def _edit_deadline(plan, supervisor, staff):
    task = plan.tasks.filter(archived=False).order_by("pk")[3]
    plan_services.edit_task(supervisor, task, deadline=dt.date(2025, 5, 31))


def _add(plan, supervisor, staff):
    plan_services.add_task(supervisor, plan, text="新增:完成老旧小区改造3个", deadline=dt.date(2025, 9, 30),
                           lead=Department.objects.get(issuer=plan.issuer, name="规划建设办"))


def _split(plan, supervisor, staff):
    task = plan.tasks.filter(archived=False, parent__isnull=True).order_by("pk")[5]
    plan_services.split_task(supervisor, task, ["第一部分", "第二部分"])


def _archive_and_restore(plan, supervisor, staff):
    first, second = plan.tasks.filter(archived=False).order_by("pk")[6:8]
    plan_services.archive_task(supervisor, first)
    plan_services.archive_task(supervisor, second)
    plan_services.restore_task(supervisor, second)


def _reimport(plan, supervisor, staff):
    extracted = extract_report(DEMO_REPORT.read_bytes(), DEMO_REPORT.name, issuer=plan.issuer.name, year=2025)
    fewer = dataclasses.replace(extracted.plan, tasks=extracted.plan.tasks[2:])
    pending = PendingImport.objects.create(kind=PendingImport.Kind.REPORT, created_by=supervisor,
                                           filename="corrected.txt", data=b"-", issuer=plan.issuer, year=2025,
                                           target_confirmed=True)  # 水口镇's report, knowingly, for 试点镇's plan
    confirm_import(supervisor, pending, dataclasses.replace(extracted, plan=fewer))


CHANGES = {"a report submitted": _submit, "reports approved": _approve, "a report returned": _return,
           "an extension granted": _extension, "the cadence changed": _cadence, "a deadline edited": _edit_deadline,
           "a task added": _add, "a task split": _split, "tasks archived and restored": _archive_and_restore,
           "the report re-imported": _reimport}


@pytest.mark.parametrize("change", list(CHANGES))
def test_stored_statuses_equal_a_fresh_computation_after(demo, change):
    before = {s.task_id: s.values() for s in StoredStatus.objects.filter(plan=demo)}
    CHANGES[change](demo, *people(demo))
    after = {s.task_id: s.values() for s in StoredStatus.objects.filter(plan=demo)}
    assert after != before  # the change moved something: the comparison below is not of two untouched tables
    assert_stored_is_fresh(demo)


def test_stored_statuses_equal_a_fresh_computation_after_a_day_passes(demo):
    ReportingCadence.objects.filter(plan=demo).update(as_of=None)  # the real clock from now on
    with time_machine.travel("2025-06-25 07:00+08:00", tick=False) as clock:
        call_command("refresh_statuses", stdout=io.StringIO())
        assert_stored_is_fresh(demo)
        before = {s.task_id: s.values() for s in StoredStatus.objects.filter(plan=demo)}
        clock.move_to("2025-06-26 07:00+08:00")  # June's due day (the 25th) has passed: 催报
        assert StoredStatus.objects.filter(plan=demo).exclude(day=dt.date(2025, 6, 25)).count() == 0
        call_command("refresh_statuses", stdout=io.StringIO())
        assert_stored_is_fresh(demo)
    after = {s.task_id: s.values() for s in StoredStatus.objects.filter(plan=demo)}
    newly_unreported = [pk for pk in after if after[pk]["not_reported"] and not before[pk]["not_reported"]]
    assert newly_unreported and {r["day"] for r in after.values()} == {dt.date(2025, 6, 26)}


def test_a_page_computes_the_statuses_when_the_morning_run_did_not(demo, client):
    StoredStatus.objects.filter(plan=demo).update(day=dt.date(2025, 6, 26), light="green")  # yesterday's
    client.force_login(get_user_model().objects.get(username="shidian-duban"))
    assert client.get(f"/plans/{demo.pk}/dashboard/").status_code == 200
    assert_stored_is_fresh(demo)


def test_the_morning_run_leaves_a_plan_already_computed_for_today_alone(demo):
    out = io.StringIO()
    call_command("refresh_statuses", plan=demo.pk, stdout=out)
    assert "已重新计算 0 个规划" in out.getvalue()


def test_a_draft_changes_no_light_and_a_submitted_report_waits_beside_it(demo):
    supervisor, staff = people(demo)
    task = jingji_task(demo)
    before = StoredStatus.objects.get(task=task)
    department = Department.objects.get(issuer=demo.issuer, name="经济发展办")
    report = services.submit_progress_report(staff, task, department=department, period="2025-06",
                                             text="全部完成", percent=100)
    waiting = StoredStatus.objects.get(task=task)
    assert (waiting.light, waiting.reported, waiting.pending, waiting.pending_percent) == (
        before.light, before.reported, True, 100)
    services.approve_progress_report(supervisor, report)
    approved = StoredStatus.objects.get(task=task)
    assert (approved.reported, approved.done, approved.pending, approved.latest_text) == (100, True, False, "全部完成")
