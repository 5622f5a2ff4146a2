"""The 兑现表 for people: a Markdown table and an .xlsx workbook, in the look of the 任务分解表.

One row per target of the plan year: its indicator and value, what next year's review says (原文),
the figure it gives, and the verdict in words. Every text cell of the workbook goes through
``neutralise`` like the 任务分解表's, so a claim starting with ``=`` stays text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from luoshi.accountability import Accountability, Item
from luoshi.export import target_value
from luoshi.export.xlsx import body_row, header_row, neutralise

VERDICT_WORDS = {"met": "已完成", "missed": "未完成", "unclear": "无法判断", "not_reported": "未提及"}
# Why, in a few words (判定依据), by the rule that gave the verdict.
RULE_WORDS = {
    "floor": "实际值达到目标值", "about": "“左右”: 差距在0.3个百分点或5%以内", "about_ceiling": "“左右”按上限理解",
    "ceiling": "实际值不超过上限", "decrease": "降幅不小于目标", "completion": "报告明确说完成",
    "bound_below_target": "只说“以上”, 低于目标值, 无法判断", "scope_differs": "口径不同",
    "part_of_whole": "只是其中一部分", "quoted_kind": "只是其中一类", "flow_vs_stock": "给的是总量, 不是当年新增",
    "not_comparable": "数字与目标不可比", "magnitude": "只有量级, 没有数字", "mention": "提到了, 但没有数字",
    "not_found": "回顾部分没有提到", "other_period": "只有累计、年均或五年的数字, 没有当年的",
    "no_indicator": "目标没有指标名称", "stage_differs": "说的是另一个阶段 (如开工与完工)",
    "related_wording": "表述相关, 但不一定是同一指标",
}
# The comparing rules read the other way round when the target was missed.
MISSED_WORDS = {
    "floor": "实际值低于目标值", "about": "“左右”: 差距超过0.3个百分点或5%",
    "about_ceiling": "“左右”按上限理解, 实际值超过上限", "ceiling": "实际值超过上限", "decrease": "降幅小于目标",
}
VERDICT_FILLS = {"met": "E2EFDA", "missed": "FCE4D6", "unclear": "FFF2CC", "not_reported": "EDEDED"}
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6), ("章节", 8), ("指标", 28), ("目标值", 14), ("回顾中的表述", 56), ("实际值", 14),
    ("兑现情况", 10), ("判定依据", 26),
)


def _actual(item: Item) -> str:
    c = item.claim
    if c is None or c.actual is None:
        return ""
    if item.target.kind == "growth" and c.actual < 0:
        return f"下降{abs(c.actual):g}{c.actual_unit or ''}"
    prefix = "增长" if item.target.kind == "growth" else ""
    return f"{prefix}{c.actual:g}{c.actual_unit or ''}"


def row(item: Item) -> list[str]:
    """The cells of one row after 序号 (兑现表的一行).

    >>> from luoshi.plan import Target
    >>> t = Target("g1", "2", "地区生产总值", "growth", ">=", 5, "%", "2025-12-31", "", "")
    >>> row(Item(t, "not_reported", "not_found"))
    ['2', '地区生产总值', '增长≥5%', '', '', '未提及', '回顾部分没有提到']
    """
    t = item.target
    return [t.section, t.indicator, target_value(t), item.claim.text if item.claim else "", _actual(item),
            VERDICT_WORDS.get(item.verdict, item.verdict), why(item)]


def why(item: Item) -> str:
    """判定依据: the rule that gave the verdict, in words that fit the verdict.

    >>> from luoshi.plan import Target
    >>> t = Target("g1", "2", "地区生产总值", "growth", ">=", 5, "%", "2025-12-31", "", "")
    >>> why(Item(t, "met", "floor")), why(Item(t, "missed", "floor"))
    ('实际值达到目标值', '实际值低于目标值')
    """
    if item.verdict == "missed" and item.rule in MISSED_WORDS:
        return MISSED_WORDS[item.rule]
    return RULE_WORDS.get(item.rule, item.rule)


def summary(table: Accountability) -> str:
    """已完成 3 · 未完成 1 · 无法判断 2 · 未提及 20 (共 26 个目标)."""
    counts = " · ".join(f"{VERDICT_WORDS[v]} {table.count(v)}" for v in VERDICT_WORDS)
    return f"{counts} (共 {len(table.items)} 个目标)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Accountability) -> str:
    """The 兑现表 as a Markdown table.

    >>> print(to_markdown(Accountability("河北省人民政府", 2025, ())).splitlines()[0])
    # 河北省人民政府 2025年目标兑现表
    """
    lines = [f"# {table.issuer or '(发文机关未识别)'} {table.plan_year or ''}年目标兑现表", ""]
    if table.next_report:
        lines.append(f"对照: {table.next_report} 的工作回顾部分 · {summary(table)}")
    else:
        lines.append(summary(table))
    lines += ["", "| 序号 | 章节 | 指标 | 目标值 | 回顾中的表述 | 实际值 | 兑现情况 | 判定依据 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for i, item in enumerate(table.items, 1):
        lines.append(f"| {i} | " + " | ".join(_cell(c) for c in row(item)) + " |")
    return "\n".join(lines) + "\n"


def to_xlsx(table: Accountability) -> bytes:
    """The 兑现表 as .xlsx bytes: a styled, frozen header, one row per target, the verdict coloured.

    >>> from openpyxl import load_workbook
    >>> from luoshi.plan import Target
    >>> t = Target("g1", "2", "=地区生产总值", "growth", ">=", 5, "%", "2025-12-31", "", "")
    >>> table = Accountability("河北省人民政府", 2025, (Item(t, "met", "floor"),))
    >>> sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    >>> [c.value for c in sheet[1]][:3], sheet["C2"].value, sheet["G2"].value
    (['序号', '章节', '指标'], "'=地区生产总值", '已完成')
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "兑现表"
    header_row(sheet, COLUMNS)
    for number, item in enumerate(table.items, 1):
        body_row(sheet, [number, *(neutralise(value) for value in row(item))])
        sheet.cell(sheet.max_row, 7).fill = PatternFill("solid", fgColor=VERDICT_FILLS.get(item.verdict, "FFFFFF"))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, sheet.max_row)}"
    book.properties.title = f"{table.issuer} {table.plan_year}年目标兑现表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
