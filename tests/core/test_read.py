"""The one entry point (读取入口): paths, standard input and bytes; the format sniffed; bad input named."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import DEMO_TEXT, encode, make_docx, make_html, make_pdf, simplified

import luoshi.read
from luoshi.document import Document
from luoshi.errors import ReadError
from luoshi.read import read, sniff

SPEECH = "各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。"


def stdin_holding(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_it_reads_a_path_given_as_a_string(tmp_path: Path) -> None:
    path = tmp_path / "水口.txt"
    path.write_bytes(encode(DEMO_TEXT, "utf-8"))
    assert read(str(path)) == Document(str(path), "txt", DEMO_TEXT, "utf-8", "合法的 UTF-8（无 BOM）")


def test_it_reads_a_path_given_as_a_path(tmp_path: Path) -> None:
    path = tmp_path / "水口.docx"
    path.write_bytes(make_docx(SPEECH))
    assert read(path).text == SPEECH


def test_it_names_a_path_by_the_name_given(tmp_path: Path) -> None:
    path = tmp_path / "upload-1234.txt"
    path.write_bytes(SPEECH.encode())
    assert read(path, name="水口.txt").source == "水口.txt"


def test_it_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_holding(monkeypatch, encode(DEMO_TEXT, "gb18030"))
    document = read("-")
    assert (document.source, document.text, document.encoding) == ("<stdin>", DEMO_TEXT, "gb18030")


def test_it_sniffs_a_docx_on_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_holding(monkeypatch, make_docx(SPEECH))
    assert read("-").format == "docx"


def test_it_calls_bytes_without_a_name_bytes() -> None:
    assert read(SPEECH.encode()).source == "<bytes>"


@pytest.mark.parametrize(("make", "expected"), [
    (lambda: SPEECH.encode("gb18030"), "txt"),
    (lambda: make_docx(SPEECH), "docx"),
    (lambda: make_pdf(simplified(SPEECH)), "pdf"),
    (lambda: make_html(SPEECH), "html"),
])
def test_it_sniffs_the_format_of_bytes_without_a_name(make: Callable[[], bytes], expected: str) -> None:
    assert read(make()).format == expected


def test_it_trusts_the_bytes_over_a_txt_extension(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(make_docx(SPEECH))
    assert read(path).format == "docx"


def test_it_sniffs_a_utf_16_page_as_html() -> None:
    assert sniff(encode("<!DOCTYPE html><html><body><p>各位代表</p></body></html>", "utf-16")) == "html"


@pytest.mark.parametrize(("name", "problem"), [
    ("报表.xls", "是 Excel 表格"),
    ("安装包.exe", "不支持的文件类型 .exe"),
    ("扫描件.png", "是图片，没有文字层"),
    ("报告.doc", "另存为 .docx"),
    ("报告.wps", "WPS"),
    ("报告.zip", "是压缩包"),
])
def test_it_refuses_an_unknown_extension_by_name(name: str, problem: str) -> None:
    with pytest.raises(ReadError) as error:
        read(SPEECH.encode(), name=name)
    assert str(error.value).startswith(f"{name}: ") and problem in str(error.value)


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "没有.txt"
    with pytest.raises(ReadError) as error:
        read(missing)
    assert str(error.value) == f"{missing}: 文件不存在"


def test_it_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"这是一个目录"):
        read(tmp_path)


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as error:
        read(path)
    assert str(error.value) == f"{path}: 文件是空的"


def test_it_refuses_empty_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_holding(monkeypatch, b"")
    with pytest.raises(ReadError, match=r"^<stdin>: 文件是空的$"):
        read("-")


def test_it_refuses_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(luoshi.read, "MAX_BYTES", 1000)
    path = tmp_path / "大.txt"
    path.write_bytes(SPEECH.encode() * 100)
    with pytest.raises(ReadError, match=r"^.*大\.txt: 文件超过 .* 的上限"):
        read(path)


def test_it_names_the_50_mb_limit(tmp_path: Path) -> None:
    path = tmp_path / "大.txt"
    with path.open("wb") as handle:  # a sparse file: 51 MB declared, nothing written
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"文件超过 50 MB 的上限"):
        read(path)


def test_it_refuses_an_oversized_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(luoshi.read, "MAX_BYTES", 1000)
    stdin_holding(monkeypatch, SPEECH.encode() * 100)
    with pytest.raises(ReadError, match=r"^<stdin>: 文件超过"):
        read("-")


@pytest.mark.parametrize("garbage", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n" + bytes(200),
                                     b"MZ\x90\x00" + bytes(200)])
def test_it_refuses_binary_garbage_as_not_text(garbage: bytes) -> None:
    with pytest.raises(ReadError, match=r"不是文本文件"):
        read(garbage)


@settings(deadline=2000, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda tail: b"PK\x03\x04" + tail),
    st.binary(max_size=500).map(lambda tail: b"%PDF-1.7\n" + tail),
    st.binary(max_size=500).map(lambda tail: b"<!DOCTYPE html><html>" + tail),
    st.binary(max_size=500).map(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail),
    st.text(max_size=300).map(lambda text: text.encode("utf-16")),
))
def test_it_returns_a_document_or_a_read_error_for_any_bytes(data: bytes) -> None:
    try:
        document = read(data)
    except ReadError as error:
        assert str(error).startswith("<bytes>: ") and "\n" not in str(error)
    else:
        assert isinstance(document, Document) and document.text.strip()
