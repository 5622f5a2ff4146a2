"""Each role's working day in a real browser, on the demo plan with its half year (演示数据, seen on 2025-06-27):

the 督查室 sets who answers for a department, opens the workbench, filters the task table to red rows, chases a
department and issues a 督办单; the department sees the chase on its workbench, reports its rows in one batch and
replies to the 督办单; the 督查室 approves the batch at once; the leader writes a 批示 from the one-page view, the
department replies, the leader sees the reply. Screenshots of the three workbenches go to docs/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import log_in
from docx import Document
from playwright.sync_api import expect

from web.directives.models import SupervisionNotice
from web.supervision.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screenshots"
ARTIFACTS = ROOT / "test-artifacts"


def tile(page, label: str):
    return page.locator("a.tile", has_text=label)


def count_of(page, label: str) -> int:
    return int(tile(page, label).locator(".n").inner_text())


def test_each_roles_working_day(page, shot, demo):
    # --- the 督查室 names who answers for 经济发展办 (部门与人员) -----------------------------------------------
    log_in(page, "duban")
    page.click("header >> text=部门与人员")
    expect(page.locator("h1")).to_have_text("部门与人员")
    page.locator("#department-" + str(demo.issuer.departments.get(name="经济发展办").pk)).get_by_text("修改").click()
    page.select_option("select[name=leader_in_charge]", label="镇领导 (演示)")
    page.select_option("select[name=responsible]", label="经济发展办 (演示)")
    page.click("button:has-text('保存')")
    expect(page.locator(".messages")).to_contain_text("已保存部门“经济发展办”")
    shot("day-01-people")

    # --- the 督查室's workbench, then the red rows of the task table -------------------------------------------
    page.click("header >> text=工作台")
    expect(tile(page, "待审核的报送")).to_be_visible()
    shot("workbench-supervisor", DOCS / "workbench-supervisor.png")
    red = count_of(page, "红灯")
    tile(page, "红灯").click()
    expect(page).to_have_url(re.compile(r"light=red"))
    expect(page.locator(".count")).to_have_text(f"共 {red} 项任务")
    lights = page.locator("tr.task-row td.light-cell .light")
    expect(lights.first).to_have_class(re.compile("red"))
    assert all("red" in (c or "") for c in lights.evaluate_all("els => els.map(e => e.className)"))
    shot("day-02-red-rows", DOCS / "task-table.png")

    # --- it chases 经济发展办 for the rows it has not reported this period, then issues a 督办单 on one ------------
    jingji = demo.issuer.departments.get(name="经济发展办")
    unreported = f"/plans/{demo.pk}/?progress=not_reported&department={jingji.pk}"
    page.goto(unreported)
    led = list(demo.tasks.filter(archived=False, stored_status__not_reported=True, assignments__department=jingji,
                                 assignments__role="lead").values_list("pk", flat=True))
    chased = len(led)
    assert chased > 0
    for pk in led:  # its own rows; the rows it only cooperates on are chased through their lead units
        page.check(f"tr.task-row input[name=tasks][value='{pk}']")
    page.click("#chase-selected")
    expect(page.locator("fieldset.chase-group legend")).to_contain_text("经济发展办 · 责任人 经济发展办 (演示)")
    page.fill("textarea[name=message]", "请于6月30日前补报本月进展")
    page.click("#send-chase")
    expect(page.locator(".messages")).to_contain_text("已向1个部门发出催报:经济发展办")
    shot("day-03-chased")
    page.goto(unreported)
    expect(page.locator("a.mark", has_text="已催报")).to_have_count(chased)
    page.check(f"tr.task-row input[name=tasks][value='{led[0]}']")
    page.click("#notice-selected")
    page.fill("textarea[name=requirement]", "请说明滞后原因,提出赶进度的具体措施。")
    page.click("#issue-notice")
    expect(page.locator("h1")).to_contain_text("督办〔2025〕1号")
    shot("day-04-notice")
    with page.expect_download() as download:
        page.click("#notice-docx")
    saved = ARTIFACTS / "督办单-2025-1.docx"
    saved.parent.mkdir(parents=True, exist_ok=True)
    download.value.save_as(saved)
    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert "督办〔2025〕1号" in text and "请说明滞后原因" in text

    # --- the department sees the chase and the 督办单, reports its rows in one batch, replies --------------------
    log_in(page, "jingji")
    expect(tile(page, "收到的催报")).to_contain_text("1")
    expect(tile(page, "待回复的督办单")).to_contain_text("1")
    shot("workbench-department", DOCS / "workbench-department.png")
    page.click("#batch-report")
    expect(page.locator("h1")).to_contain_text("经济发展办 · 本期报送")
    batch = page.locator("table.batch tr[id^=batch-]")
    reported = min(3, batch.count())
    assert reported > 0
    expect(batch.first.locator(".mark.bad")).to_have_text("被催报/督办")  # chased rows come first
    for i in range(reported):
        row = batch.nth(i)
        row.locator("input[type=checkbox]").check()
        row.locator("input.percent").fill(str(50 + i))
        row.locator("textarea[name$=-text]").fill(f"本月完成阶段性工作{i + 1}项,进度加快")
    shot("day-05-batch-report")
    page.click("#submit-batch")
    expect(page.locator(".messages")).to_contain_text(f"已报送 {reported} 项")
    notice = SupervisionNotice.objects.get()
    page.goto(f"/notices/{notice.pk}/")
    page.fill("textarea[name=text]", "已约谈施工单位,增加作业班组,7月底前追回进度。")
    page.click("#reply-notice")
    expect(page.locator("#notice-reply")).to_contain_text("已约谈施工单位")

    # --- the 督查室 approves the batch at once -----------------------------------------------------------------
    log_in(page, "duban")
    page.goto(f"/plans/{demo.pk}/review/")
    ours = ProgressReport.objects.filter(status="submitted", text__startswith="本月完成阶段性工作")
    for report in ours:
        page.check(f"#report-{report.pk} input[name=reports]")
    shot("day-06-review-queue")
    page.click("#approve-selected")
    expect(page.locator(".messages")).to_contain_text(f"已审核通过 {reported} 份报送")
    assert not ProgressReport.objects.filter(status="submitted", text__startswith="本月完成阶段性工作").exists()

    # --- the leader writes a 批示 from the one-page view ---------------------------------------------------------
    log_in(page, "lingdao")
    page.goto(f"/plans/{demo.pk}/leader/")
    page.locator("table.lagging a.instruct").first.click()
    expect(page.locator("h1")).to_have_text("写批示")
    page.fill("textarea[name=text]", "请经济发展办倒排工期,每周报告一次进展。")
    for box in page.locator("input[name=addressees]").all():
        box.uncheck()
    page.check("label:has-text('经济发展办') input[name=addressees]")
    page.click("#send-instruction")
    expect(page.locator(".messages")).to_contain_text("批示已发出:经济发展办")
    instruction_url = page.url

    # --- the department replies; the leader sees the reply --------------------------------------------------------
    log_in(page, "jingji")
    expect(tile(page, "待回复的领导批示")).to_contain_text("1")
    page.locator("section.urgent a[href$='#reply-instruction']").first.click()
    page.fill("textarea[name=text]", "已倒排工期,每周五报送进展。")
    page.click("#reply-instruction")
    expect(page.locator(".messages")).to_contain_text("已回复批示")

    log_in(page, "lingdao")
    expect(tile(page, "批示的新回复")).to_contain_text("1")
    shot("workbench-leader", DOCS / "workbench-leader.png")
    page.goto(instruction_url)
    expect(page.locator("blockquote.reply")).to_contain_text("已倒排工期")
    shot("day-07-reply-seen")
    page.goto(f"/plans/{demo.pk}/leader/")
    expect(page.locator("table.instructions")).to_contain_text("已倒排工期")
