"""Reading the statistics office's monthly report (统计月报 .xlsx) into rows. No database.

The usual layout, which is what this reader expects::

    水口镇2025年1-6月主要经济指标                        ← a title naming the months (1-6月, 1至6月)
    指标名称 | 单位 | 1-6月累计 | 同比增长(%)            ← a header row: a 指标 column, a 累计 column, a 增长 column
    地方一般公共预算收入 | 亿元 | 1.23 | 9.1
    …

The month may instead be a 月份 column. A bad number names its row and column.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from openpyxl import load_workbook

_MONTHS = re.compile(r"""(?:1|一)\s*[-—–~～至到]\s*(?P<m>1[0-2]|[1-9])\s*月   # 1-6月, 1至6月
                         |(?P<only>1|一)\s*月份?(?!\s*[-—–~～至到])        # 1月 alone (January)""", re.VERBOSE)


class StatReportError(ValueError):
    """A problem with the file, in one sentence naming the row and column."""


@dataclass(frozen=True)
class StatRow:
    row: int
    name: str
    month: int
    value: float | None
    growth: float | None


def _number(cell, row: int, column: str) -> float | None:
    if cell is None or (isinstance(cell, str) and cell.strip() in {"", "-", "—", "/"}):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().replace(",", "").rstrip("%")
    try:
        return float(text)
    except ValueError:
        raise StatReportError(f"第{row}行“{column}”列不是数字:{cell!r}") from None


def _month_in(text: str) -> int | None:
    m = _MONTHS.search(text)
    if not m:
        return None
    return int(m["m"]) if m["m"] else 1


def read_stat_report(data: bytes) -> list[StatRow]:
    """Rows of the first sheet: indicator name, month, cumulative value and growth."""
    try:  # read-only workbooks parse a sheet only while it is read: a truncated sheet fails in the rows
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many types (zip, XML, KeyError, ValueError) for a damaged file
        raise StatReportError("无法读取该文件:请上传统计月报的 .xlsx 文件") from None
    header_at, title_month = None, None
    for i, row in enumerate(rows):
        texts = [str(c).strip() if c is not None else "" for c in row]
        if any("指标" in t for t in texts) and any(("累计" in t or "增长" in t or "增速" in t) for t in texts):
            header_at = i
            break
        for t in texts:
            title_month = title_month or _month_in(t)
    if header_at is None:
        raise StatReportError("找不到表头:需要“指标名称”“累计”“同比增长”等列")
    header = [str(c).strip() if c is not None else "" for c in rows[header_at]]
    name_col = next(i for i, t in enumerate(header) if "指标" in t)
    value_col = next((i for i, t in enumerate(header) if "累计" in t and "增" not in t), None)
    growth_col = next((i for i, t in enumerate(header) if "增长" in t or "增速" in t), None)
    month_col = next((i for i, t in enumerate(header) if t in {"月份", "月"}), None)
    header_month = next((m for m in (_month_in(t) for t in header) if m), None)
    default_month = header_month or title_month
    if month_col is None and default_month is None:
        raise StatReportError("找不到月份:标题或表头应写明“1-6月”,或设“月份”列")

    out: list[StatRow] = []
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if name_col >= len(row) or row[name_col] is None or not str(row[name_col]).strip():
            continue
        name = re.sub(r"\s+", "", str(row[name_col]))
        month = default_month
        if month_col is not None and month_col < len(row) and row[month_col] is not None:
            found = _number(row[month_col], i, header[month_col])
            if found is None or not 1 <= found <= 12:
                raise StatReportError(f"第{i}行“{header[month_col]}”列不是1至12的月份:{row[month_col]!r}")
            month = int(found)
        value = (_number(row[value_col], i, header[value_col])
                 if value_col is not None and value_col < len(row) else None)
        growth = (_number(row[growth_col], i, header[growth_col])
                  if growth_col is not None and growth_col < len(row) else None)
        if value is None and growth is None:
            continue
        out.append(StatRow(i, name, month, value, growth))
    return out
