"""Writing the 任务分解表 workbook, ready to print: title row, A4 landscape, one page wide, the header on every page.

Sheets: 任务分解表 (first- and second-level headings as full rows, then the tasks with 分管领导, 进度, 状态 and
最新进展), 民生实事 (the tasks under the plan's livelihood headings) and 主要指标 (the headline indicators).
The columns and the reading back are in ``xlsx.py``; the look is shared with the CLI's ``luoshi.export.xlsx``.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from luoshi.export.xlsx import BORDER, HEADER_FILL, neutralise, section_row
from web.exports.xlsx import COL, COLUMNS, FIRST_DATA_ROW, HEADER_ROW, HIDDEN, SHEET, TITLE_ROW
from web.plans.models import Plan, Task
from web.supervision.standing import Standing, task_standings

LIGHT_FILLS = {"green": PatternFill("solid", fgColor="E2F0D9"), "yellow": PatternFill("solid", fgColor="FFF2CC"),
               "red": PatternFill("solid", fgColor="F8CBAD")}
WRAP = Alignment(wrap_text=True, vertical="top")
# The plan's 民生实事: the tasks under a first-level heading with one of these words (a named rule, not a guess
# in code): 四、以真挚情怀办好暖心为民实事 … ; 2025年省十件民生实事.
LIVELIHOOD_WORDS = ("民生实事", "为民实事", "民生")
INDICATOR_COLUMNS = [("指标", 28), ("类型", 8), ("年度目标", 16), ("最新累计", 18), ("全年预计", 14),
                     ("剩余月份需达到", 16), ("判断", 12)]


def title_of(plan: Plan) -> str:
    return f"{plan.issuer.name}{plan.year}年工作任务分解表"


def write_task_table(plan: Plan, tasks) -> bytes:
    """The plan's 任务分解表 as .xlsx bytes, with its 民生实事 and 主要指标 sheets."""
    tasks = list(tasks)
    standings = task_standings(plan)
    book = Workbook()
    book.properties.title = title_of(plan)
    _task_sheet(book.active, plan, tasks, standings, title_of(plan), SHEET)
    livelihood = _livelihood_sections(plan)
    _task_sheet(book.create_sheet("民生实事"), plan, [t for t in tasks if t.section_id in livelihood], standings,
                f"{plan.issuer.name}{plan.year}年民生实事", "民生实事")
    _indicator_sheet(book.create_sheet("主要指标"), plan)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _print_setup(ws, width: int, title_rows: str) -> None:
    """A4 landscape, fit to one page wide (as many pages down as it takes), title and header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.6
    ws.oddFooter.center.text = "第 &P 页,共 &N 页"
    ws.print_area = f"A1:{get_column_letter(width)}{max(ws.max_row, HEADER_ROW)}"


def _title_and_header(ws, title: str, columns: list[tuple[str, int]], printed: int) -> None:
    ws.cell(TITLE_ROW, 1, title)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=printed)
    ws.cell(TITLE_ROW, 1).font = Font(bold=True, size=16)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 32
    for i, (name, width) in enumerate(columns, 1):
        cell = ws.cell(HEADER_ROW, i, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"


def _task_sheet(ws, plan: Plan, tasks: list[Task], standings: dict[int, Standing], title: str, name: str) -> None:
    ws.title = name
    printed = len(COLUMNS) - len(HIDDEN)
    _title_and_header(ws, title, COLUMNS, printed)
    for hidden in HIDDEN:
        ws.column_dimensions[get_column_letter(COL[hidden])].hidden = True
    number = 0
    for section, section_tasks in _with_headings(plan, tasks):
        if section_tasks is None:
            section_row(ws, neutralise(heading(section)), top=section.parent_id is None, width=printed)
            continue
        for task in section_tasks:
            number += 1
            _task_row(ws, number, task, standings.get(task.pk))
    _print_setup(ws, printed, f"{TITLE_ROW}:{HEADER_ROW}")


def heading(section) -> str:
    """A heading as printed: 一、以超常力度… (the numeral takes its 、), (一)加强产业平台建设."""
    number = section.number or ""
    if number and number[-1] in "一二三四五六七八九十":
        return f"{number}、{section.title}"
    return str(section)


def _with_headings(plan: Plan, tasks: list[Task]):
    """(section, None) for each heading, first-level ones included, before the first of its tasks; then
    (section, tasks). Tasks in no section come first, without a heading."""
    from web.plans.selectors import group_by_section

    sections = {s.pk: s for s in plan.sections.all()}
    shown: set[int] = set()
    for section, group in group_by_section(plan, tasks):
        chain = []
        s = section
        while s is not None and s.pk not in shown:
            chain.insert(0, s)
            s = sections.get(s.parent_id)
        for heading in chain:
            shown.add(heading.pk)
            yield heading, None
        yield section, group


def _livelihood_sections(plan: Plan) -> set[int]:
    """The sections of the plan's 民生实事: first-level headings naming them, and their subsections."""
    sections = list(plan.sections.all())
    tops = {s.pk for s in sections if s.parent_id is None and any(w in s.title for w in LIVELIHOOD_WORDS)}
    return tops | {s.pk for s in sections if s.parent_id in tops}


