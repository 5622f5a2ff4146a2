"""PDF (PDF 文件): the text layer with paragraphs rebuilt from lines; scans and locked files refused."""

from __future__ import annotations

import re

import pytest
from samples import DEMO_TEXT, make_encrypted_pdf, make_image_pdf, make_pdf, paragraphs, simplified

from luoshi.errors import ReadError
from luoshi.read import read
from luoshi.read.pdf import Line, _without_furniture
from luoshi.read.pdf import paragraphs as rebuild

DEMO = simplified(DEMO_TEXT)  # reportlab's built-in Chinese font covers GB, not traditional forms


@pytest.fixture(scope="module")
def demo_pdf() -> bytes:
    return make_pdf(DEMO)


def test_it_rebuilds_all_23_paragraphs_of_the_demo_report(demo_pdf: bytes) -> None:
    document = read(demo_pdf, name="水口.pdf")
    assert (document.format, document.text.split("\n")) == ("pdf", paragraphs(DEMO))


def test_it_loses_no_character_of_the_demo_report(demo_pdf: bytes) -> None:
    assert re.sub(r"\s", "", read(demo_pdf).text) == re.sub(r"\s", "", DEMO)


def test_it_drops_the_page_numbers(demo_pdf: bytes) -> None:
    assert not re.search(r"- \d+ -", read(demo_pdf).text)


def test_it_joins_wrapped_chinese_lines_without_spaces() -> None:
    lines = [Line("坚持把发展经济的着力点放在实体经", 100, 500, 12, 0),
             Line("济上，全力推进新型工业化。", 76, 300, 12, 0)]
    assert rebuild(lines) == ["坚持把发展经济的着力点放在实体经济上，全力推进新型工业化。"]


def test_it_joins_wrapped_latin_words_with_a_space() -> None:
    lines = [Line("打造 Smart", 100, 500, 12, 0), Line("City 示范区。", 76, 300, 12, 0)]
    assert rebuild(lines) == ["打造 Smart City 示范区。"]


def test_it_starts_a_paragraph_at_an_indented_line() -> None:
    lines = [Line("一、总体要求", 76, 200, 12, 0), Line("今年的总体要求是稳中求进，以进促稳，", 100, 500, 12, 0),
             Line("先立后破。", 76, 136, 12, 0), Line("二、主要任务", 76, 200, 12, 0)]
    assert rebuild(lines) == ["一、总体要求", "今年的总体要求是稳中求进，以进促稳，先立后破。", "二、主要任务"]


def test_it_ends_a_paragraph_at_a_sentence_end_when_no_line_is_indented() -> None:
    lines = [Line("各位代表：", 76, 500, 12, 0), Line("现在，我代表镇人民政府作报告。", 76, 500, 12, 0),
             Line("请予审议。", 76, 500, 12, 0)]
    assert rebuild(lines) == ["各位代表：", "现在，我代表镇人民政府作报告。", "请予审议。"]


def test_it_keeps_a_sentence_that_ends_at_the_margin_inside_an_indented_paragraph() -> None:
    lines = [Line("全年完成投资十亿元。", 100, 500, 12, 0), Line("新增企业三家。", 76, 160, 12, 0)]
    assert rebuild(lines) == ["全年完成投资十亿元。新增企业三家。"]


def test_it_asks_for_ocr_when_the_pdf_has_no_text_layer() -> None:
    with pytest.raises(ReadError, match=r"没有文字层.*OCR") as error:
        read(make_image_pdf(), name="扫描件.pdf")
    assert str(error.value).startswith("扫描件.pdf: ")


def test_it_refuses_a_password_protected_pdf() -> None:
    with pytest.raises(ReadError, match=r"PDF 已加密"):
        read(make_encrypted_pdf("各位代表"), name="加密.pdf")


def test_it_refuses_a_truncated_pdf(demo_pdf: bytes) -> None:
    with pytest.raises(ReadError, match=r"PDF 文件已损坏"):
        read(demo_pdf[:800], name="半截.pdf")


def test_it_refuses_a_pdf_header_followed_by_garbage() -> None:
    with pytest.raises(ReadError, match=r"PDF 文件已损坏"):
        read(b"%PDF-1.7\n" + bytes(range(256)) * 4, name="坏.pdf")


def test_it_refuses_text_saved_with_a_pdf_name() -> None:
    with pytest.raises(ReadError, match=r"扩展名是 \.pdf，但内容不是 PDF"):
        read("各位代表".encode(), name="报告.pdf")


def test_it_drops_a_running_header_repeated_on_every_page() -> None:
    pages = [[Line("水口镇人民政府文件", 200, 300, 12, page), Line(f"第{page}页正文内容。", 100, 200, 12, page),
              Line(f"第 {page + 1} 页 共 3 页", 250, 290, 10, page)] for page in range(3)]
    assert [line.text for line in _without_furniture(pages)] == [f"第{page}页正文内容。" for page in range(3)]
