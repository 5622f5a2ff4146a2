"""Departments (luoshi/extract/departments.py, catalogue in luoshi/rules/departments.py): a suggested lead
and co-operating offices per task, from a catalogue chosen by the issuer's level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rule_cases import load

from luoshi.extract import extract_file
from luoshi.extract.departments import GENERAL_OFFICE, suggest
from luoshi.plan import Plan
from luoshi.rules.departments import DOMAINS, LEVELS, level_of

CASES = load("departments")
DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"


def positive() -> list[Any]:
    return [pytest.param(c, id=f"{g}: {c['name']}") for g, cs in CASES["groups"].items() for c in cs]


@pytest.mark.parametrize("case", positive())
def test_it_suggests_the_office_of_the_domain_at_the_level(case: dict[str, Any]) -> None:
    s = suggest(case["text"], case["level"])
    assert s.domains[0] == case["domain"]
    assert (s.lead, list(s.cooperating)) == (case["lead"], case["cooperating"])
    assert 0 < s.confidence <= 1


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["negative"]])
def test_a_task_no_cue_speaks_for_goes_to_the_general_office_with_low_confidence(case: dict[str, Any]) -> None:
    s = suggest(case["text"], case["level"])
    assert (s.lead, s.cooperating, s.confidence) == (GENERAL_OFFICE[case["level"]], (), 0.1)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["issuer"] or "(none)") for c in CASES["levels"]])
def test_it_reads_the_level_from_the_issuer(case: dict[str, str]) -> None:
    assert level_of(case["issuer"]) == case["level"]


def test_case_names_are_unique() -> None:
    names = [c["name"] for cs in CASES["groups"].values() for c in cs] + [c["name"] for c in CASES["negative"]]
    assert len(names) == len(set(names))


def test_every_domain_leads_some_case() -> None:
    led = {c["domain"] for cs in CASES["groups"].values() for c in cs}
    assert {d.name for d in DOMAINS} - led == set()


def test_every_domain_names_an_office_at_every_level_and_weights_its_cues() -> None:
    for domain in DOMAINS:
        assert all(domain.office(level) for level in LEVELS), domain.name
        assert all(w in (1, 2, 3) and cue for cue, w in domain.cues), domain.name


def test_the_same_task_gets_the_office_of_each_level() -> None:
    text = "扎实抓好安全生产和灾害防范应对"
    assert [suggest(text, level).lead for level in LEVELS] == ["应急管理办(安全生产)", "应急管理局", "省应急管理厅"]


def test_the_section_title_counts_as_context() -> None:
    assert suggest("完善执法监控设施设备", "town").lead == "综合行政执法办"
    assert suggest("持续完善设施设备", "town", context="深化平安水口建设").lead == "综治办(信访)"


def test_every_demo_task_gets_a_lead_from_the_town_catalogue() -> None:
    plan: Plan = extract_file(DEMO)
    town = {d.town for d in DOMAINS} | {GENERAL_OFFICE["town"]}
    assert all(t.lead in town and set(t.cooperating) <= town for t in plan.tasks)
    assert all(t.lead not in t.cooperating for t in plan.tasks)
    claimed = [t for t in plan.tasks if t.confidence > 0.1]
    assert len(claimed) / len(plan.tasks) >= 0.8  # the catalogue speaks for most tasks of a town report


def test_scores_count_each_cue_once_as_plain_substring_tests_would() -> None:
    from luoshi.extract.departments import scores

    for case in (c for cs in CASES["groups"].values() for c in cs):
        text = case["text"] + "招商引资项目招商"
        expected: dict[str, float] = {}
        for d in DOMAINS:
            score = sum(w for cue, w in d.cues if cue in text)
            if score:
                expected[d.name] = score
        assert scores(text) == expected
