"""The bulletin as a Word document (.docx), in the usual form of a 督查通报."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from web.bulletins.content import INDICATOR_HEADER, Bulletin
from web.supervision.status import CATEGORIES

_CN_NUMBERS = "一二三四五六七八九十"


def _font(run, name: str = "仿宋", size: float = 14, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str, *, size=14, bold=False, font="仿宋", align=None, style=None):
    p = doc.add_paragraph(style=style)
    _font(p.add_run(text), font, size, bold)
    if align is not None:
        p.alignment = align
    return p


def render_docx(b: Bulletin) -> bytes:
    doc = Document()
    _para(doc, b.title, size=20, bold=True, font="黑体", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"{b.issued:%Y年%-m月%-d日}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for note in b.notes:
        _para(doc, note, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    heading = iter(_CN_NUMBERS)
    _para(doc, f"{next(heading)}、总体情况", bold=True, font="黑体")
    _para(doc, b.summary)
    _para(doc, f"{next(heading)}、任务完成情况", bold=True, font="黑体")
    for i, category in enumerate(CATEGORIES):
        items = b.by_category[category]
        _para(doc, f"({_CN_NUMBERS[i]}){category}({len(items)}项)", bold=True)
        for n, line in enumerate(items, 1):
            _para(doc, f"{n}. {line}", size=12)
    _para(doc, f"{next(heading)}、进度滞后任务及原因", bold=True, font="黑体")
    if not b.lagging:
        _para(doc, "本期无进度滞后任务。")
    for department, items in b.lagging:
        _para(doc, department, bold=True)
        for n, (task, reason) in enumerate(items, 1):
            _para(doc, f"{n}. {task}", size=12)
            _para(doc, f"   原因及需协调解决的问题:{reason}", size=12)
    _para(doc, f"{next(heading)}、主要指标完成情况", bold=True, font="黑体")
    table = doc.add_table(rows=1, cols=len(INDICATOR_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, INDICATOR_HEADER, strict=True):
        cell.text = text
    for row in b.indicators:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    if not b.indicators:
        _para(doc, "尚未设置主要指标。", size=12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
