"""Tiles and chart bars open the rows behind them; the public page opens with its figures and indicators and
can be searched."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse

from web.plans.services import publish_plan

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


def test_a_tile_opens_the_rows_behind_it(as_, supervised):
    page = as_("leader").get(reverse("leader_view", args=[supervised.plan.pk])).content.decode()
    rows_url = reverse("tile_rows", args=[supervised.plan.pk])
    assert f'href="{rows_url}?show=overdue"' in page
    response = as_("leader").get(rows_url + "?show=overdue")
    assert [r.task.key for r in response.context["rows"]] == ["t1"]  # due in March, never reported
    assert "逾期(1项)" in response.content.decode()


def test_a_departments_tiles_keep_to_its_tasks(as_, supervised):
    department = supervised.departments["党政办"]
    response = as_("leader").get(reverse("tile_rows", args=[supervised.plan.pk]),
                                 {"show": "all", "department": department.pk})
    assert [r.task.key for r in response.context["rows"]] == ["t4"]


def test_a_chart_slice_carries_the_link_to_its_rows(as_, supervised):
    page = as_("leader").get(reverse("dashboard", args=[supervised.plan.pk]))
    option = page.context["charts"]["chart-lights"]
    links = [d["link"] for d in option["series"][0]["data"]]
    assert links[-1].endswith("?show=red")
    bars = page.context["charts"]["chart-categories"]["series"][0]["data"]
    assert bars[3]["link"].endswith("?show=behind")


@pytest.mark.parametrize(("role", "status"), [("staff", 200), ("public", 302), ("outsider", 404)])
def test_the_rows_are_for_members(as_, supervised, role, status):
    assert as_(role).get(reverse("tile_rows", args=[supervised.plan.pk]) + "?show=red").status_code == status


def test_an_unknown_filter_is_not_found(as_, supervised):
    assert as_("leader").get(reverse("tile_rows", args=[supervised.plan.pk]) + "?show=x").status_code == 404


def test_the_public_page_opens_with_figures_and_search(as_, supervised):
    publish_plan(supervised.supervisor, supervised.plan, True)
    page = as_("public").get(reverse("public_plan", args=[supervised.plan.pk])).content.decode()
    assert page.index("任务总数") < page.index('name="q"') < page.index("public-tasks")
    found = as_("public").get(reverse("public_plan", args=[supervised.plan.pk]), {"q": "城市管理"})
    assert found.context["found"] == 1 and "找到 1 项" in found.content.decode()


def _bars(as_, cast, chart: str) -> list[tuple[int, str]]:
    """(value, link) of every bar of a dashboard chart (of a count chart: every bar with rows)."""
    option = as_("leader").get(reverse("dashboard", args=[cast.plan.pk])).context["charts"][chart]
    return [(d["value"], d.get("link", "")) for series in option["series"] for d in series["data"]
            if d["value"] or chart == "chart-ranking"]


@pytest.mark.parametrize("chart", ["chart-sections", "chart-departments", "chart-ranking"])
def test_a_chart_bar_opens_the_task_table_filtered_to_its_rows(as_, supervised, chart):
    bars = _bars(as_, supervised, chart)
    table = reverse("task_table", args=[supervised.plan.pk])
    assert bars and all(link.startswith(table + "?") for _, link in bars)
    for value, link in bars:
        if chart != "chart-ranking":  # a ranking bar is a rate; it opens every row the department leads
            assert as_("leader").get(link).context["task_count"] == value, link


def test_a_section_bar_keeps_to_its_light(as_, supervised):
    _, link = next(bar for bar in _bars(as_, supervised, "chart-sections") if "light=red" in bar[1])
    rows = as_("leader").get(link).context["page"].object_list
    assert rows and {t.stored_status.light for t in rows} == {"red"}


def test_the_task_table_keeps_to_the_rows_a_department_leads(as_, supervised):
    lead = supervised.departments["经济发展办"]
    rows = as_("supervisor").get(reverse("task_table", args=[supervised.plan.pk]), {"lead": lead.pk})
    assert {t.lead_department for t in rows.context["page"].object_list} == {lead}


def test_the_public_pages_sections_fold_and_a_search_opens_them(as_, supervised):
    publish_plan(supervised.supervisor, supervised.plan, True)
    url = reverse("public_plan", args=[supervised.plan.pk])
    page = as_("public").get(url).content.decode()
    assert "共4项任务" in page and '<details class="public-section">' in page and " open>" not in page
    found = as_("public").get(url, {"q": "城市管理"}).content.decode()
    assert '<details class="public-section" open>' in found
