"""Word documents (Word 文档): paragraphs and tables in order, automatic numbering shown, damage refused."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from samples import CORPUS, DEMO_TEXT, make_docx, make_zip, paragraphs, simplified

from luoshi.errors import ReadError
from luoshi.read import read

# The three provincial reports as published: headings are typed text (no numbering.xml in any of them).
REAL_REPORTS = {
    # file: (non-empty paragraphs, top-level headings, second-level （一） headings)
    "guangdong-prov-2025.docx": (128, ["一、2024年工作回顾", "二、2025年工作安排"], 12),
    "hebei-prov-2025.docx": (51, ["一、2024年工作回顾", "二、2025年目标任务和主要工作"], 14),
    "shaanxi-prov-2025.docx": (63, ["一、2024年工作回顾", "二、2025年工作安排"], 16),
}
SPEECH = "各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。"
NEEDS_CORPUS = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the clone")


def test_it_reads_the_demo_report_paragraph_for_paragraph() -> None:
    document = read(make_docx(DEMO_TEXT), name="水口.docx")
    assert (document.format, document.text.split("\n")) == ("docx", paragraphs(DEMO_TEXT))


def test_it_skips_empty_paragraphs() -> None:
    text = read(make_docx("各位代表：\n\n\n现在，我代表镇人民政府作报告。")).text
    assert text == "各位代表：\n现在，我代表镇人民政府作报告。"


def test_it_writes_a_table_row_as_one_line_of_tab_separated_cells() -> None:
    table = [["指标", "2025年目标"], ["地区生产总值增长", "5%"]]
    text = read(make_docx("主要预期目标：", table=table)).text
    assert text == "主要预期目标：\n指标\t2025年目标\n地区生产总值增长\t5%"


def test_it_keeps_a_table_where_it_stands_between_paragraphs() -> None:
    document = Document()
    document.add_paragraph("表前")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "甲"
    document.add_paragraph("表后")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()).text == "表前\n甲\t\n表后"


def test_it_rebuilds_headings_numbered_by_word() -> None:
    report = "一、总体要求\n（一）稳增长\n（二）促改革\n二、主要任务\n（一）抓项目"
    typed_by_word = make_docx(report, numbered=("%1、", "（%2）"))
    assert read(typed_by_word).text == report


def test_it_reads_the_demo_report_numbered_by_word_as_if_typed() -> None:
    text = simplified(DEMO_TEXT)
    assert read(make_docx(text, numbered=("%1、", "(%2)"))).text == read(make_docx(text)).text


@NEEDS_CORPUS
@pytest.mark.parametrize("name", sorted(REAL_REPORTS))
def test_it_reads_each_provincial_report_with_its_paragraphs_and_headings(name: str) -> None:
    count, top, second = REAL_REPORTS[name]
    lines = read(CORPUS / name).text.split("\n")
    headings = [line.strip("\u3000 ") for line in lines if re.match(r"^[\u3000 ]*[一二三四五六七八九十]+、\d", line)]
    second_level = [line for line in lines if re.match(r"^[\u3000 ]*（[一二三四五六七八九十]+）", line)]
    assert (len(lines), headings, len(second_level)) == (count, top, second)


@NEEDS_CORPUS
def test_it_keeps_the_indent_of_the_guangdong_report_so_offsets_match_the_file() -> None:
    assert read(CORPUS / "guangdong-prov-2025.docx").text.split("\n")[5].startswith("\u3000\u3000现在，我代表")


def test_it_refuses_a_truncated_docx() -> None:
    data = make_docx(DEMO_TEXT)
    with pytest.raises(ReadError, match=r"损坏或不完整") as error:
        read(data[: len(data) // 2], name="报告.docx")
    assert str(error.value).startswith("报告.docx: ")


def test_it_refuses_text_saved_with_a_docx_name() -> None:
    with pytest.raises(ReadError, match=r"扩展名是 .docx，但内容不是 DOCX"):
        read("各位代表".encode(), name="报告.docx")


def test_it_refuses_a_zip_bomb_by_its_compression_ratio() -> None:
    bomb = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(5 * 1024 * 1024)})
    with pytest.raises(ReadError, match=r"压缩比异常.*zip 炸弹"):
        read(bomb, name="炸弹.docx")


def test_it_refuses_a_zip_bomb_by_its_declared_size() -> None:
    bomb = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
                    declare_size=150 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"超过 200 MB.*zip 炸弹"):
        read(bomb, name="炸弹.docx")


def test_it_refuses_a_package_without_word_document_xml() -> None:
    with pytest.raises(ReadError, match=r"缺少 word/document.xml"):
        read(make_zip({"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"}), name="报告.docx")


def test_it_reads_a_package_whose_main_part_has_another_name() -> None:
    renamed = {}
    with zipfile.ZipFile(io.BytesIO(make_docx(SPEECH))) as package:
        for name in package.namelist():
            content = package.read(name).replace(b"word/document.xml", b"word/document2.xml")
            renamed[name.replace("word/document.xml", "word/document2.xml")] = content
    assert read(make_zip(renamed), name="报告.docx").text == SPEECH


def test_it_refuses_a_plain_zip_archive() -> None:
    with pytest.raises(ReadError, match=r"普通 zip 压缩包"):
        read(make_zip({"报告.txt": "各位代表".encode()}), name="报告.docx")


def test_it_refuses_an_excel_workbook_renamed_to_docx() -> None:
    with pytest.raises(ReadError, match=r"Excel"):
        read(make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), name="报告.docx")


def test_it_refuses_a_package_whose_document_xml_is_broken() -> None:
    data = make_zip({"[Content_Types].xml": make_docx_part(make_docx("各位代表"), "[Content_Types].xml"),
                     "_rels/.rels": make_docx_part(make_docx("各位代表"), "_rels/.rels"),
                     "word/document.xml": b"<w:document><unclosed>"})
    with pytest.raises(ReadError, match=r"Word 文件已损坏，无法解析"):
        read(data, name="报告.docx")


def test_it_refuses_an_encrypted_word_file() -> None:
    # Word saves a password-protected .docx as an OLE compound file holding an "EncryptedPackage" stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    with pytest.raises(ReadError, match=r"文件已加密"):
        read(ole, name="报告.docx")


def test_it_asks_for_a_legacy_doc_to_be_saved_as_docx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(100)
    with pytest.raises(ReadError, match=r"旧版 Word（.doc）.*另存为 .docx"):
        read(ole, name="报告.doc")


def make_docx_part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read(name)
