"""A 督办单 as a Word document (.docx), in the usual form: title, number, addressee, rows, requirement, reply
deadline, the office and the date."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from web.accounts.people import display_name
from web.directives.models import SupervisionNotice

HEADER = ["序号", "督办事项", "完成时限", "当前状态", "已审核进度"]


def _run(paragraph, text: str, *, font: str = "仿宋", size: float = 14, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _para(doc, text: str, *, align=None, **style):
    p = doc.add_paragraph()
    _run(p, text, **style)
    if align is not None:
        p.alignment = align
    return p


def render_notice(notice: SupervisionNotice, rows: list) -> bytes:
    """The 督办单's .docx; ``rows`` are its tasks with their stored status (``task.stored_status``) where live."""
    doc = Document()
    _para(doc, f"{notice.issuer}督查室", font="黑体", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "督 办 单", font="黑体", size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, notice.label, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    who = f"(责任人:{display_name(notice.responsible)})" if notice.responsible else ""
    _para(doc, f"{notice.department.name}{who}:", bold=True)
    _para(doc, f"根据《{notice.plan}》落实情况,现将以下{len(rows)}项任务列入督办:")
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for i, task in enumerate(rows, 1):
        status = getattr(task, "stored_status", None) if not task.archived else None
        cells = [str(i), task.text, f"{task.deadline:%Y年%-m月%-d日}" if task.deadline else "年底",
                 (status.light_label + ("、逾期" if status.overdue else "")) if status else "—",
                 f"{status.reported:g}%" if status else "—"]
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    _para(doc, "督办要求:", bold=True)
    _para(doc, notice.requirement)
    _para(doc, f"请于{notice.reply_due:%Y年%-m月%-d日}前回复办理情况。", bold=True)
    _para(doc, f"{notice.issuer}督查室", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, f"{timezone.localdate(notice.created_at):%Y年%-m月%-d日}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    if notice.reply:
        _para(doc, "办理情况回复:", bold=True)
        _para(doc, f"{notice.reply}({notice.department.name},{timezone.localdate(notice.replied_at):%Y年%-m月%-d日})")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
