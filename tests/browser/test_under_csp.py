"""The pages' own behaviour under the Content-Security-Policy (no inline script, no handler, no eval): what used
to be ``onclick``/``onchange``/``hx-on`` now comes from static/luoshi/luoshi.js and still works in a real browser.
The ``page`` fixture fails a test on any policy violation."""

from __future__ import annotations

import re

import pytest
from browsing import log_in
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from web.plans.management.commands.load_demo import PASSWORD
from web.plans.services import edit_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_select_all_ticks_every_task(page, demo):
    log_in(page, "duban")
    page.goto(f"/plans/{demo.pk}/")
    page.check("#select-all")
    boxes = page.locator("input[name=tasks]")
    assert boxes.count() > 5
    expect(page.locator("input[name=tasks]:not(:checked)")).to_have_count(0)
    page.uncheck("#select-all")
    expect(page.locator("input[name=tasks]:checked")).to_have_count(0)


def test_choosing_a_period_shows_its_bulletin(page, demo):
    log_in(page, "lingdao")
    page.goto(f"/plans/{demo.pk}/bulletin/")
    options = page.locator("select[name=period] option")
    first = options.first.get_attribute("value")
    page.select_option("select[name=period]", first)
    expect(page).to_have_url(re.compile(rf"period={first}"))


def test_an_edit_conflict_is_swapped_into_the_row(page, demo):
    log_in(page, "duban")
    page.goto(f"/plans/{demo.pk}/")
    task = demo.tasks.filter(archived=False).order_by("order", "pk").first()
    row = page.locator(f"#task-{task.pk}")
    row.locator("button:has-text('编辑')").click()
    editing = page.locator("tr.editing")
    expect(editing.locator("textarea[name=text]")).to_be_visible()
    edit_task(get_user_model().objects.get(username="duban"), task, text=task.text + "(他人已改)")  # elsewhere
    editing.locator("textarea[name=text]").fill("我的修改")
    editing.locator("button:has-text('保存')").click()
    expect(page.locator("tr.editing")).to_contain_text("已被")
    expect(page.locator("tr.editing textarea[name=text]")).to_have_value("我的修改")


def test_the_api_docs_and_the_admin_work_under_the_policy(page, demo):
    get_user_model().objects.create_superuser("guanli", password=PASSWORD)
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("落实")
    log_in(page, "guanli")
    page.goto("/admin/accounts/department/add/")
    page.fill("input[name=name]", "新设机构")
    page.select_option("select[name=issuer]", label="水口镇人民政府")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("新设机构")
