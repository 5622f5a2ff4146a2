"""What Word shows is what the reader reads (所见即所读): tracked changes, smart tags, content controls."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml

from luoshi.read import read

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_body(*blocks: str) -> bytes:
    """A .docx whose body holds the given WordprocessingML blocks (``<w:p>``, ``<w:sdt>``, ``<w:tbl>``)."""
    document = Document()
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(_with_namespace(block)))  # before the closing <w:sectPr>
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_namespace(block: str) -> str:
    name_end = block.index(">")  # every block here opens with a bare tag such as <w:p>
    return f'{block[:name_end]} xmlns:w="{W}"{block[name_end:]}'


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def test_it_reads_text_inserted_with_track_changes() -> None:
    inserted = f'<w:ins w:id="1" w:author="甲">{run("规上")}</w:ins>'
    data = docx_with_body(f'<w:p>{run("全年新增")}{inserted}{run("企业3家")}</w:p>')
    assert read(data).text == "全年新增规上企业3家"


def test_it_leaves_out_text_deleted_with_track_changes() -> None:
    deleted = '<w:del w:id="2" w:author="甲"><w:r><w:delText>约</w:delText></w:r></w:del>'
    assert read(docx_with_body(f"<w:p>{run('新增')}{deleted}{run('3家')}</w:p>")).text == "新增3家"


def test_it_reads_text_inside_a_smart_tag() -> None:
    data = docx_with_body(f'<w:p>{run("到")}<w:smartTag w:uri="urn" w:element="date">{run("2025年")}</w:smartTag>'
                          f'{run("底建成")}</w:p>')
    assert read(data).text == "到2025年底建成"


def test_it_reads_paragraphs_inside_a_content_control() -> None:
    data = docx_with_body(f"<w:p>{run('各位代表：')}</w:p>",
                          f"<w:sdt><w:sdtContent><w:p>{run('一、总体要求')}</w:p></w:sdtContent></w:sdt>",
                          f"<w:p>{run('二、主要任务')}</w:p>")
    assert read(data).text == "各位代表：\n一、总体要求\n二、主要任务"


def test_it_turns_a_tab_inside_a_paragraph_into_a_space() -> None:
    assert read(docx_with_body(f"<w:p>{run('一、')}<w:r><w:tab/></w:r>{run('总体要求')}</w:p>")).text == "一、 总体要求"


def test_it_starts_a_new_line_at_a_line_break_but_not_at_a_page_break() -> None:
    line_break, page_break = "<w:r><w:br/></w:r>", "<w:r><w:br w:type='page'/></w:r>"
    data = docx_with_body(f"<w:p>{run('甲')}{line_break}{run('乙')}{page_break}{run('丙')}</w:p>")
    assert read(data).text == "甲\n乙丙"
