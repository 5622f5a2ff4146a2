"""Next year's report for the web tests of the year end (年终): a short 2026 report whose review part (工作回顾)
speaks of the cast's sample plan (``web_sample``): revenue met (12.3% against 11%), projects missed (6 against 8),
the land levelling not mentioned.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

NEXT_REPORT = ("水口镇人民政府2026年政府工作报告\n"
               "一、2025年工作回顾\n"
               "过去一年，全镇地方一般公共预算收入增长12.3%，新引进超亿元以上项目6个。\n"
               "二、2026年工作安排\n"
               "地方一般公共预算收入增长8%。\n")


def next_report(name: str = "水口镇2026年政府工作报告.txt", *, encoding: str = "utf-8",
                text: str = NEXT_REPORT) -> SimpleUploadedFile:
    """The 2026 report as an upload, in any encoding a .txt may come in."""
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/plain")


def next_report_docx(text: str = NEXT_REPORT) -> SimpleUploadedFile:
    """The same report as a Word file (.docx), one paragraph a line."""
    import io

    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile("2026.docx", out.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
