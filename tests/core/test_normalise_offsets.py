"""The offset map (偏移映射): it holds for every string, and edits compose through it."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.normalise import normalise
from luoshi.normalise.offsets import apply_edits, identity

# Text shaped like the trouble the normaliser meets: hanzi, brackets, pinyin letters, odd blanks,
# line breaks, mojibake signs, bopomofo, and anything else Unicode allows (surrogates excluded).
TRICKY = st.sampled_from(
    list("規劃长者饭()（）「」guīhuàzhíshè12345 ?\ufffdㄅㄔ\u3000\u00a0\u200b\ufeff\r\n\u2028锟斤拷Ã©å")
)
TEXT = st.lists(st.one_of(TRICKY, st.characters(exclude_categories=("Cs",))), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_it_never_raises_and_its_map_holds(text: str) -> None:
    result = normalise(text)
    offsets = result.offsets
    assert len(offsets) == len(result.text) + 1
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)
    assert all(a <= b for a, b in pairwise(offsets))


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_its_warnings_point_at_their_text(text: str) -> None:
    result = normalise(text)
    for warning in result.warnings:
        assert result.text[warning.offset : warning.offset + len(warning.text)] == warning.text
        assert warning.source_offset == result.offsets[warning.offset]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="規劃关键()guī\u3000\n 。", max_size=60))
def test_it_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


def test_apply_edits_deletes_and_keeps_the_end() -> None:
    assert apply_edits("規(guī)劃", identity("規(guī)劃"), [(1, 6, "")]) == ("規劃", [0, 6, 7])


def test_apply_edits_points_inserted_characters_at_what_they_replace() -> None:
    assert apply_edits("甲\r\n乙", identity("甲\r\n乙"), [(1, 3, "\n")]) == ("甲\n乙", [0, 1, 3, 4])


def test_apply_edits_composes_with_an_earlier_map() -> None:
    assert apply_edits("ab", [5, 9, 12], [(0, 1, "")]) == ("b", [9, 12])


def test_apply_edits_skips_an_edit_that_overlaps_the_one_before() -> None:
    assert apply_edits("abcd", identity("abcd"), [(0, 2, ""), (1, 3, "")]) == ("cd", [2, 3, 4])


def test_source_offset_clamps_an_index_past_the_end() -> None:
    result = normalise("規(guī)劃")
    assert result.source_offset(99) == len("規(guī)劃")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["規", "(guī)", "\ud800", "\udcff", "长", "\r\n", "é"]), max_size=20).map("".join))
def test_it_never_raises_on_lone_surrogates(text: str) -> None:
    result = normalise(text)
    assert len(result.offsets) == len(result.text) + 1
    result.text.encode("utf-8")  # printable: surrogates became U+FFFD
