"""Exports (luoshi/export/): the Markdown outline and the 任务分解表 workbook."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from luoshi.export import source_sentence, target_value
from luoshi.export.markdown import to_markdown
from luoshi.export.xlsx import COLUMNS, to_xlsx
from luoshi.extract import extract
from luoshi.plan import Plan, Target
from luoshi.report import Report, parse

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"
HEADERS = ["序号", "重点工作", "具体任务", "目标值", "完成时限", "牵头单位", "配合单位", "原文"]


@pytest.fixture(scope="module")
def report() -> Report:
    return parse(DEMO)


@pytest.fixture(scope="module")
def plan(report: Report) -> Plan:
    return extract(report)


@pytest.fixture(scope="module")
def sheet(report: Report, plan: Plan):
    return load_workbook(io.BytesIO(to_xlsx(plan, report.text)))["任务分解表"]


def test_target_values_read_as_a_person_writes_them() -> None:
    def t(kind: str, comparator: str, value: float, unit: str) -> Target:
        return Target("g1", "0", "x", kind, comparator, value, unit, "2025-12-31", "", "")

    assert [target_value(x) for x in (t("growth", "~", 5, "%"), t("rate", "<=", 5.5, "%"), t("rank", "<=", 400, "强"),
                                     t("quantity", "=", 1.16, "万棵"))] == ["增长约5%", "≤5.5%", "≤400强", "1.16万棵"]


def test_the_outline_has_the_targets_table_the_headings_and_every_task(plan: Plan) -> None:
    md = to_markdown(plan)
    assert md.startswith("# 水口镇人民政府 2025年工作计划")
    assert "| 1 | 0 | 地方一般公共预算收入 | 增长11% | 2025-12-31 | t2 |" in md  # t1: the 总体要求
    assert "## 一、以超常力度推动产业攀高向强，全力构建现代化产业体系" in md
    assert "### (一)加强产业平台建设" in md
    assert all(f"**{t.id}** {t.text}" in md for t in plan.tasks)
    assert "| 建滔（开平）新一代信息技术产业园项目 | facility | 1.2 | 落地 | 50亿元 |" in md
    assert "## 警告" in md


def test_the_workbook_header_is_styled_frozen_and_filtered(sheet) -> None:
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref.startswith("A1:H")
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(COLUMNS))]
    assert widths == [w for _, w in COLUMNS] and widths[2] > widths[0]


def test_section_rows_are_merged_across_every_column(sheet) -> None:
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A2:H2" in merged
    assert sheet["A2"].value == "总体要求和主要预期目标"
    titles = [sheet.cell(int(r.split(":")[0][1:]), 1).value for r in merged]
    assert "一、以超常力度推动产业攀高向强，全力构建现代化产业体系" in titles
    assert "(二)强化项目支撑带动" in titles


def test_every_task_is_one_wrapped_numbered_row(sheet, plan: Plan) -> None:
    rows = [r for r in sheet.iter_rows(min_row=2) if isinstance(r[0].value, int)]
    assert [r[0].value for r in rows] == list(range(1, len(plan.tasks) + 1))
    assert [r[2].value for r in rows] == [t.text for t in plan.tasks]
    assert all(c.alignment.wrap_text for c in rows[0])
    first = next(r for r in rows if r[2].value.startswith("力争第一季度"))
    assert [c.value for c in first[1:7]] == ["(一)加强产业平台建设", "力争第一季度完成基地（东片区）1230亩土地平整",
                                             "1230亩", "2025-03-31\n(第一季度)", "自然资源所", None]
    assert first[7].value.startswith("按照“两平台三中心”整体布局") and first[7].value.endswith("打造城产融合标杆。")


def test_without_the_text_the_source_is_the_task_itself(plan: Plan) -> None:
    assert source_sentence(None, plan.tasks[0]) == plan.tasks[0].text
