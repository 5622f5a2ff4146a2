"""Damage (乱码/残缺文字): the cases in cases/damage_cases.json, injected damage, and the warning's shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.normalise import normalise
from luoshi.normalise.damage import find_damage
from luoshi.rules.damage import RULES

CASES = json.loads((Path(__file__).parent / "cases" / "damage_cases.json").read_text(encoding="utf-8"))
POSITIVE = [pytest.param(case, id=f"{group}: {case['name']}")
            for group, cases in CASES["groups"].items() for case in cases]
NEGATIVE = [pytest.param(case, id=f"negative: {case['name']}") for case in CASES["negative"]]

CLEAN = "加快推进泮南、风采片区以及开庄、金山、新美片区的土地征收工作，整合片区资源，加快园区扩容提质步伐。"


def inject(damage: str, at: int = 12) -> str:
    return CLEAN[:at] + damage + CLEAN[at:]


@pytest.mark.parametrize("case", POSITIVE)
def test_it_reports_the_damaged_span_of_a_case_once(case: dict[str, Any]) -> None:
    (warning,) = normalise(case["text"]).warnings
    assert warning.kind == case["kind"]
    if "flagged" in case:
        assert warning.text == case["flagged"]


@pytest.mark.parametrize("case", NEGATIVE)
def test_it_reports_nothing_in_clean_text(case: dict[str, Any]) -> None:
    assert normalise(case["text"]).warnings == ()


def test_case_names_are_unique() -> None:
    names = [case["name"] for cases in CASES["groups"].values() for case in cases]
    names += [case["name"] for case in CASES["negative"]]
    assert len(names) == len(set(names))


def test_every_damage_rule_fires_on_some_case() -> None:
    fired = {name for cases in CASES["groups"].values() for case in cases
             for *_, names in find_damage(normalise(case["text"]).text) for name in names}
    assert {rule.name for rule in RULES} <= fired


def test_every_damage_rule_says_why() -> None:
    assert all(rule.why for rule in RULES)


@pytest.mark.parametrize("damage", ["\ufffd", "ㄅ", "锟斤拷", "é\u00a6\u0096"])
def test_it_keeps_the_damaged_text(damage: str) -> None:
    assert damage in normalise(inject(damage)).text


@pytest.mark.parametrize(
    ("encoding", "wrong"),
    [("utf-8", "gbk"), ("utf-8", "cp1252"), ("utf-8", "latin-1"), ("gbk", "latin-1")],
)
@pytest.mark.parametrize("phrase", ["土地征收", "高质量发展", "推进产业平台建设"])
def test_it_finds_a_phrase_decoded_with_the_wrong_encoding(encoding: str, wrong: str, phrase: str) -> None:
    mojibake = phrase.encode(encoding).decode(wrong, errors="replace")
    warnings = normalise(inject(mojibake)).warnings
    assert [w.kind for w in warnings] == ["mojibake"]


def test_it_places_the_warning_at_the_damage() -> None:
    (warning,) = normalise(inject("\ufffd")).warnings
    assert (warning.offset, warning.source_offset, warning.text) == (12, 12, "\ufffd")


def test_its_context_holds_ten_characters_either_side() -> None:
    (warning,) = normalise(inject("ㄅ")).warnings
    assert warning.context == CLEAN[2:12] + "ㄅ" + CLEAN[12:22]


def test_its_source_offset_points_into_the_original_text() -> None:
    text = "\u3000\u3000規(guī)劃" + inject("ㄅ")
    (warning,) = normalise(text).warnings
    assert text[warning.source_offset] == "ㄅ"


def test_its_message_names_the_rules_that_fired() -> None:
    (warning,) = normalise(inject("ㄅ")).warnings
    assert "bopomofo" in warning.message


def test_it_reports_undecodable_bytes_escaped_as_surrogates() -> None:
    result = normalise(inject("\udcff\udcfe"))
    assert [(w.kind, w.text) for w in result.warnings] == [("replacement_char", "\ufffd\ufffd")]
