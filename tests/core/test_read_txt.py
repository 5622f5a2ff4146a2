"""Plain text (纯文本): every encoding a report arrives in is detected, reported, and decoded exactly."""

from __future__ import annotations

import re

import pytest
from samples import DEMO_TEXT, TRADITIONAL_EXCERPT, encode, simplified

from luoshi.errors import ReadError
from luoshi.read import read
from luoshi.read.encoding import decode

SIMPLIFIED_DEMO = simplified(DEMO_TEXT)
WITHOUT_PINYIN = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", DEMO_TEXT)


def snippets(text: str, length: int = 30, count: int = 12) -> list[str]:
    """Evenly spaced stretches of one line of text, the size of a short note or a title page."""
    flat = text.replace("\n", "")
    step = (len(flat) - length) // count
    return [flat[i : i + length] for i in range(0, step * count, step)]


@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),  # with a BOM, in the machine's byte order
    ("utf-16-le", "utf-16-le"),  # without a BOM: told apart by where the zero bytes are
    ("utf-16-be", "utf-16-be"),
])
def test_it_reads_the_demo_report_in_each_encoding(encoding: str, reported: str) -> None:
    document = read(encode(DEMO_TEXT, encoding), name="水口.txt")
    assert (document.text, document.encoding, document.format) == (DEMO_TEXT, reported, "txt")


def test_it_reads_utf_16_with_a_big_endian_bom() -> None:
    document = read(b"\xfe\xff" + encode(DEMO_TEXT, "utf-16-be"))
    assert (document.text, document.encoding) == (DEMO_TEXT, "utf-16")


def test_it_reads_the_simplified_report_saved_as_gbk() -> None:
    assert read(encode(SIMPLIFIED_DEMO, "gbk")).text == SIMPLIFIED_DEMO


def test_it_reads_a_traditional_report_saved_as_big5() -> None:
    document = read(encode(TRADITIONAL_EXCERPT, "big5"))
    assert (document.text, document.encoding) == (TRADITIONAL_EXCERPT, "big5hkscs")


def test_it_reads_hong_kong_characters_saved_as_big5_hkscs() -> None:
    text = "香港特別行政區政府：推進北部都會區建設，深化與深圳、廣州合作。"
    assert read(encode(text, "big5hkscs")).text == text


@pytest.mark.parametrize("snippet", snippets(SIMPLIFIED_DEMO))
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le", "utf-16-be", "utf-8"])
def test_it_decides_a_30_character_simplified_snippet(snippet: str, encoding: str) -> None:
    assert decode(encode(snippet, encoding)).text == snippet


@pytest.mark.parametrize("snippet", snippets(WITHOUT_PINYIN))
@pytest.mark.parametrize("encoding", ["big5hkscs", "gb18030", "utf-16-le", "utf-16-be"])
def test_it_decides_a_30_character_traditional_snippet(snippet: str, encoding: str) -> None:
    assert decode(encode(snippet, encoding)).text == snippet


def test_it_looks_past_a_long_english_preface_to_decide() -> None:
    text = "Translated from the Chinese original.\n" * 400 + SIMPLIFIED_DEMO
    assert read(encode(text, "gb18030")).text == text


def test_it_says_how_it_decided_on_gb18030() -> None:
    note = read(encode(SIMPLIFIED_DEMO, "gb18030")).encoding_note
    assert "不是 UTF-8" in note and "GB18030" in note and "常用汉字" in note


def test_it_says_a_bom_decided_the_encoding() -> None:
    assert read(encode(DEMO_TEXT, "utf-8-sig")).encoding_note == "UTF-8 BOM"


def test_it_drops_the_bom_from_the_text() -> None:
    assert not read(encode("各位代表", "utf-8-sig")).text.startswith("\ufeff")


def test_it_turns_windows_line_ends_into_newlines() -> None:
    assert read(encode("一、总体要求\r\n二、主要任务\r\n", "gb18030")).text == "一、总体要求\n二、主要任务\n"


def test_it_turns_old_mac_line_ends_into_newlines() -> None:
    assert read("一、总体要求\r二、主要任务".encode()).text == "一、总体要求\n二、主要任务"


def test_it_changes_nothing_but_line_ends_so_offsets_point_into_the_file() -> None:
    text = "\u3000\u3000各位代表：\r\n  规(guī)划  \r\n"
    assert read(text.encode()).text == text.replace("\r\n", "\n")


def test_it_names_both_candidates_when_gb18030_and_big5_read_equally_well() -> None:
    # Two pinyin letters decode to neutral characters in both legacy encodings: nothing to tell them apart.
    with pytest.raises(ReadError, match=r"GB18030.*Big5-HKSCS") as error:
        read(encode("(jīng)", "gb18030"), name="短.txt")
    assert str(error.value).startswith("短.txt: 无法确定文字编码")


def test_it_refuses_bytes_no_candidate_decodes() -> None:
    with pytest.raises(ReadError, match=r"无法识别文字编码") as error:
        read(b"caf\xe9 \xff\xfe\xfd and more", name="x.txt")
    assert "GB18030" in str(error.value) and "Big5-HKSCS" in str(error.value)


def test_it_refuses_a_bom_followed_by_damaged_bytes() -> None:
    with pytest.raises(ReadError, match=r"BOM 开头.*损坏"):
        read(b"\xef\xbb\xbf" + "各位".encode() + b"\xff\xfe", name="x.txt")


def test_it_refuses_binary_data_with_a_txt_name() -> None:
    with pytest.raises(ReadError, match=r"不是文本文件"):
        read(bytes(range(256)) * 8, name="报告.txt")


def test_it_refuses_a_file_of_whitespace() -> None:
    with pytest.raises(ReadError, match=r"文件是空的"):
        read(" \r\n\u3000".encode(), name="空.txt")
