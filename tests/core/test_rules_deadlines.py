"""Deadlines (luoshi/rules/deadlines.py): time words → the ISO date a commitment is due."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import load, read

from luoshi.rules.deadlines import DEADLINE_RULES, HORIZON_RULES, find_deadline, find_horizon, match_deadline

CASES = load("deadlines")
YEAR = CASES["year"]


def cases() -> list[Any]:
    return [pytest.param(c, id=f"{g}: {c['name']}") for g, cs in CASES["groups"].items() for c in cs]


@pytest.mark.parametrize("case", cases())
def test_it_reads_the_time_word_and_its_rule(case: dict[str, Any]) -> None:
    found = match_deadline(case["text"], YEAR)
    assert found is not None, case["text"]
    assert (found[0], found[1], found[2]) == (case["deadline"], case["deadline_text"], case["rule"])
    assert find_deadline(case["text"], YEAR) == (case["deadline"], case["deadline_text"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["negative"]])
def test_it_finds_no_deadline_in_a_negative_case(case: dict[str, Any]) -> None:
    assert find_deadline(case["text"], YEAR) is None


def test_every_deadline_rule_has_a_case() -> None:
    used = {c["rule"] for cs in CASES["groups"].values() for c in cs}
    assert {r.name for r in DEADLINE_RULES} <= used


def test_a_target_without_a_time_word_is_due_at_the_end_of_the_plan_year() -> None:
    (reading,) = read("新增3家“专精特新”中小企业", YEAR)
    assert [(t.deadline, t.deadline_text) for t in reading.targets] == [(f"{YEAR}-12-31", "")]


def test_a_short_opening_clause_dates_the_whole_sentence() -> None:
    readings = read("到2027年，新建5G基站1000个", YEAR)
    assert [t.deadline for r in readings for t in r.targets] == ["2027-12-31"]


def test_a_time_word_of_another_clause_does_not_date_the_target() -> None:
    readings = read("启动创新基地污水处理厂建设，力争上半年动工建设，新建污水管网12公里", YEAR)
    assert [t.deadline for r in readings for t in r.targets] == [f"{YEAR}-12-31"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["horizons"]])
def test_it_reads_a_multi_year_horizon_and_no_deadline(case: dict[str, Any]) -> None:
    assert find_horizon(case["text"]) == (case["horizon"], case["rule"])
    assert find_deadline(case["text"], YEAR) is None


def test_every_horizon_rule_has_a_case() -> None:
    assert {r.name for r in HORIZON_RULES} == {c["rule"] for c in CASES["horizons"]}


def test_a_total_over_the_years_ahead_keeps_its_deadline() -> None:
    assert find_horizon("未来三年新建学校20所") is None
    assert find_deadline("未来三年新建学校20所", YEAR) == ("2027-12-31", "未来三年")
