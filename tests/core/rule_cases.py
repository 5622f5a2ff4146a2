"""Shared reading of the rule cases files (tests/core/cases/<table>_cases.json).

A cases file holds ``year`` (the fixed plan year every case runs at), ``groups`` (name → cases;
a group says what output its cases expect and which report they came from), ``negative`` (sentences
that must yield no target) and ``xfail`` (known failures, run as strict xfails). A sentence case
names the ``rule`` it exercises and asserts its whole targets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.extract.targets import Reading, read_sentence

CASES_DIR = Path(__file__).parent / "cases"
TARGET_FIELDS = ("value", "unit", "kind", "comparator", "deadline", "indicator", "upper", "baseline", "firmness")


def load(table: str) -> dict[str, Any]:
    return json.loads((CASES_DIR / f"{table}_cases.json").read_text(encoding="utf-8"))


def params(table: str) -> list[Any]:
    """Every positive case of a table as a pytest param, known failures marked strict xfail."""
    data = load(table)
    out = [pytest.param(case, id=f"{group}: {case['name']}")
           for group, cases in data["groups"].items() for case in cases]
    out += [pytest.param(case, id=f"xfail: {case['name']}",
                         marks=pytest.mark.xfail(strict=True, reason=case.get("why", "known failure")))
            for case in data.get("xfail", [])]
    return out


def negative_params(table: str) -> list[Any]:
    return [pytest.param(case, id=f"negative: {case['name']}") for case in load(table).get("negative", [])]


def read(text: str, year: int, heading: bool = False, past: bool = False) -> list[Reading]:
    """A case sentence read alone; ``heading``/``past`` say it is a title, or follows a past-year opener."""
    return read_sentence(text, year, heading=heading, past=past, seen=set())


def fired(readings: list[Reading]) -> set[str]:
    """Every rule name that fired on a sentence: target rules and non-target rules alike."""
    names: set[str] = set()
    for r in readings:
        names.update(r.rules)
        if r.skipped:
            names.add(r.skipped)
    return names


def targets_of(readings: list[Reading]) -> list[dict[str, Any]]:
    """Every target of the readings with its contract fields; upper and baseline only when there is one."""
    return [{f: getattr(t, f) for f in TARGET_FIELDS if getattr(t, f) is not None}
            for r in readings for t in r.targets]


def check_sentence_case(case: dict[str, Any], year: int) -> None:
    """The sentence gives exactly the expected targets and fires the rule the case names."""
    readings = read(case["text"], year, case.get("heading", False), case.get("past", False))
    got = targets_of(readings)
    assert len(got) == len(case["targets"]), case["text"]
    # A hand-written expectation (an xfail) may name fewer fields: each target is compared on the fields it names.
    assert [{k: g.get(k) for k in want} for g, want in zip(got, case["targets"], strict=True)] == case["targets"]
    if case.get("rule"):
        assert case["rule"] in fired(readings), f"{case['rule']} did not fire on {case['text']}"


def check_negative_case(case: dict[str, Any], year: int) -> None:
    """The sentence yields no target, and the non-target rule it names is the one that said so."""
    readings = read(case["text"], year, case.get("heading", False), case.get("past", False))
    assert [t.value for r in readings for t in r.targets] == [], case["text"]
    if case.get("rule"):
        assert case["rule"] in fired(readings), f"{case['rule']} did not fire on {case['text']}"
