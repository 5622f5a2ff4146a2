"""The bulletin as a PDF in the official form (GB/T 9704-2012), from ``layout.blocks``, every font embedded.

The fonts are subsets of the office's fonts when the server has them, else of Noto Serif CJK (see
``web.bulletins.fonts``), so the PDF reads the same on every machine.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from web.bulletins import fonts, layout
from web.bulletins.content import BulletinDocument

RED = colors.Color(*(c / 255 for c in layout.RED))


def _styles(b: BulletinDocument) -> dict[str, ParagraphStyle]:
    text = layout.texts_by_role(b)
    text["body"] += "".join(layout.page_number(n) for n in range(10))
    title, body, heading = (fonts.register_pdf_font(role, text[role]) for role in ("title", "body", "heading"))
    base = ParagraphStyle("body", fontName=body, fontSize=layout.BODY_PT, leading=layout.LINE_PT, wordWrap="CJK",
                          alignment=TA_JUSTIFY, firstLineIndent=2 * layout.BODY_PT)
    return {
        "masthead_title": ParagraphStyle("mt", parent=base, fontName=title, fontSize=layout.MASTHEAD_PT,
                                         leading=layout.MASTHEAD_PT * 1.3, textColor=RED, alignment=TA_CENTER,
                                         firstLineIndent=0),
        "masthead_number": ParagraphStyle("mn", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "masthead_line": ParagraphStyle("ml", parent=base, firstLineIndent=0),
        "title": ParagraphStyle("t", parent=base, fontName=title, fontSize=layout.TITLE_PT,
                                leading=layout.TITLE_PT * 1.5, alignment=TA_CENTER, firstLineIndent=0,
                                spaceBefore=layout.LINE_PT / 2, spaceAfter=layout.LINE_PT / 2),
        "note": ParagraphStyle("n", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "heading": ParagraphStyle("h", parent=base, fontName=heading),
        "subheading": ParagraphStyle("sh", parent=base),
        "paragraph": base,
        "cell": ParagraphStyle("c", parent=base, fontSize=layout.TABLE_PT, leading=layout.TABLE_PT * 1.4,
                               alignment=TA_CENTER, firstLineIndent=0),
        "head_cell": ParagraphStyle("hc", parent=base, fontName=heading, fontSize=layout.TABLE_PT,
                                    leading=layout.TABLE_PT * 1.4, alignment=TA_CENTER, firstLineIndent=0),
    }


def _page_number(font: str):
    def draw(canvas, doc) -> None:
        n = canvas.getPageNumber()
        text = layout.page_number(n)
        y = (layout.MARGIN_MM["bottom"] - layout.PAGE_NUMBER_BELOW_MM) * mm - layout.PAGE_NUMBER_PT
        canvas.saveState()
        canvas.setFont(font, layout.PAGE_NUMBER_PT)
        one_char = layout.PAGE_NUMBER_PT
        if n % 2:
            canvas.drawRightString((layout.PAGE_MM[0] - layout.MARGIN_MM["right"]) * mm - one_char, y, text)
        else:
            canvas.drawString(layout.MARGIN_MM["left"] * mm + one_char, y, text)
        canvas.restoreState()

    return draw


def _story(b: BulletinDocument, s: dict[str, ParagraphStyle]) -> list:
    width = (layout.PAGE_MM[0] - layout.MARGIN_MM["left"] - layout.MARGIN_MM["right"]) * mm
    story = []
    for block in layout.blocks(b):
        if block.kind == "masthead_line":
            line = Table([[Paragraph(escape(block.text), s["masthead_line"]),
                           Paragraph(escape(block.right), ParagraphStyle("r", parent=s["masthead_line"],
                                                                         alignment=2))]],
                         colWidths=[width * 0.6, width * 0.4])
            line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("FONTNAME", (0, 0), (-1, -1), s["paragraph"].fontName)]))
            story += [line, HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2, spaceAfter=12)]
        elif block.kind == "table":
            data = [[Paragraph(escape(c), s["head_cell" if r == 0 else "cell"]) for c in row]
                    for r, row in enumerate(block.rows)]
            table = Table(data, repeatRows=1, colWidths=[w * width for w in (0.25, 0.2, 0.21, 0.16, 0.18)])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                       ("FONTNAME", (0, 0), (-1, -1), s["paragraph"].fontName),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story += [table, Spacer(1, layout.LINE_PT / 2)]
        else:
            story.append(Paragraph(escape(block.text), s[block.kind]))
    return story


def render_pdf(b: BulletinDocument) -> bytes:
    s = _styles(b)
    out = io.BytesIO()
    m = {k: v * mm for k, v in layout.MARGIN_MM.items()}
    page = (layout.PAGE_MM[0] * mm, layout.PAGE_MM[1] * mm)
    doc = BaseDocTemplate(out, pagesize=page, leftMargin=m["left"], rightMargin=m["right"], topMargin=m["top"],
                          bottomMargin=m["bottom"], title=b.title, author=b.office, creator="落实·督查督办系统",
                          # the body font from the start: the PDF names no font it does not embed (not even Helvetica)
                          initialFontName=s["paragraph"].fontName, initialFontSize=layout.BODY_PT)
    frame = Frame(m["left"], m["bottom"], page[0] - m["left"] - m["right"], page[1] - m["top"] - m["bottom"],
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("official", [frame], onPage=_page_number(s["paragraph"].fontName))])
    doc.build(_story(b, s))
    return out.getvalue()
