"""Properties over generated input (性质测试): damaged files, mixed encodings and report-like text.

What already holds elsewhere is not repeated: random bytes and magic-prefixed junk through ``read``
(test_read.py), any string through ``normalise`` (test_normalise_offsets.py), random target sentences
(test_extract_targets.py). Here the input is shaped like the real thing gone wrong: a good file
damaged, bytes in several encodings spliced together, whole reports of headings, numbers and pinyin.
Examples are derandomized and no database is kept, so every CI run tries the same inputs.
"""

from __future__ import annotations

import functools
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import DEMO_TEXT, make_docx, make_html, make_pdf, simplified
from watchdog import within

from luoshi.document import Document
from luoshi.errors import ReadError
from luoshi.extract import extract
from luoshi.normalise import normalise
from luoshi.read import read
from luoshi.read.encoding import EncodingError, decode
from luoshi.report import parse

FUZZ = settings(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXCERPT = "\n".join(DEMO_TEXT.split("\n")[:8])  # a few paragraphs keep each damaged file quick to read


@functools.cache
def good_files() -> dict[str, bytes]:
    return {"报告.docx": make_docx(EXCERPT), "报告.pdf": make_pdf(simplified(EXCERPT)),
            "报告.html": make_html(EXCERPT), "报告.txt": EXCERPT.encode("gb18030")}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A good file of some format, cut short, with bytes overwritten, or with junk spliced in."""
    name = draw(st.sampled_from(sorted(good_files())))
    data = bytearray(good_files()[name])
    damage = draw(st.sampled_from(["cut", "overwrite", "splice"]))
    at = draw(st.integers(0, len(data) - 1))
    if damage == "cut":
        del data[at:]
    elif damage == "overwrite":
        junk = draw(st.binary(min_size=1, max_size=16))
        data[at:at + len(junk)] = junk
    else:
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return name, bytes(data)


@settings(FUZZ, max_examples=200)
@given(damaged())
def test_a_damaged_file_reads_or_gives_a_read_error_naming_it(sample: tuple[str, bytes]) -> None:
    name, data = sample
    with within():
        try:
            document = read(data, name=name)
        except ReadError as error:
            assert str(error).startswith(f"{name}: ") and "\n" not in str(error)
        else:
            assert isinstance(document, Document) and document.text.strip()


# Pieces of a text file as editors and bad pipelines leave them: the report in each encoding, BOMs,
# NUL bytes, stray continuation bytes, line ends of every system.
PIECE = st.one_of(
    st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16-le"]).flatmap(
        lambda encoding: st.integers(0, 40).map(
            lambda start: DEMO_TEXT[start * 10:start * 10 + 30].encode(encoding, "replace"))),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x80", b"\xc0\xaf", b"\r\n", b"\r", b"\x1a", b"\xe5"]),
    st.binary(max_size=8),
)


@settings(FUZZ, max_examples=300)
@given(st.lists(PIECE, min_size=1, max_size=12).map(b"".join))
def test_a_decoding_it_accepts_gives_the_text_back_from_the_bytes(data: bytes) -> None:
    # The contract of Document.encoding: decoding the file's bytes with it gives Document.text again.
    try:
        decoded = decode(data)
    except EncodingError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert data.decode(decoded.encoding) == decoded.text


# Report-like text: headings of every level, clauses with numbers, units, percentages, deadlines,
# pinyin annotations (some wrong), traditional characters, full-width digits and odd spaces.
CLAUSE = st.sampled_from([
    "加快推进产业园区建设", "新增规模以上工业企业3家", "地区生产总值增长6%左右", "固定资产投资增长百分之十",
    "到2027年基本建成", "力争第一季度完成", "不超过5%", "控制在3.5‰以内", "完成投资12.6亿元", "建成5G基站1200个",
    "規(guī)劃", "關(guān)鍵", "規(gui)劃", "长(zhǎng)者饭堂", "（一）", "2025年", "１２３４", "\u3000\u3000", "　",
    "镇经济发展办牵头", "实施“百千万工程”", "《水口镇国土空间总体规划》", "第三期", "50%以上", "(xyz)",
    "，", "。", "；",
])
LINE = st.one_of(
    st.tuples(st.sampled_from(["一、", "二、", "（一）", "(二)", "1.", "2．", "（3）", ""]),
              st.lists(CLAUSE, max_size=8).map("".join)).map("".join),
    st.text(alphabet="一二三十百千万亿0123456789.%％个项家年月以上左右超不少于达到增长(){}[]规划zhàn、，。；\t ",
            max_size=40),
)
REPORT = st.lists(LINE, min_size=1, max_size=25).map(lambda lines: "各位代表：\n" + "\n".join(lines))


@settings(FUZZ, max_examples=40)
@given(REPORT)
def test_normalise_keeps_its_offsets_valid_on_report_like_text(text: str) -> None:
    result = normalise(text)
    assert len(result.offsets) == len(result.text) + 1 and result.offsets[-1] == len(text)
    assert all(a <= b for a, b in pairwise(result.offsets))


@settings(FUZZ, max_examples=150)
@given(REPORT)
def test_extraction_never_raises_and_every_span_points_into_the_text(text: str) -> None:
    report = parse(Document("报告.txt", "txt", text), year=2025)
    with within():
        plan = extract(report)
    for item in (*plan.targets, *plan.tasks, *plan.projects):
        if item.span is None:
            continue
        assert 0 <= item.span.start <= item.span.end <= len(report.text)
        if item.span.source_start is not None and item.span.source_end is not None:
            assert 0 <= item.span.source_start <= item.span.source_end <= len(text)
