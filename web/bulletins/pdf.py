"""The bulletin as a PDF, with reportlab's built-in CJK font (STSong-Light): no font file needed."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from web.bulletins.content import INDICATOR_HEADER, Bulletin
from web.supervision.status import CATEGORIES

FONT = "STSong-Light"
_CN_NUMBERS = "一二三四五六七八九十"


def _styles():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER),
        "date": ParagraphStyle("date", parent=base, alignment=TA_CENTER),
        "h": ParagraphStyle("h", parent=base, fontSize=13, leading=20, spaceBefore=8),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13),
    }


def render_pdf(b: Bulletin) -> bytes:
    s = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=b.title)
    story = [Paragraph(escape(b.title), s["title"]), Paragraph(f"{b.issued:%Y年%-m月%-d日}", s["date"])]
    story += [Paragraph(escape(n), s["date"]) for n in b.notes]
    story.append(Spacer(1, 6))
    heading = iter(_CN_NUMBERS)
    story += [Paragraph(f"{next(heading)}、总体情况", s["h"]), Paragraph(escape(b.summary), s["body"])]
    story.append(Paragraph(f"{next(heading)}、任务完成情况", s["h"]))
    for i, category in enumerate(CATEGORIES):
        items = b.by_category[category]
        story.append(Paragraph(f"({_CN_NUMBERS[i]}){category}({len(items)}项)", s["body"]))
        story += [Paragraph(f"{n}. {escape(line)}", s["small"]) for n, line in enumerate(items, 1)]
    story.append(Paragraph(f"{next(heading)}、进度滞后任务及原因", s["h"]))
    if not b.lagging:
        story.append(Paragraph("本期无进度滞后任务。", s["body"]))
    for department, items in b.lagging:
        story.append(Paragraph(escape(department), s["body"]))
        for n, (task, reason) in enumerate(items, 1):
            story.append(Paragraph(f"{n}. {escape(task)}<br/>原因及需协调解决的问题:{escape(reason)}", s["small"]))
    story.append(Paragraph(f"{next(heading)}、主要指标完成情况", s["h"]))
    data = [[Paragraph(escape(c), s["small"]) for c in row] for row in [INDICATOR_HEADER, *b.indicators]]
    table = Table(data, repeatRows=1, colWidths=[40 * mm, 25 * mm, 30 * mm, 25 * mm, 28 * mm, 22 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    doc.build(story)
    return out.getvalue()
