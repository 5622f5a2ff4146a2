"""The bulletin as a Word document (.docx) in the official form (GB/T 9704-2012), from ``layout.blocks``.

The fonts are named as the office's machines have them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312);
Word and WPS on the office's computers find them, other readers substitute their own.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from web.bulletins import layout
from web.bulletins.content import BulletinDocument
from web.bulletins.fonts import DOCX_NAMES

RED = RGBColor(*layout.RED)
TEXT_WIDTH_MM = layout.PAGE_MM[0] - layout.MARGIN_MM["left"] - layout.MARGIN_MM["right"]


def _run(paragraph, text: str, role: str = "body", size: float = layout.BODY_PT, *, color=None, bold=False):
    run = paragraph.add_run(text)
    name = DOCX_NAMES[role]
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)
    return run


def _paragraph(doc, *, align=None, indent: bool = False, exact: float | None = layout.LINE_PT, space_after=0):
    p = doc.add_paragraph()
    f = p.paragraph_format
    if align is not None:
        p.alignment = align
    if indent:
        f.first_line_indent = Pt(2 * layout.BODY_PT)
    if exact:
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        f.line_spacing = Pt(exact)
    f.space_before, f.space_after = Pt(0), Pt(space_after)
    return p


def _red_rule(paragraph) -> None:
    """The red line under the 版头 (分隔线): the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    color = "".join(f"{c:02X}" for c in layout.RED)
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_number(footer, align) -> None:
    """``— PAGE —`` with a PAGE field, so Word numbers every page."""
    p = footer.paragraphs[0]
    p.alignment = align
    size = layout.PAGE_NUMBER_PT
    _run(p, "— ", "page_number", size)
    run = _run(p, "", "page_number", size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _run(p, " —", "page_number", size)


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_MM[0]), Mm(layout.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(layout.MARGIN_MM["top"]), Mm(layout.MARGIN_MM["bottom"])
    section.left_margin, section.right_margin = Mm(layout.MARGIN_MM["left"]), Mm(layout.MARGIN_MM["right"])
    section.footer_distance = Mm(layout.MARGIN_MM["bottom"] - layout.PAGE_NUMBER_BELOW_MM - 5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(layout.LINE_PT * 20)))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = DOCX_NAMES["body"], Pt(layout.BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_NAMES["body"])


def _table(doc, rows) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            p.paragraph_format.line_spacing = Pt(layout.TABLE_PT * 1.4)
            _run(p, text, "heading" if r == 0 else "body", layout.TABLE_PT)


def render_docx(b: BulletinDocument) -> bytes:
    return render_blocks(layout.blocks(b))


def render_blocks(blocks: list[layout.Block]) -> bytes:
    """Any document in the bulletin's layout (the 督查通报, the year-end bulletin), from its blocks."""
    doc = Document()
    _setup_page(doc)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in blocks:
        if block.kind == "masthead_title":
            _run(_paragraph(doc, align=center, exact=None, space_after=6), block.text, "title", layout.MASTHEAD_PT,
                 color=RED)
        elif block.kind == "masthead_number":
            _run(_paragraph(doc, align=center), block.text)
        elif block.kind == "masthead_line":
            p = _paragraph(doc, space_after=18)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
            _run(p, f"{block.text}\t{block.right}")
            _red_rule(p)
        elif block.kind == "title":
            _run(_paragraph(doc, align=center, exact=layout.TITLE_PT * 1.5, space_after=layout.LINE_PT), block.text,
                 "title", layout.TITLE_PT)
        elif block.kind == "note":
            _run(_paragraph(doc, align=center), block.text)
        elif block.kind == "heading":
            _run(_paragraph(doc, indent=True), block.text, "heading")
        elif block.kind == "subheading":
            _run(_paragraph(doc, indent=True), block.text, "subheading")
        elif block.kind == "paragraph":
            _run(_paragraph(doc, align=justify, indent=True), block.text)
        elif block.kind == "table":
            _table(doc, block.rows)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
