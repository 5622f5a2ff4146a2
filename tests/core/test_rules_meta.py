"""The rule tables and their cases stay in step: unique case names, every named rule exercised."""

from __future__ import annotations

import pytest
from rule_cases import fired, load, read

from luoshi.rules.comparators import AFTER_CUES, BEFORE_CUES
from luoshi.rules.kinds import KIND_CUES
from luoshi.rules.nontargets import NONTARGET_RULES

SENTENCE_TABLES = ("units", "comparators", "kinds", "nontargets")
ALL_TABLES = (*SENTENCE_TABLES, "deadlines")


def all_sentence_cases() -> list[dict]:
    out = []
    for table in SENTENCE_TABLES:
        data = load(table)
        out += [c for cs in data["groups"].values() for c in cs] + data.get("negative", [])
    return out


@pytest.mark.parametrize("table", ALL_TABLES)
def test_case_names_are_unique_in_each_table(table: str) -> None:
    data = load(table)
    names = [c["name"] for cs in data["groups"].values() for c in cs]
    names += [c["name"] for c in data.get("negative", []) + data.get("xfail", [])]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("table", ALL_TABLES)
def test_every_table_runs_at_a_fixed_plan_year_and_has_negative_cases(table: str) -> None:
    data = load(table)
    assert data["year"] == 2025
    assert data["negative"]


def test_every_named_rule_is_exercised_by_some_case() -> None:
    """Every comparator cue, kind cue and non-target rule fires on at least one case sentence."""
    seen: set[str] = set()
    for case in all_sentence_cases():
        seen |= fired(read(case["text"], 2025, case.get("heading", False), case.get("past", False)))
    named = {c.name for c in (*BEFORE_CUES, *AFTER_CUES)} | {c.name for c in KIND_CUES}
    named |= {r.name for r in NONTARGET_RULES}
    assert named - seen == set()


def test_each_case_names_a_rule_of_some_table() -> None:
    known = {c.name for c in (*BEFORE_CUES, *AFTER_CUES)} | {c.name for c in KIND_CUES}
    known |= {r.name for r in NONTARGET_RULES}
    known |= {"plain", "range", "rank_ceiling", "rank_unit", "points", "percent_level", "quantity_unit",
              "qualified_count_floor", "spread_jun", "baseline", "deadline", "more_than"}
    named = {c["rule"] for c in all_sentence_cases() if c.get("rule")}
    assert named - known == set()
