"""Full-width punctuation restored between Chinese characters (luoshi/normalise/punctuation.py): the cases in
cases/punctuation_cases.json, run through the whole normaliser, and the offsets back to the user's file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.normalise import normalise

CASES = json.loads((Path(__file__).parent / "cases" / "punctuation_cases.json").read_text(encoding="utf-8"))
POSITIVE = [pytest.param(case, id=f"{group}: {case['name']}")
            for group, cases in CASES["groups"].items() for case in cases]
NEGATIVE = [pytest.param(case, id=f"negative: {case['name']}") for case in CASES["negative"]]


@pytest.mark.parametrize("case", POSITIVE)
def test_it_restores_the_marks_of_a_case(case: dict[str, Any]) -> None:
    result = normalise(case["text"])
    assert (result.text, result.punctuation_restored) == (case["expect"], case["restored"])


@pytest.mark.parametrize("case", NEGATIVE)
def test_it_leaves_real_ascii_alone(case: dict[str, Any]) -> None:
    result = normalise(case["text"])
    assert (result.text, result.punctuation_restored) == (case["text"], 0)


@pytest.mark.parametrize("case", POSITIVE)
def test_it_is_its_own_fixed_point(case: dict[str, Any]) -> None:
    once = normalise(case["text"]).text
    assert (normalise(once).text, normalise(once).punctuation_restored) == (once, 0)


def test_a_restored_mark_points_at_the_ascii_mark_in_the_users_file() -> None:
    raw = "基地(東片區)1230畝,力爭(guī)完成"
    n = normalise(raw)
    for mark, ascii_mark in (("（", "("), ("）", ")"), ("，", ",")):
        assert raw[n.source_offset(n.text.index(mark))] == ascii_mark


def test_a_mark_taking_its_blank_with_it_keeps_the_map_monotone() -> None:
    n = normalise("水口镇,  推进建设")
    assert n.text == "水口镇，推进建设"
    assert list(n.offsets) == sorted(n.offsets) and n.source_span(4, 6) == (6, 8)


def test_case_names_are_unique() -> None:
    names = [case["name"] for cases in CASES["groups"].values() for case in cases]
    names += [case["name"] for case in CASES["negative"]]
    assert len(names) == len(set(names))
