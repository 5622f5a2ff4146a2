"""Pinyin annotations (拼音注音): the cases in cases/pinyin_cases.json, and the reading check itself."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from luoshi.normalise import normalise
from luoshi.normalise.offsets import identity
from luoshi.normalise.pinyin import is_reading, pypinyin_readings, pypinyin_table, readings, toneless
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


def test_the_readings_read_from_pypinyins_table_are_what_pypinyin_gives() -> None:
    # pypinyin's own table is read without importing pypinyin; the answers must not change. All 41,923
    # characters of the table agreed when this was written; a fixed sample and the cases' characters run here.
    table = pypinyin_table()
    assert table is not None
    codes = [int(k) for k in json.loads(table)]
    assert codes == sorted(codes)  # the table is searched by halving
    codes = sorted(codes)
    chars = {chr(c) for c in random.Random(7).sample(codes, 1500)}
    chars |= {c for group in CASES["groups"].values() for case in group for c in case["text"]}
    chars |= {"〇", "O", "行", "绿", "嗯", "呣", "欸"}  # 〇, unknown, heteronym, ü, ń, m̀, ê̄
    assert {c: readings.__wrapped__(c) for c in chars} == {c: pypinyin_readings(c) for c in chars}


def test_normalising_annotated_text_never_imports_pypinyin() -> None:
    code = ("import sys; from luoshi.normalise import normalise; "
            "normalise('規(guī)劃收官之年，建滔(开平)产业园'); print('pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
