"""The year end in a real browser: the 督查室 uploads the town's 2026 report (a GBK .txt, as offices save them) on
the demo plan and reads the 兑现表 beside its own figures; the page passes the Content-Security-Policy."""

from __future__ import annotations

import pytest
from browsing import log_in
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A short 2026 report of the demo town whose review part (工作回顾) speaks of three of its 2025 targets.
REPORT_2026 = ("水口镇人民政府2026年政府工作报告\n"
               "一、2025年工作回顾\n"
               "过去一年，全镇地方一般公共预算收入增长12.3%，规模以上工业产值增长3.1%。\n"
               "社会消费品零售总额稳步增长。\n"
               "二、2026年工作安排\n"
               "地方一般公共预算收入增长8%。\n")


def test_the_office_uploads_next_years_report_and_reads_the_accountability_table(page, shot, demo, tmp_path):
    report = tmp_path / "水口镇2026年政府工作报告.txt"
    report.write_bytes(REPORT_2026.encode("gb18030"))
    log_in(page, "duban")

    page.goto(f"/plans/{demo.pk}/")
    page.click("nav.plan-nav >> text=兑现表")
    page.set_input_files("#upload-next-report input[name=file]", str(report))
    page.click("#upload-next-report button")
    table = page.locator("#accountability")
    expect(table).to_contain_text("全镇地方一般公共预算收入增长12.3%")
    expect(table.locator("tr", has_text="规模以上工业产值")).to_contain_text("未兑现")
    expect(table.locator("tr", has_text="社会消费品零售总额")).to_contain_text("不明确")
    shot("year-end-01-accountability")
    page.click("nav.plan-nav >> text=年终")
    expect(page.locator("#close-year")).to_be_visible()
    shot("year-end-02-close-form")


def test_the_office_closes_the_demo_year_and_a_carried_row_shows_last_years_progress(page, shot, demo):
    log_in(page, "duban")
    page.goto(f"/plans/{demo.pk}/year-end/")
    states = page.locator("#close-year select")
    for i in range(states.count()):
        states.nth(i).select_option("done")
    states.first.select_option("carried")
    page.click("#close-year button.primary")
    expect(page.locator("#plan-closed")).to_contain_text("年终关闭")
    expect(page.locator("#outcomes")).to_contain_text("结转至2026年")
    shot("year-end-03-closed")
    page.click("#outcomes >> text=结转至2026年")
    page.click("text=进展报送")
    expect(page.locator("#carried-history")).to_contain_text("上年的进展记录")
    shot("year-end-04-carried-row")