def _task_row(ws, number: int, task: Task, standing: Standing | None) -> None:
    row = ws.max_row + 1
    lead = task.lead_department
    leader = task.effective_leader_in_charge()
    state, progress, latest = "", "", ""
    if standing is not None:
        state = "已完成" if standing.done else standing.light_label + (",逾期" if standing.overdue else "")
        progress = f"{standing.percent:g}%"
        latest = f"{standing.latest_period}:{standing.latest_text}" if standing.latest_text else ""
    if lead is None and not (standing and standing.done):
        state = "未分配" if not state else f"{state},未分配"
    when = task.deadline
    values = {
        "序号": number,
        "任务": neutralise(task.text),
        "目标值": neutralise("；".join(str(t) for t in task.targets.all() if not t.archived)),
        "完成时限": when,
        "牵头单位": neutralise(lead.name) if lead else "",
        "配合单位": neutralise("、".join(d.name for d in task.cooperating_departments)),
        "分管领导": neutralise(leader.get_full_name() or leader.username) if leader else "",
        "进度": progress,
        "状态": state,
        "最新进展": neutralise(latest[:300]),
        "备注": neutralise(task.deadline_text) if task.deadline_text and not when else "",
        "编号": f"T{task.pk}",
        "版本": task.version,
    }
    for name, value in values.items():
        cell = ws.cell(row, COL[name], value)
        cell.border = BORDER
        cell.alignment = WRAP
        if name == "完成时限" and value:
            cell.number_format = "yyyy-mm-dd"
        if name == "状态" and standing is not None and not standing.done:
            cell.fill = LIGHT_FILLS[standing.light]


def _indicator_sheet(ws, plan: Plan) -> None:
    _title_and_header(ws, f"{plan.issuer.name}{plan.year}年主要指标", INDICATOR_COLUMNS, len(INDICATOR_COLUMNS))
    for indicator in plan.indicators.prefetch_related("actuals"):
        f = indicator.forecast()
        unit = indicator.value_unit
        latest = ""
        if f.month:
            latest = f"1-{f.month}月" + (f"增长{f.actual_growth:g}%" if f.actual_growth is not None
                                        else f"{f.actual_value:g}{unit}")
        year_end = (f"增长{f.forecast_growth:g}%" if f.forecast_growth is not None
                    else f"{f.forecast_value:g}{unit}" if f.forecast_value is not None else "")
        needed = (f"增长{f.needed_growth:g}%" if f.needed_growth is not None
                  else f"月均{f.needed_per_month:g}{unit}" if f.needed_per_month is not None else "")
        verdict = "" if f.on_course is None else ("有望完成" if f.on_course else "完成有难度")
        ws.append([neutralise(indicator.name), indicator.get_kind_display(), indicator.describe_target(), latest,
                   year_end, needed, verdict])
        for cell in ws[ws.max_row]:
            cell.border, cell.alignment = BORDER, WRAP
    _print_setup(ws, len(INDICATOR_COLUMNS), f"{TITLE_ROW}:{HEADER_ROW}")
