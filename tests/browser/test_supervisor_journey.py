"""A supervisor's first day, in a real browser: log in, import the demo report, add and assign a task,
edit one inline (htmx), export the task table, change it as in Excel, and import it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import log_in
from openpyxl import load_workbook
from playwright.sync_api import expect

import luoshi
from web.plans.management.commands.load_demo import ensure_demo_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_supervisor_imports_assigns_and_round_trips_the_task_table(page, shot):
    ensure_demo_organisation()
    page.goto("/accounts/login/")
    shot("01-login")
    log_in(page, "duban")

    # Import the demo report: upload → preview with highlighted source → confirm.
    page.goto("/plans/import/")
    page.set_input_files("input[name=file]", str(DEMO))
    page.select_option("select[name=issuer]", label="水口镇人民政府")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("导入预览")
    expect(page.locator("mark").first).to_be_visible()
    shot("02-import-preview")
    page.click("#confirm-import")
    expect(page.locator("h1")).to_contain_text("水口镇人民政府2025年工作任务")
    shot("03-task-table")

    # Add a task by hand, then assign it a lead and a cooperating department.
    page.click("text=添加任务")
    page.fill("textarea[name=text]", "建设圩镇演示停车楼")
    page.fill("input[name=deadline]", "2025-10-31")
    page.click("button:has-text('添加')")
    expect(page.locator(".facts")).to_contain_text("建设圩镇演示停车楼")
    page.select_option("select[name=lead]", label="规划建设办")
    page.check("label:has-text('经济发展办') input")
    page.click("#save-assignment")
    expect(page.locator(".facts")).to_contain_text("规划建设办")
    shot("04-task-assigned")

    # Inline edit through htmx: the row turns into a form and back, without leaving the page.
    page.click("text=← 水口镇人民政府2025年工作任务")
    row = page.locator("tr.task-row", has_text="建设圩镇演示停车楼")
    row.locator("button:has-text('编辑')").click()
    editing = page.locator("tr.editing")
    editing.locator("textarea[name=text]").fill("建设圩镇演示停车楼和充电站")
    editing.locator("button:has-text('保存')").click()
    expect(page.locator("tr.task-row", has_text="建设圩镇演示停车楼和充电站")).to_be_visible()
    shot("05-inline-edit")

    # Export the table, change the lead as one would in Excel, import it back.
    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    exported = ARTIFACTS / "任务分解表-导出.xlsx"
    download_info.value.save_as(exported)
    wb = load_workbook(exported)
    ws = wb.active
    headers = [c.value for c in ws[2]]  # row 1 is the title
    text_col, lead_col = headers.index("任务") + 1, headers.index("牵头单位") + 1
    row_number = next(r for r in range(3, ws.max_row + 1) if "演示停车楼" in str(ws.cell(r, text_col).value))
    ws.cell(row_number, lead_col).value = "财政所"
    edited = ARTIFACTS / "任务分解表-修改.xlsx"
    wb.save(edited)
    page.click("text=导入 Excel")
    page.set_input_files("input[name=file]", str(edited))
    page.click("button[type=submit]")
    expect(page.locator("table.grid")).to_contain_text("财政所")
    shot("06-excel-diff")
    page.click("#confirm-table")
    expect(page.locator("tr.task-row", has_text="演示停车楼")).to_contain_text("财政所")
    shot("07-after-excel-import")
