"""The normaliser on whole reports: the demo (traditional, annotated, one damaged span) and clean ones."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

import pytest
from samples import CORPUS, DEMO_TEXT

from luoshi.normalise import Normalised, normalise

# The demo's real parentheticals, in order, as the normalised text must keep them.
# Heading numerals open their line and stay as printed; the rest are restored to full width.
DEMO_PARENTHETICALS = [
    "(一)", "（东片区）", "（一期）", "（二期）", "(二)", "（开平）", "(三)", "（水暖卫浴）", "(四)",
    "(一)", "(二)", "（社区）", "(三)", "（站）",
    "(一)", "(二)", "(三)",
    "(一)", "(二)", "（沙冈院区）", "(三)",
]
PROVINCIAL = ["guangdong-prov-2025", "hebei-prov-2025", "shaanxi-prov-2025"]


@cache
def demo() -> Normalised:
    return normalise(DEMO_TEXT)


@cache
def provincial(name: str) -> str:
    """A provincial report's text, one paragraph per line, read with python-docx."""
    path = CORPUS / f"{name}.docx"
    if not path.exists():
        pytest.skip(f"corpus not beside the clone: {path}")
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_it_removes_all_585_annotations_of_the_demo() -> None:
    assert demo().annotations_removed == 585


def test_it_keeps_the_21_real_parentheticals_of_the_demo() -> None:
    brackets = re.findall(r"[(（][^()（）]*[)）]", demo().text)
    assert [b for b in brackets if b != "(shè)"] == DEMO_PARENTHETICALS


def test_it_leaves_no_tone_marked_pinyin_outside_the_damaged_span() -> None:
    damaged = demo().warnings[0]
    rest = demo().text[: damaged.offset] + demo().text[damaged.offset + len(damaged.text) :]
    assert not re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", rest)


def test_it_converts_the_demo_to_simplified() -> None:
    text = demo().text
    assert text.startswith("2025年是“十四五”规划收官之年，是“百千万工程”三年初见成效的关键一年")
    assert "長" not in text and "關" not in text and "著力" not in text


def test_it_reports_the_demo_damage_as_one_corrupt_text_warning_near_长者饭() -> None:
    (warning,) = demo().warnings
    assert warning.kind == "corrupt_text"
    assert warning.text.startswith("?zhí)媒ㄔO")
    assert "长者饭" in warning.context


def test_its_warning_points_at_the_damage_in_both_texts() -> None:
    (warning,) = demo().warnings
    assert demo().text[warning.offset : warning.offset + len(warning.text)] == warning.text
    assert DEMO_TEXT[warning.source_offset : warning.source_offset + 4] == "?zhí"


def test_its_warning_context_is_at_most_ten_characters_either_side() -> None:
    (warning,) = demo().warnings
    assert len(warning.context) <= len(warning.text) + 20
    assert warning.text in warning.context


def test_it_keeps_the_damaged_text_in_the_output() -> None:
    assert "长者饭?zhí)媒ㄔO(shè)力度" in demo().text


def test_it_drops_the_web_leftover_at_the_end_of_the_demo() -> None:
    assert demo().text.endswith("营造风清气正政治生态。")
    assert "相关附件" not in demo().text


def test_it_keeps_one_paragraph_per_line() -> None:
    assert demo().text.count("\n") == DEMO_TEXT.rstrip("\n").count("\n") - 1  # the leftover line went


def test_its_map_sends_规划_back_to_the_annotated_traditional_phrase() -> None:
    start = demo().text.index("规划")
    source_start, source_end = demo().source_span(start, start + 2)
    assert DEMO_TEXT[source_start:source_end] == "規(guī)劃"


def test_its_map_sends_a_heading_back_to_the_same_heading() -> None:
    start = demo().text.index("(一)加强产业平台建设")
    source_start = demo().source_offset(start)
    assert DEMO_TEXT[source_start:].startswith("(一)加強產(chǎn)業(yè)平臺建設(shè)。")


def test_its_map_has_one_entry_per_character_plus_the_end() -> None:
    assert len(demo().offsets) == len(demo().text) + 1
    assert demo().offsets[-1] == len(DEMO_TEXT)


def test_its_map_is_monotone() -> None:
    offsets = demo().offsets
    assert all(a <= b for a, b in pairwise(offsets))


def test_it_is_idempotent_on_its_own_output() -> None:
    assert normalise(demo().text).text == demo().text


def test_its_own_output_has_no_annotation_left_to_remove() -> None:
    assert normalise(demo().text).annotations_removed == 0


@pytest.mark.parametrize("name", PROVINCIAL)
def test_it_removes_nothing_from_a_clean_report(name: str) -> None:
    assert normalise(provincial(name)).annotations_removed == 0


@pytest.mark.parametrize("name", PROVINCIAL)
def test_it_finds_no_damage_in_a_clean_report(name: str) -> None:
    assert normalise(provincial(name)).warnings == ()


@pytest.mark.parametrize("name", PROVINCIAL)
def test_it_changes_a_clean_report_only_in_its_blanks(name: str) -> None:
    text = provincial(name)
    blank = re.compile("[\\s\u200b-\u200d\u2060\ufeff]")
    assert blank.sub("", normalise(text).text) == blank.sub("", text)


@pytest.mark.parametrize("name", PROVINCIAL)
def test_it_keeps_the_paragraphs_of_a_clean_report(name: str) -> None:
    text = provincial(name)
    assert normalise(text).text.count("\n") == text.count("\n")
