"""Word's automatic numbering (自动编号): the number a reader sees is put back in front of the text."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml

from luoshi.read import read

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbered(paragraphs: list[tuple[str, str, int]], levels: list[tuple[str, str]], *, start_at: int | None = None,
             suffix: str = "nothing") -> bytes:
    """A .docx whose paragraphs ``(text, numId, level)`` use one list with the given ``(numFmt, lvlText)`` levels."""
    document = Document()
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_at}"/></w:lvlOverride>' if start_at else ""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="70">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="70"><w:abstractNumId w:val="70"/>{override}</w:num>'))
    for text, num_id, level in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_writes_chinese_counting_past_ten() -> None:
    data = numbered([(f"任务{i}", "70", 0) for i in range(1, 13)], [("chineseCounting", "%1、")])
    assert read(data).text.split("\n")[9:] == ["十、任务10", "十一、任务11", "十二、任务12"]


def test_it_writes_heavenly_stems_for_ideograph_traditional() -> None:
    data = numbered([("甲项", "70", 0), ("乙项", "70", 0)], [("ideographTraditional", "%1．")])
    assert read(data).text == "甲．甲项\n乙．乙项"


def test_it_restarts_the_second_level_under_each_heading() -> None:
    data = numbered([("总体要求", "70", 0), ("稳增长", "70", 1), ("促改革", "70", 1), ("主要任务", "70", 0),
                     ("抓项目", "70", 1)], [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    assert read(data).text == "一、总体要求\n（一）稳增长\n（二）促改革\n二、主要任务\n（一）抓项目"


def test_it_fills_in_every_level_a_template_names() -> None:
    data = numbered([("总体要求", "70", 0), ("稳增长", "70", 1)], [("decimal", "%1."), ("decimal", "%1.%2")],
                    suffix="space")
    assert read(data).text == "1. 总体要求\n1.1 稳增长"


def test_it_honours_a_start_override() -> None:
    data = numbered([("主要任务", "70", 0)], [("chineseCounting", "%1、")], start_at=2)
    assert read(data).text == "二、主要任务"


def test_it_ignores_numbering_switched_off_with_num_id_zero() -> None:
    data = numbered([("总体要求", "70", 0), ("正文", "0", 0)], [("chineseCounting", "%1、")])
    assert read(data).text == "一、总体要求\n正文"


def test_it_numbers_paragraphs_whose_style_carries_the_numbering() -> None:
    document = Document()
    document.add_paragraph("总体要求", style="List Number")
    document.add_paragraph("主要任务", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()).text == "1. 总体要求\n2. 主要任务"


def test_it_shows_no_symbol_for_a_bullet() -> None:
    document = Document()
    document.add_paragraph("稳增长", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()).text == "稳增长"
