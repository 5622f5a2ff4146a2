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
