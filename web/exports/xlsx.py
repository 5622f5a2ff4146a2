"""The 任务分解表 workbook: writing it from the stored plan, reading an edited copy back.

The same shape as the CLI's ``luoshi.export.xlsx`` (header in row 1, frozen; a merged row per section;
序号, 重点工作, 具体任务, 目标值, 完成时限, 牵头单位, 配合单位), plus the two columns a round trip needs:
编号 (``T`` + the task's id, which ties a row to its task) and 状态. 目标值 and 状态 are for reading only
and ignored on import; section rows are skipped. A hidden last column, 版本, keeps each task's version at
export: a row that changes a task edited on the web since then is refused, not applied over that edit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from luoshi.export.xlsx import BORDER, HEADER_FILL, neutralise, section_row, unneutralise
from web.accounts.models import Department
from web.accounts.uploads import zip_problem
from web.plans.models import Plan, Task

SHEET = "任务分解表"
HEADER_ROW = 1
FIRST_DATA_ROW = 2
# (header, width in characters): the order is the layout; the importer checks every header.
COLUMNS = [
    ("序号", 6),
    ("编号", 9),
    ("重点工作", 24),
    ("具体任务", 56),
    ("目标值", 24),
    ("完成时限", 12),
    ("牵头单位", 16),
    ("配合单位", 22),
    ("状态", 8),
    ("版本", 6),  # hidden: the task's version at export (optimistic concurrency for the round trip)
]
# Tables exported before the 版本 column still import, without the check.
OPTIONAL = ("版本",)
EDITABLE = ("具体任务", "完成时限", "牵头单位", "配合单位")
COL = {name: i + 1 for i, (name, _) in enumerate(COLUMNS)}
SEPARATORS = re.compile(r"[、,，;；/\s]+")


def letter(name: str) -> str:
    return get_column_letter(COL[name])


def export_task_table(plan: Plan, tasks) -> bytes:
    """The task table as a formatted .xlsx (任务分解表): a merged row per section, then its tasks."""
    from web.plans.selectors import group_by_section

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    wb.properties.title = f"{plan.issuer.name}{plan.year}年任务分解表"
    for name, width in COLUMNS:
        cell = ws.cell(HEADER_ROW, COL[name], name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        ws.column_dimensions[letter(name)].width = width
    ws.column_dimensions[letter("版本")].hidden = True
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    number = 0
    for section, section_tasks in group_by_section(plan, tasks):
        title = str(section) if section else "(未归入章节)"
        section_row(ws, neutralise(title), top=section is None or section.parent_id is None, width=len(COLUMNS))
        for task in section_tasks:
            number += 1
            _task_row(ws, number, task)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{letter('状态')}{max(HEADER_ROW, ws.max_row)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _task_row(ws, number: int, task: Task) -> None:
    row = ws.max_row + 1
    lead = task.lead_department
    values = {
        "序号": number,
        "编号": f"T{task.pk}",
        "重点工作": neutralise(str(task.section)) if task.section_id else "",
        "具体任务": neutralise(task.text),
        "目标值": neutralise("；".join(str(t) for t in task.targets.all() if not t.archived)),
        "完成时限": task.deadline,
        "牵头单位": neutralise(lead.name) if lead else "",
        "配合单位": neutralise("、".join(d.name for d in task.cooperating_departments)),
        "状态": task.state_label(),
        "版本": task.version,
    }
    for name, value in values.items():
        cell = ws.cell(row, COL[name], value)
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if name == "完成时限" and value:
            cell.number_format = "yyyy-mm-dd"


@dataclass
class RowChange:
    """One row of an edited table that differs from the stored task: ``changes`` maps field → (old, new)."""

    row: int
    task: Task
    changes: dict[str, tuple[str, str]]
    lead: Department | None = None
    cooperating: list[Department] = field(default_factory=list)
    text: str = ""
    deadline: dt.date | None = None
    version: int | None = None  # the task's version at export, when the table says


@dataclass
class TableRead:
    """What an edited table would change, and the errors that stop it (each naming row and column)."""

    changes: list[RowChange] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int = 0


def _text(value) -> str:
    if value is None:
        return ""
    return unneutralise(str(value).strip())


def parse_deadline(value) -> dt.date | None:
    """A deadline cell: an Excel date, or text 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日; raises ValueError.

    >>> parse_deadline("2025年6月30日"), parse_deadline(None)
    (datetime.date(2025, 6, 30), None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(value))
    if not m:
        raise ValueError(str(value))
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def read_task_table(data: bytes, plan: Plan) -> TableRead:
    """Compare an edited workbook with the stored plan, row by row. Nothing is written."""
    result = TableRead()
    problem = zip_problem(bytes(data))  # checked on upload too; here as well, for a table stored before that check
    if problem:
        result.errors.append(f"文件{problem}")
        return result
    try:
        wb = load_workbook(io.BytesIO(bytes(data)), data_only=True)
    except Exception:
        result.errors.append("文件不是有效的 Excel 工作簿 (.xlsx), 请用“导出任务分解表”得到的文件修改后再导入")
        return result
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    versioned = _text(ws.cell(HEADER_ROW, COL["版本"]).value) == "版本"
    for name, _ in COLUMNS:
        found = _text(ws.cell(HEADER_ROW, COL[name]).value)
        if found != name and name not in OPTIONAL:
            result.errors.append(f"第{HEADER_ROW}行第{letter(name)}列: 表头应为“{name}”, 实为“{found or '空'}”"
                                 " (表格格式不对, 请使用导出的任务分解表)")
    if result.errors:
        return result
    tasks = {f"T{t.pk}": t for t in plan.tasks.prefetch_related("assignments__department")}
    departments = list(Department.objects.filter(issuer=plan.issuer))
    seen: dict[str, int] = {}
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        cells = {name: ws.cell(r, COL[name]).value for name, _ in COLUMNS}
        if all(_text(cells[name]) == "" for name in ("编号", *EDITABLE)):
            continue  # an empty row or a section row
        result.rows += 1
        errors_before = len(result.errors)
        where = _cell_namer(r)
        key = _text(cells["编号"]).upper()
        task = tasks.get(key)
        if task is None:
            result.errors.append(f"{where('编号')}: 本规划中没有编号为“{key or '空'}”的任务 (新任务请在网页上添加)")
            continue
        if key in seen:
            result.errors.append(f"{where('编号')}: 编号“{key}”与第{seen[key]}行重复")
            continue
        seen[key] = r
        text = _text(cells["具体任务"])
        if not text:
            result.errors.append(f"{where('具体任务')}: 任务内容不能为空")
        try:
            deadline = parse_deadline(cells["完成时限"])
        except ValueError:
            result.errors.append(f"{where('完成时限')}: 日期“{_text(cells['完成时限'])}”无法识别, 请写作 2025-06-30")
            deadline = task.deadline
        lead_name = _text(cells["牵头单位"])
        lead = _department(lead_name, departments)
        if lead_name and lead is None:
            result.errors.append(f"{where('牵头单位')}: 未知部门“{lead_name}”")
        cooperating = []
        for name in SEPARATORS.split(_text(cells["配合单位"])):
            if not name:
                continue
            d = _department(name, departments)
            if d is None:
                result.errors.append(f"{where('配合单位')}: 未知部门“{name}”")
            elif d != lead and d not in cooperating:
                cooperating.append(d)
        if len(result.errors) > errors_before:
            continue
        change = _compare(r, task, text, deadline, lead, cooperating)
        if not change.changes:
            continue
        change.version = _version(cells["版本"]) if versioned else None
        if change.version is not None and change.version != task.version:
            result.errors.append(f"{where('编号')}: 任务“{key}”在导出后已在网页上被修改 (导出时版本 {change.version}, "
                                 f"现为 {task.version}), 为免覆盖他人的修改, 请重新导出后再改")
            continue
        result.changes.append(change)
    return result


