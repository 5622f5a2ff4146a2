"""The year-end close (年终): every row's final state, the departments' scores of the year, a year-end bulletin, the
结转 rows carried into next year's plan with their history; the closed plan is read-only."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import demo_fixtures
import pytest
import supervision_fixtures as fixtures
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from web.api.models import ApiToken
from web.audit.services import change_events
from web.plans.models import Plan, Task
from web.plans.services import PlanClosed, ServiceError, edit_task
from web.yearend.models import RowOutcome, YearEndClose
from web.yearend.services import Outcome, close_plan_year

demo, supervised = demo_fixtures.demo, fixtures.supervised  # fixtures
State = RowOutcome.State


def _outcomes(plan, carried=(), not_done=()) -> dict[int, Outcome]:
    """完成 for every live row, but ``carried`` (结转) and ``not_done`` (未完成, with a reason) by position."""
    rows = list(plan.tasks.filter(archived=False).order_by("order", "pk"))
    out = {t.pk: Outcome(State.DONE) for t in rows}
    for i in carried:
        out[rows[i].pk] = Outcome(State.CARRIED)
    for i in not_done:
        out[rows[i].pk] = Outcome(State.NOT_DONE, "资金未到位")
    return out


def _reported_row(plan) -> Task:
    """A live row of the demo with progress reports (its history)."""
    return plan.tasks.filter(archived=False, progress_reports__isnull=False).order_by("order", "pk").first()


def _position(plan, task) -> int:
    return list(plan.tasks.filter(archived=False).order_by("order", "pk")).index(task)


def _supervisor(plan):
    return get_user_model().objects.get(username="shidian-duban")


# --- the demo year, closed -----------------------------------------------------------------------


def test_it_closes_the_demo_year_and_opens_the_next_with_the_carried_rows(demo):
    origin = _reported_row(demo)
    close_plan_year(_supervisor(demo), demo, _outcomes(demo, carried=[_position(demo, origin)]))
    following = Plan.objects.get(issuer=demo.issuer, year=2026)
    carried = following.tasks.get()
    assert (carried.carried_from, carried.text, carried.origin) == (origin, origin.text, Task.Origin.CARRIED)
    assert carried.lead_department == origin.lead_department


def test_a_carried_row_shows_its_history_from_last_year(demo, client):
    origin = _reported_row(demo)
    close_plan_year(_supervisor(demo), demo, _outcomes(demo, carried=[_position(demo, origin)]))
    carried = Task.objects.get(carried_from=origin)
    client.force_login(_supervisor(demo))
    page = client.get(reverse("progress_report", args=[carried.pk])).content.decode()
    latest = origin.progress_reports.order_by("-period", "-version").first()
    assert "上年结转" in page and latest.text[:20] in page
    assert origin.progress_reports.count() > 0  # kept on the origin, not moved


def test_the_closed_demo_plan_refuses_edits(demo):
    close_plan_year(_supervisor(demo), demo, _outcomes(demo))
    task = demo.tasks.filter(archived=False).first()
    with pytest.raises(PlanClosed, match="年终关闭"):
        edit_task(_supervisor(demo), Task.objects.get(pk=task.pk), text="年终之后的修改")
    assert Task.objects.get(pk=task.pk).text == task.text


def test_the_year_end_bulletin_lists_every_rows_final_state(demo, client):
    from docx import Document

    close_plan_year(_supervisor(demo), demo, _outcomes(demo, carried=[0], not_done=[1]))
    client.force_login(_supervisor(demo))
    response = client.get(reverse("year_end_bulletin", args=[demo.pk]))
    rows = Document(io.BytesIO(response.content)).tables[0].rows
    outcomes = RowOutcome.objects.filter(close__plan=demo).order_by("task__order", "task_id")
    assert len(rows) - 1 == outcomes.count() == demo.tasks.filter(archived=False).count()
    assert [r.cells[3].text for r in rows[1:]] == [o.get_state_display() for o in outcomes]
    assert rows[1].cells[4].text == "结转至2026年" and rows[2].cells[4].text == "资金未到位"


def test_it_keeps_the_departments_scores_of_the_year_with_their_formula(demo, client):
    from web.dashboards.selectors import ranking
    from web.supervision.status_store import stored_progress

    expected = [(d.department.name, d.score) for d in ranking(stored_progress(demo))]
    close_plan_year(_supervisor(demo), demo, _outcomes(demo))
    assert [(s["department"], s["score"]) for s in YearEndClose.objects.get(plan=demo).scores] == expected
    client.force_login(_supervisor(demo))
    page = client.get(reverse("year_end", args=[demo.pk])).content.decode()
    assert "综合得分 = 按时报送率 × 50% + (100 − 平均落后百分点) × 50%" in page


# --- the close, on the cast's plan ---------------------------------------------------------------


def test_it_requires_a_reason_for_a_row_not_done(cast):
    outcomes = _outcomes(cast.plan)
    outcomes[cast.tasks["t1"].pk] = Outcome(State.NOT_DONE, "  ")
    with pytest.raises(ServiceError, match="请填写原因"):
        close_plan_year(cast.supervisor, cast.plan, outcomes)
    assert not Plan.objects.get(pk=cast.plan.pk).is_closed


def test_it_requires_a_state_for_every_row(cast):
    outcomes = _outcomes(cast.plan)
    del outcomes[cast.tasks["t2"].pk]
    with pytest.raises(ServiceError, match="未填写年终状态"):
        close_plan_year(cast.supervisor, cast.plan, outcomes)


def test_it_closes_a_year_once(cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    with pytest.raises(PlanClosed):
        close_plan_year(cast.supervisor, Plan.objects.get(pk=cast.plan.pk), _outcomes(cast.plan))


def test_it_carries_rows_into_the_next_years_plan_when_there_is_one(cast):
    following = Plan.objects.create(issuer=cast.town, year=2026, title="水口镇2026年工作任务")
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan, carried=[0, 1]))
    assert Plan.objects.filter(issuer=cast.town, year=2026).count() == 1
    assert following.tasks.filter(carried_from__plan=cast.plan).count() == 2


def test_importing_next_years_report_keeps_the_carried_rows(cast):
    from web_sample import sample_extracted

    from web.plans.import_services import confirm_import
    from web.plans.models import PendingImport

    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan, carried=[0]))
    pending = PendingImport.objects.create(kind=PendingImport.Kind.REPORT, created_by=cast.supervisor,
                                           filename="2026.txt", data=b"x", issuer=cast.town, year=2026)
    following = confirm_import(cast.supervisor, pending, sample_extracted(year=2026))
    carried = following.tasks.get(carried_from__isnull=False)
    assert not carried.archived and following.tasks.filter(origin=Task.Origin.EXTRACTED).count() == 4


def test_it_opens_no_plan_when_nothing_is_carried(cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    assert not Plan.objects.filter(issuer=cast.town, year=2026).exists()


def test_it_writes_the_close_to_the_audit_trail(cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan, carried=[0], not_done=[1]))
    event = change_events().get(action="plan.close")
    assert event.after["outcomes"] == {"完成": 2, "基本完成": 0, "未完成": 1, "结转": 1}
    assert change_events().filter(action="task.carry").count() == 1


def test_the_office_closes_the_year_on_its_page(as_, cast):
    form = {f"state_{pk}": o.state for pk, o in _outcomes(cast.plan, not_done=[0]).items()}
    form[f"reason_{cast.plan.tasks.order_by('order', 'pk').first().pk}"] = "用地指标未获批"
    response = as_("supervisor").post(reverse("close_year", args=[cast.plan.pk]), form)
    assert response.status_code == 302 and Plan.objects.get(pk=cast.plan.pk).is_closed


def test_the_page_refuses_a_row_not_done_without_a_reason(as_, cast):
    form = {f"state_{pk}": o.state for pk, o in _outcomes(cast.plan, not_done=[0]).items()}
    response = as_("supervisor").post(reverse("close_year", args=[cast.plan.pk]), form)
    assert response.status_code == 400 and "请填写原因" in response.content.decode()
    assert not Plan.objects.get(pk=cast.plan.pk).is_closed


def test_a_closed_plan_says_so_on_its_pages(as_, cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    for url in (reverse("task_table", args=[cast.plan.pk]), reverse("task_detail", args=[cast.tasks["t1"].pk]),
                reverse("dashboard", args=[cast.plan.pk])):
        assert "年终关闭" in as_("staff").get(url).content.decode(), url


def test_a_closed_plans_task_table_offers_no_edit_controls_but_can_still_be_published(as_, cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    page = as_("supervisor").get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    assert reverse("task_add", args=[cast.plan.pk]) not in page and 'id="bulk"' not in page
    assert reverse("publish_plan", args=[cast.plan.pk]) in page


# --- read-only: every editing service, the pages and the API refuse --------------------------------


def _edit_task(cast):
    edit_task(cast.supervisor, cast.tasks["t1"], text="改")


def _assign(cast):
    from web.plans.services import assign_task

    assign_task(cast.supervisor, cast.tasks["t1"], lead=cast.departments["经济发展办"])


def _add_task(cast):
    from web.plans.services import add_task

    add_task(cast.supervisor, cast.plan, text="新任务")


def _split(cast):
    from web.plans.services import split_task

    split_task(cast.supervisor, cast.tasks["t1"], ["甲", "乙"])


def _archive(cast):
    from web.plans.services import archive_task

    archive_task(cast.supervisor, cast.tasks["t4"])


def _edit_target(cast):
    from web.plans.services import edit_target

    edit_target(cast.supervisor, cast.targets["g3"], value=9)


def _merge(cast):
    from web.plans.merging import merge_with_next

    merge_with_next(cast.supervisor, cast.tasks["t1"])


def _report(cast):
    from web.supervision.services import submit_progress_report

    submit_progress_report(cast.staff, cast.tasks["t3"], department=cast.departments["经济发展办"],
                           period="2025-06", text="进展", percent=50)


def _instruct(cast):
    from web.directives.instructions import write_instruction

    write_instruction(cast.leader, cast.plan, text="抓紧", addressees=[cast.departments["经济发展办"]])


def _cadence(cast):
    from web.supervision.services import set_reporting_cadence

    set_reporting_cadence(cast.supervisor, cast.plan, cadence="quarterly", due_day=10)


def _indicators(cast):
    from web.indicators.services import create_indicators_from_targets

    create_indicators_from_targets(cast.supervisor, cast.plan)


EDITS = [_edit_task, _assign, _add_task, _split, _archive, _edit_target, _merge, _report, _instruct, _cadence,
         _indicators]


@pytest.mark.parametrize("change", EDITS, ids=[f.__name__.lstrip("_") for f in EDITS])
def test_every_editing_service_refuses_a_closed_plan(cast, change):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    cast.plan.refresh_from_db()
    for task in cast.tasks.values():
        task.plan = cast.plan
    for target in cast.targets.values():
        target.plan = cast.plan
    before = change_events().count()
    with pytest.raises(PlanClosed):
        change(cast)
    assert change_events().count() == before


def test_the_edit_page_refuses_a_closed_plan(as_, cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    response = as_("supervisor").post(reverse("task_edit", args=[cast.tasks["t1"].pk]),
                                      {"text": "改过的任务", "deadline": "2025-06-30"})
    assert response.status_code == 400 and "年终关闭" in response.content.decode()


def test_a_page_step_says_the_plan_is_closed_as_its_refusal(as_, cast):
    from web.plans.models import Instruction

    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    response = as_("leader").post(reverse("task_instruct", args=[cast.tasks["t1"].pk]), {"text": "抓紧"}, follow=True)
    assert "年终关闭" in response.content.decode() and not Instruction.objects.exists()


def test_the_api_refuses_a_closed_plan(cast):
    close_plan_year(cast.supervisor, cast.plan, _outcomes(cast.plan))
    _, raw = ApiToken.issue(cast.supervisor, "脚本")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = api.patch(f"/api/tasks/{cast.tasks['t1'].pk}", {"text": "改"}, content_type="application/json")
    assert response.status_code == 400 and "年终关闭" in response.json()["detail"]
    assert Task.objects.get(pk=cast.tasks["t1"].pk).text == cast.tasks["t1"].text


def test_no_reminders_go_out_for_a_closed_plan(supervised, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    supervised.staff.email = "jingji@shuikou.example"
    supervised.staff.save()
    close_plan_year(supervised.supervisor, supervised.plan, _outcomes(supervised.plan))
    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        call_command("send_reminders", plan=supervised.plan.pk, stdout=StringIO())
    assert mail.outbox == []


def test_a_closed_plans_open_notices_are_not_escalated(supervised):
    from web.directives.chases import escalate_overdue_notices, issue_notices

    with time_machine.travel("2025-06-27 09:00+08:00", tick=False):
        issue_notices(supervised.supervisor, supervised.plan,
                      {supervised.departments["经济发展办"]: [supervised.tasks["t3"]]},
                      requirement="报告进展", reply_due=dt.date(2025, 6, 30))
    close_plan_year(supervised.supervisor, Plan.objects.get(pk=supervised.plan.pk), _outcomes(supervised.plan))
    with time_machine.travel("2025-07-05 09:00+08:00", tick=False):
        assert escalate_overdue_notices() == []
