"""The 任务分解表 workbook: its columns, and reading an edited copy back (the writing is in ``workbook.py``).

Row 1 is the title, row 2 the header (frozen, printed on every page); first- and second-level headings are
merged rows. 编号 (``T`` + the task's id, which ties a row to its task) and 版本 (the task's version at
export) are hidden columns: a row that changes a task edited on the web since the export is refused, not
applied over that edit. Only 任务, 完成时限, 牵头单位 and 配合单位 are read back; the other columns are for
reading and printing. Columns are found by their header, so tables exported before this layout still import.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from luoshi.export.xlsx import unneutralise
from web.accounts.models import Department
from web.accounts.uploads import zip_problem
from web.plans.models import Plan, Task

SHEET = "任务分解表"
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
# (header, width in characters): the order is the layout.
COLUMNS = [
    ("序号", 6),
    ("任务", 48),
    ("目标值", 18),
    ("完成时限", 11),
    ("牵头单位", 12),
    ("配合单位", 14),
    ("分管领导", 9),
    ("进度", 7),
    ("状态", 8),
    ("最新进展", 30),
    ("备注", 12),
    ("编号", 8),  # hidden: ties a row to its task
    ("版本", 6),  # hidden: the task's version at export (optimistic concurrency for the round trip)
]
HIDDEN = ("编号", "版本")
PRINTED = [name for name, _ in COLUMNS if name not in HIDDEN]
# Tables exported before the 版本 column still import, without the check; older headers are still understood.
OPTIONAL = ("版本",)
REQUIRED = ("编号", "任务", "完成时限", "牵头单位", "配合单位")
ALIASES = {"具体任务": "任务"}
EDITABLE = ("任务", "完成时限", "牵头单位", "配合单位")
COL = {name: i + 1 for i, (name, _) in enumerate(COLUMNS)}
SEPARATORS = re.compile(r"[、,，;；/\s]+")


def letter(name: str) -> str:
    return get_column_letter(COL[name])


def export_task_table(plan: Plan, tasks) -> bytes:
    from web.exports.workbook import write_task_table

    return write_task_table(plan, tasks)


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
    header_row, columns = _header(ws)
    for name in REQUIRED:
        if name not in columns:
            result.errors.append(f"第{header_row}行: 缺少表头“{name}” (表格格式不对, 请使用导出的任务分解表)")
    if result.errors:
        return result
    versioned = "版本" in columns
    tasks = {f"T{t.pk}": t for t in plan.tasks.prefetch_related("assignments__department")}
    departments = list(Department.objects.filter(issuer=plan.issuer))
    seen: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        cells = {name: ws.cell(r, columns[name]).value if name in columns else None for name, _ in COLUMNS}
        if all(_text(cells[name]) == "" for name in ("编号", *EDITABLE)):
            continue  # an empty row or a section row
        result.rows += 1
        errors_before = len(result.errors)
        where = _cell_namer(r, columns)
        key = _text(cells["编号"]).upper()
        task = tasks.get(key)
        if task is None:
            result.errors.append(f"{where('编号')}: 本规划中没有编号为“{key or '空'}”的任务 (新任务请在网页上添加)")
            continue
        if key in seen:
            result.errors.append(f"{where('编号')}: 编号“{key}”与第{seen[key]}行重复")
            continue
        seen[key] = r
        text = _text(cells["任务"])
        if not text:
            result.errors.append(f"{where('任务')}: 任务内容不能为空")
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


def _header(ws) -> tuple[int, dict[str, int]]:
    """The header row (the first of the top rows holding 编号) and its columns by name."""
    for row in range(1, 4):
        names = {ALIASES.get(_text(c.value), _text(c.value)): c.column for c in ws[row] if _text(c.value)}
        if "编号" in names:
            return row, names
    return HEADER_ROW, {}


def _cell_namer(row: int, columns: dict[str, int]):
    """``where("牵头单位")`` → ``第5行第E列(牵头单位)``: every error names its cell."""
    return lambda name: f"第{row}行第{get_column_letter(columns.get(name, COL[name]))}列({name})"


def _department(name: str, departments: list[Department]) -> Department | None:
    return next((d for d in departments if d.answers_to(name)), None) if name else None


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _compare(row: int, task: Task, text: str, deadline, lead, cooperating) -> RowChange:
    changes: dict[str, tuple[str, str]] = {}
    if text != task.text:
        changes["任务"] = (task.text, text)
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
