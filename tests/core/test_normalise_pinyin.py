"""Pinyin annotations (拼音注音): the cases in cases/pinyin_cases.json, and the reading check itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.normalise import normalise
from luoshi.normalise.offsets import identity
from luoshi.normalise.pinyin import is_reading, toneless
from luoshi.normalise.punctuation import restore_punctuation

CASES = json.loads((Path(__file__).parent / "cases" / "pinyin_cases.json").read_text(encoding="utf-8"))
POSITIVE = [pytest.param(case, id=f"{group}: {case['name']}")
            for group, cases in CASES["groups"].items() for case in cases]
NEGATIVE = [pytest.param(case, id=f"negative: {case['name']}") for case in CASES["negative"]]


@pytest.mark.parametrize("case", POSITIVE)
def test_it_removes_the_annotations_of_a_case(case: dict[str, Any]) -> None:
    result = normalise(case["text"])
    assert (result.text, result.annotations_removed) == (case["expect"], case["removed"])


@pytest.mark.parametrize("case", NEGATIVE)
def test_it_keeps_a_bracket_that_is_not_an_annotation(case: dict[str, Any]) -> None:
    result = normalise(case["text"])
    # The bracket stays, as the full-width pair it is in Chinese text (基地（东片区）), but nothing is removed.
    kept, _, _ = restore_punctuation(case["text"], identity(case["text"]))
    assert (result.text, result.annotations_removed) == (kept, 0)


def test_case_names_are_unique() -> None:
    names = [case["name"] for cases in CASES["groups"].values() for case in cases]
    names += [case["name"] for case in CASES["negative"]]
    assert len(names) == len(set(names))


def test_it_accepts_every_reading_of_a_heteronym() -> None:
    assert is_reading("行", "xíng") and is_reading("行", "háng")


def test_it_accepts_a_reading_up_to_tones_for_sandhi_mirrors() -> None:
    assert is_reading("一", "yí")


def test_it_rejects_a_syllable_the_character_never_reads() -> None:
    assert not is_reading("规", "huà")


def test_it_rejects_a_character_pypinyin_does_not_know() -> None:
    assert not is_reading("O", "o")


def test_toneless_spells_ü_as_v_like_pypinyin() -> None:
    assert toneless("nǚ") == "nv"
