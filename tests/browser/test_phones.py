"""Every page at a phone's width (390 × 844): no sideways scrolling (``scrollWidth <= 390``), the menu folds
away, tables turn into cards, the leader's key figures fit on the first screen, a tile opens the rows behind
it, the public page opens with its figures and a search. Screenshots: test-artifacts/screenshots/phone-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import log_in
from playwright.sync_api import expect

from web.plans.services import publish_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH, HEIGHT = 390, 844
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": WIDTH, "height": HEIGHT},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def fits(page, name: str) -> None:
    """No sideways scrolling; the first screen and the whole page saved as screenshots."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"), full_page=True)
    assert width <= WIDTH, f"{name}: the page is {width} px wide on a {WIDTH} px screen"


def test_the_leaders_one_page_view_fits_and_its_figures_are_on_the_first_screen(phone, demo):
    log_in(phone, "lingdao")
    phone.goto(f"/plans/{demo.pk}/leader/")
    expect(phone.locator("[data-chart][data-rendered='1']")).to_have_count(1)
    fits(phone, "phone-leader")
    cards = phone.locator(".cards").bounding_box()
    assert cards["y"] + cards["height"] <= HEIGHT  # every key figure on the first screen


def test_a_tile_opens_the_rows_behind_it(phone, demo):
    log_in(phone, "lingdao")
    phone.goto(f"/plans/{demo.pk}/leader/")
    phone.locator("a.card.red", has_text="红灯").tap()
    expect(phone.locator("h1")).to_contain_text(re.compile(r"红灯.\d+项."))
    fits(phone, "phone-red-rows")


def test_the_menu_folds_away_and_opens(phone, demo):
    log_in(phone, "duban")
    phone.goto(f"/plans/{demo.pk}/")
    expect(phone.locator("#site-menu")).to_be_hidden()
    phone.locator(".menu-toggle").tap()
    expect(phone.locator("#site-menu")).to_be_visible()
    expect(phone.locator(".menu-toggle")).to_have_attribute("aria-expanded", "true")


def test_the_task_table_fits_as_cards(phone, demo):
    log_in(phone, "duban")
    phone.goto(f"/plans/{demo.pk}/")
    row = phone.locator("tr.task-row").first
    expect(row).to_be_visible()
    assert row.evaluate("r => getComputedStyle(r).display") == "block"  # a card, not a table row
    fits(phone, "phone-task-table")


def test_the_report_form_fits(phone, demo):
    from web.supervision.models import ProgressReport

    reported = ProgressReport.objects.filter(period="2025-06").values_list("task_id", flat=True)
    task = (demo.tasks.filter(assignments__department__name="经济发展办", assignments__role="lead", archived=False)
            .exclude(pk__in=reported).order_by("pk").first())  # June still open for a report
    log_in(phone, "jingji")
    phone.goto(f"/tasks/{task.pk}/progress/")
    expect(phone.locator("textarea[name=text]")).to_be_visible()
    fits(phone, "phone-report-form")


def test_the_public_page_opens_with_figures_indicators_and_search(phone, demo):
    from django.contrib.auth import get_user_model

    publish_plan(get_user_model().objects.get(username="duban"), demo)
    phone.goto(f"/public/plans/{demo.pk}/")
    summary = phone.locator(".public-summary").bounding_box()
    assert summary["y"] < HEIGHT
    assert phone.locator(".public-indicators").bounding_box()["y"] < phone.locator("table.public-tasks").first \
        .bounding_box()["y"]
    fits(phone, "phone-public")
    phone.fill("input[name=q]", "医院")
    phone.locator(".public-search button").tap()
    expect(phone.locator(".public-search .count")).to_contain_text("找到")
    fits(phone, "phone-public-search")