def _version(value) -> int | None:
    """The 版本 cell: the task's version at export; empty or not a number means unknown (no check)."""
    text = _text(value)
    return int(text) if text.isdigit() else None


def _cell_namer(row: int):
    """``where("牵头单位")`` → ``第5行第G列(牵头单位)``: every error names its cell."""
    return lambda name: f"第{row}行第{letter(name)}列({name})"


def _department(name: str, departments: list[Department]) -> Department | None:
    return next((d for d in departments if d.answers_to(name)), None) if name else None


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _compare(row: int, task: Task, text: str, deadline, lead, cooperating) -> RowChange:
    changes: dict[str, tuple[str, str]] = {}
    if text != task.text:
        changes["具体任务"] = (task.text, text)
    if deadline != task.deadline:
        changes["完成时限"] = (_iso(task.deadline), _iso(deadline))
    old_lead = task.lead_department
    if lead != old_lead:
        changes["牵头单位"] = (old_lead.name if old_lead else "", lead.name if lead else "")
    old_coop = sorted(d.name for d in task.cooperating_departments)
    new_coop = sorted(d.name for d in cooperating)
    if old_coop != new_coop:
        changes["配合单位"] = ("、".join(old_coop), "、".join(new_coop))
    return RowChange(row, task, changes, lead, cooperating, text, deadline)
