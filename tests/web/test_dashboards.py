"""Dashboards (看板): the overview, a department's page and the leader's one page, for members only;
each chart's ECharts option is on the page and ECharts is served by the app itself."""

from __future__ import annotations

import json

import pytest
import supervision_fixtures as fixtures
from django.contrib.staticfiles import finders
from django.urls import reverse
from supervision_fixtures import submit, submit_approved

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


def chart_option(page: str, chart_id: str) -> dict:
    start = page.index(f'<script id="{chart_id}" type="application/json">') + len(
        f'<script id="{chart_id}" type="application/json">')
    return json.loads(page[start:page.index("</script>", start)])


def test_the_overview_counts_tasks_by_light_section_and_department(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 20)  # yellow: 29 behind on 06-27
    response = as_("supervisor").get(reverse("dashboard", args=[supervised.plan.pk]))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary["total"], summary["green"], summary["yellow"], summary["red"]) == (4, 0, 1, 3)
    page = response.content.decode()
    pie = chart_option(page, "chart-lights")
    assert [d["value"] for d in pie["series"][0]["data"]] == [0, 1, 3]
    sections = chart_option(page, "chart-sections")
    assert sections["xAxis"]["data"][0].startswith("一以超常力度")
    departments = chart_option(page, "chart-departments")
    assert "经济发展办" in departments["yAxis"]["data"]
    assert [row.task.key for row in response.context["lagging"]][:1] == ["t1"]


def test_an_unreviewed_report_leaves_the_light_and_shows_awaiting_review(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit(supervised, "t3", "2025-06", 26)  # 26 % would make the red task yellow, once approved
    response = as_("leader").get(reverse("dashboard", args=[supervised.plan.pk]))
    summary = response.context["summary"]
    assert (summary["yellow"], summary["red"]) == (0, 4)
    assert "待审核" in response.content.decode()


def test_the_ranking_rewards_on_time_reports(as_, supervised):
    with fixtures.time_machine.travel("2025-05-20 10:00+08:00", tick=False):
        submit(supervised, "t4", "2025-05", 45, department="党政办", who="supervisor")
    response = as_("leader").get(reverse("dashboard", args=[supervised.plan.pk]))
    ranks = {str(d.department): d for d in response.context["ranks"]}
    assert ranks["党政办"].on_time == 1 and ranks["党政办"].rank == 1
    assert ranks["经济发展办"].on_time_rate == 0.0


@pytest.mark.parametrize("name", ["dashboard", "leader_view"])
@pytest.mark.parametrize(("role", "status"), [("supervisor", 200), ("leader", 200), ("staff", 200),
                                              ("outsider", 404), ("public", 302)])
def test_dashboards_are_for_members(as_, supervised, name, role, status):
    assert as_(role).get(reverse(name, args=[supervised.plan.pk])).status_code == status


def test_the_department_page_shows_its_own_tasks(as_, supervised):
    dept = supervised.departments["经济发展办"]
    response = as_("staff").get(reverse("department_dashboard", args=[supervised.plan.pk, dept.pk]))
    assert sorted(r.task.key for r in response.context["progress"].tasks) == ["t1", "t2", "t3"]


def test_a_department_of_another_issuer_is_not_found(as_, supervised, cast):
    from web.accounts.models import Department

    stranger = Department.objects.get(issuer=cast.other_town)
    response = as_("supervisor").get(reverse("department_dashboard", args=[supervised.plan.pk, stranger.pk]))
    assert response.status_code == 404


def test_echarts_is_shipped_with_the_app(as_, supervised):
    page = as_("supervisor").get(reverse("dashboard", args=[supervised.plan.pk])).content.decode()
    assert "/static/vendor/echarts.min.js" in page and "cdn" not in page.lower()
    assert finders.find("vendor/echarts.min.js") and finders.find("dashboards/charts.js")


@pytest.mark.parametrize(("role", "shown", "hidden"), [
    ("supervisor", ["审核", "预警"], ["本部门任务"]),
    ("leader", ["预警"], ["审核", "本部门任务"]),
    ("staff", ["本部门任务"], ["审核", "预警"]),
])
def test_the_menu_shows_each_role_what_it_may_use(as_, supervised, role, shown, hidden):
    page = as_(role).get(reverse("dashboard", args=[supervised.plan.pk])).content.decode()
    menu = page[page.index('<nav class="plan-nav"'):page.index("</nav>", page.index('<nav class="plan-nav"'))]
    assert all(f">{link}<" in menu for link in shown) and not any(f">{link}<" in menu for link in hidden)


def test_a_task_reported_complete_owes_no_later_reports(as_, supervised):
    with fixtures.time_machine.travel("2025-03-20 10:00+08:00", tick=False):
        submit(supervised, "t4", "2025-03", 100, department="党政办", who="supervisor")
    ranks = {str(d.department): d for d in as_("leader").get(
        reverse("dashboard", args=[supervised.plan.pk])).context["ranks"]}
    assert (ranks["党政办"].expected, ranks["党政办"].on_time) == (3, 1)  # January, February, March


def test_the_ranking_names_each_departments_leader_in_charge(as_, supervised):
    from web.accounts.models import Department

    Department.objects.filter(pk=supervised.departments["经济发展办"].pk).update(leader_in_charge=supervised.leader)
    page = as_("leader").get(reverse("dashboard", args=[supervised.plan.pk])).content.decode()
    start = page.index('<table class="data ranking">')
    ranking = page[start:page.index("</table>", start)]
    assert "经济发展办</a></td><td>lingdao</td>" in ranking
