"""The task table page (任务分解表): sections, tasks, targets and milestones on one page, with filters."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from web.plans import services


def table(client, cast, **filters) -> str:
    response = client.get(reverse("task_table", args=[cast.plan.pk]), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_sections_tasks_targets_and_milestones_on_one_page(as_, cast):
    page = table(as_("staff"), cast)
    for text in ["加强产业平台建设", "力争第一季度完成基地(东片区)1230亩土地平整", "新引进超亿元以上项目",
                 "节点: 产业综合配套工程(一期)建成使用", "地方一般公共预算收入", "建议: 经济发展办"]:
        assert text in page, text


def test_it_filters_by_section_including_its_subsections(as_, cast):
    section = cast.plan.sections.get(key="1")
    page = table(as_("staff"), cast, section=section.pk)
    assert cast.tasks["t1"].text in page and cast.tasks["t4"].text not in page


def test_it_filters_by_department_lead_or_cooperating(as_, cast):
    d = cast.departments
    services.assign_task(cast.supervisor, cast.tasks["t1"], lead=d["经济发展办"])
    services.assign_task(cast.supervisor, cast.tasks["t2"], lead=d["规划建设办"], cooperating=[d["经济发展办"]])
    services.assign_task(cast.supervisor, cast.tasks["t3"], lead=d["财政所"])
    page = table(as_("staff"), cast, department=d["经济发展办"].pk)
    assert cast.tasks["t1"].text in page and cast.tasks["t2"].text in page and cast.tasks["t3"].text not in page


def test_it_filters_by_deadline(as_, cast):
    page = table(as_("staff"), cast, due_before="2025-06-30")
    assert cast.tasks["t1"].text in page and cast.tasks["t2"].text not in page


@time_machine.travel("2025-04-01 10:00 +0800", tick=False)
def test_it_filters_by_status_overdue_the_day_after_the_deadline(as_, cast):
    page = table(as_("staff"), cast, status="overdue")
    assert cast.tasks["t1"].text in page and cast.tasks["t2"].text not in page


@time_machine.travel("2025-03-31 10:00 +0800", tick=False)
def test_it_does_not_call_a_task_overdue_on_its_deadline(as_, cast):
    page = table(as_("staff"), cast, status="overdue")
    assert cast.tasks["t1"].text not in page


@time_machine.travel("2026-11-27 10:00 +0800", tick=False)
def test_a_plan_pinned_to_a_day_is_judged_on_that_day_as_the_dashboards_are(as_, cast):
    # The demo is shown mid-year whatever the clock says: its task table once called every task 已逾期
    # while its dashboards showed the lights of 27 June.
    from web.supervision.models import ReportingCadence

    ReportingCadence.objects.create(plan=cast.plan, as_of="2025-03-01")
    overdue = table(as_("staff"), cast, status="overdue")
    assert cast.tasks["t1"].text not in overdue  # due 2025-03-31: not yet, on the pinned day
    assert "state-overdue" not in table(as_("staff"), cast)  # no row badge says 已逾期
    ReportingCadence.objects.filter(plan=cast.plan).update(as_of="2025-04-01")
    assert cast.tasks["t1"].text in table(as_("staff"), cast, status="overdue")


@time_machine.travel("2025-02-01 10:00 +0800", tick=False)
def test_it_filters_by_status_assigned_and_unassigned(as_, cast):
    services.assign_task(cast.supervisor, cast.tasks["t1"], lead=cast.departments["经济发展办"])
    assigned = table(as_("staff"), cast, status="assigned")
    unassigned = table(as_("staff"), cast, status="unassigned")
    assert cast.tasks["t1"].text in assigned and cast.tasks["t2"].text not in assigned
    assert cast.tasks["t2"].text in unassigned and cast.tasks["t1"].text not in unassigned


def test_it_shows_edit_controls_to_the_supervisor_only(as_, cast):
    assert "hx-get=\"/tasks/" in table(as_("supervisor"), cast)
    assert "hx-get=\"/tasks/" not in table(as_("staff"), cast)
    assert "批量分配" not in table(as_("leader"), cast)


def test_it_keeps_the_query_count_flat(as_, cast, django_assert_max_num_queries):
    client = as_("supervisor")
    with django_assert_max_num_queries(30):
        table(client, cast)


def test_it_shows_the_tasks_a_page_at_a_time_keeping_the_filters(as_, cast, monkeypatch):
    from web.plans import task_views

    monkeypatch.setattr(task_views, "TASKS_PER_PAGE", 2)
    first = table(as_("staff"), cast, due_before="2025-12-31")
    second = table(as_("staff"), cast, due_before="2025-12-31", page=2)
    assert "第 1 / 2 页" in first and "due_before=2025-12-31&amp;page=2" in first
    assert cast.tasks["t1"].text in first and cast.tasks["t1"].text not in second


def test_it_lists_tasks_in_no_section_first(as_, cast):
    services.add_task(cast.supervisor, cast.plan, text="建设圩镇停车楼", deadline=None, section=None)
    page = table(as_("staff"), cast)
    assert page.index("建设圩镇停车楼") < page.index(cast.tasks["t1"].text)
