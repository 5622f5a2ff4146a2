"""The 任务分解表 as an .xlsx workbook, the way a supervision office hands it to departments.

One row per task under merged section rows; columns 序号, 重点工作, 具体任务, 目标值, 完成时限,
牵头单位, 配合单位, 原文. The header is styled and frozen, text wraps, widths suit Chinese text.

Every text cell goes through ``neutralise`` (公式注入防护): a task typed as ``=HYPERLINK(…)`` stays text.
The web app's export and re-import use the same ``neutralise`` / ``unneutralise`` pair.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from luoshi.export import heading, plan_sections, source_sentence, target_value, targets_of
from luoshi.plan import Plan

# (header, width in characters): Chinese characters are about two Latin widths each.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6), ("重点工作", 24), ("具体任务", 48), ("目标值", 18), ("完成时限", 14),
    ("牵头单位", 18), ("配合单位", 22), ("原文", 60),
)
# The table's look, shared with the web app's export (web/exports/xlsx.py) so both hand out one 任务分解表.
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
TOP_FILL = PatternFill("solid", fgColor="D9E1F2")
SUB_FILL = PatternFill("solid", fgColor="EDF1F9")
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")

# A cell starting with one of these is run as a formula by Excel, WPS or LibreOffice (and openpyxl stores a
# string starting with "=" as a formula): "=", "+", "-", "@" start formulas, a tab or carriage return can
# hide one after them (the OWASP "CSV injection" list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading apostrophe so it stays text (公式注入防护).

    >>> neutralise("=1+1"), neutralise("@SUM(A1)"), neutralise("-2+3")
    ("'=1+1", "'@SUM(A1)", "'-2+3")
    >>> neutralise("增长11%"), neutralise("")
    ('增长11%', '')
    """
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def unneutralise(value: str) -> str:
    """The text ``neutralise`` was given back, for reading an exported sheet after editing.

    >>> unneutralise("'=1+1"), unneutralise("'引号开头"), unneutralise(neutralise("+86"))
    ('=1+1', "'引号开头", '+86')
    """
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_STARTS and value[1:] else value


def to_xlsx(plan: Plan, text: str | None = None) -> bytes:
    """The 任务分解表 of a plan as .xlsx bytes; ``text`` (the normalised report) gives each task's 原文.

    >>> from openpyxl import load_workbook
    >>> from luoshi.plan import Section, Task
    >>> plan = Plan("水口镇人民政府", 2025, sections=(Section("1", "一", "推动产业发展", None),),
    ...             tasks=(Task("t1", "1", "启动产业综合配套工程(二期)", "2025-12-31", "", lead="经济发展办"),))
    >>> sheet = load_workbook(io.BytesIO(to_xlsx(plan))).active
    >>> [c.value for c in sheet[1]][:4], sheet.freeze_panes, sheet["A3"].value, sheet["F3"].value
    (['序号', '重点工作', '具体任务', '目标值'], 'A2', 1, '经济发展办')
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    header_row(sheet, COLUMNS)
    titles = {s.id: heading(s) for s in plan.sections}
    number = 0
    for section in plan_sections(plan):
        section_row(sheet, neutralise(heading(section)), top=section.parent is None, width=len(COLUMNS))
        for task in (t for t in plan.tasks if t.section == section.id):
            number += 1
            values = "；".join(target_value(t) for t in targets_of(plan, task))
            when = task.deadline + (f"\n({task.deadline_text})" if task.deadline_text else "")
            work = titles.get(task.section, "")
            row = [work, task.text, values, when, task.lead or "", "、".join(task.cooperating),
                   source_sentence(text, task)]
            body_row(sheet, [number, *(neutralise(value) for value in row)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, sheet.max_row)}"
    book.properties.title = f"{plan.issuer} {plan.year}年任务分解表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_row(sheet, columns: tuple[tuple[str, int], ...]) -> None:
    """The header of a table (表头): the names on the dark fill, widths set, frozen above the rows."""
    sheet.append([name for name, _ in columns])
    for i, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
        cell = sheet.cell(1, i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    sheet.freeze_panes = "A2"


def body_row(sheet, values: list) -> None:
    """A row of a table (表格行), its cells wrapped and bordered; text cells already neutralised."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.alignment = _WRAP
        cell.border = BORDER


def section_row(sheet, title: str, top: bool, width: int) -> None:
    """A heading row merged across ``width`` columns (章节行): top-level sections a shade darker."""
    row = sheet.max_row + 1
    sheet.cell(row, 1, title)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = sheet.cell(row, 1)
    cell.font = Font(bold=True, size=12 if top else 11)
    cell.fill = TOP_FILL if top else SUB_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    cell.border = BORDER
