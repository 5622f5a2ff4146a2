"""A county over its towns in a real browser, on the demo (开平市 over 水口镇 and 月山镇):

the county's 督查室 compares the two towns, sorts them, drills into one town's dashboard and task table (read
only: no button changes anything, and a change asked for by address is refused); a town's 督查室 gets a 404 on
the other town's plan. The comparison's screenshot goes to docs/screenshots/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from browsing import log_in
from django.core.management import call_command
from playwright.sync_api import expect

from web.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def towns(settings, tmp_path):
    """The demo's two towns' plans by issuer, each with its simulated half year."""
    settings.LUOSHI_DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    for town in ("水口镇人民政府", "月山镇人民政府"):
        call_command("load_demo_history", issuer=town, stdout=io.StringIO())
    return {p.issuer.name: p for p in Plan.objects.select_related("issuer")}


def test_a_county_supervisor_compares_two_towns_and_drills_into_one(page, shot, towns):
    log_in(page, "kaiping")
    page.goto("/plans/")
    page.click("text=开平市人民政府下级单位对比")
    expect(page.locator("h1")).to_have_text("下级单位对比:开平市人民政府")
    expect(page.locator("tr[data-town]")).to_have_count(2)

    page.click("th a[data-sort=name]")  # 单位, ascending
    expect(page).to_have_url(re.compile(r"sort=name"))
    first = page.locator("tr[data-town]").first.get_attribute("data-town")
    page.click("th a[data-sort=name]")  # again: descending
    expect(page).to_have_url(re.compile(r"sort=-name"))
    expect(page.locator("tr[data-town]").first).not_to_have_attribute("data-town", first)
    shot("county-towns", DOCS / "county-towns.png")

    page.click("tr[data-town='水口镇人民政府'] td:first-child a")
    expect(page.locator("h1")).to_contain_text("督查看板:水口镇人民政府")
    page.click("nav.plan-nav >> text=任务分解表")
    expect(page.locator("#export-xlsx")).to_be_visible()
    expect(page.get_by_role("link", name="添加任务")).to_have_count(0)
    expect(page.get_by_role("button", name="公开")).to_have_count(0)
    task = towns["水口镇人民政府"].tasks.order_by("pk").first()
    assert page.goto(f"/tasks/{task.pk}/edit/").status == 403


def test_a_town_user_gets_404_on_the_other_town(page, towns):
    Plan.objects.update(published=False)  # the demo history publishes them; an office's plan is internal first
    log_in(page, "yueshan")
    assert page.goto(f"/plans/{towns['月山镇人民政府'].pk}/").status == 200
    assert page.goto(f"/plans/{towns['水口镇人民政府'].pk}/").status == 404
    assert page.goto(f"/plans/{towns['水口镇人民政府'].pk}/dashboard/").status == 404
