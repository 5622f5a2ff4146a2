"""Departments (luoshi/extract/departments.py; fields in luoshi/rules/departments.py, built-in lists in
luoshi/rules/catalogues.py): a suggested lead and cooperating units per row, always from one list: the
office's own (``--departments``) or the built-in catalogue of the issuer's level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rule_cases import load

from luoshi.departments import parse_departments
from luoshi.extract import Options, extract_file
from luoshi.extract.departments import Assigner, catalogue_assigner, scores, suggest
from luoshi.plan import Plan
from luoshi.rules.catalogues import LEVELS, catalogue, level_of
from luoshi.rules.departments import DOMAINS

CASES = load("departments")
DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"


def positive() -> list[Any]:
    return [pytest.param(c, id=f"{g}: {c['name']}") for g, cs in CASES["groups"].items() for c in cs]


@pytest.mark.parametrize("case", positive())
def test_it_suggests_the_unit_that_carries_the_field_at_the_level(case: dict[str, Any]) -> None:
    s = suggest(case["text"], case["level"], case.get("context", ""))
    assert (s.domains[0] if s.domains else None) == case["domain"]
    assert (s.lead, list(s.cooperating)) == (case["lead"], case["cooperating"])
    assert 0 < s.confidence <= 1


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["negative"]])
def test_a_row_no_cue_speaks_for_goes_to_the_general_office_with_low_confidence(case: dict[str, Any]) -> None:
    s = suggest(case["text"], case["level"])
    assert (s.lead, s.cooperating, s.confidence) == (catalogue_assigner(case["level"]).general, (), 0.1)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["lists"]])
def test_it_takes_leads_and_cooperating_units_from_the_offices_own_list(case: dict[str, Any]) -> None:
    departments = parse_departments(case["list"])
    s = Assigner(departments).suggest(case["text"])
    assert (s.lead, list(s.cooperating)) == (case["lead"], case["cooperating"])
    assert {s.lead, *s.cooperating} <= set(departments.names)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["issuer"] or "(none)") for c in CASES["levels"]])
def test_it_reads_the_level_from_the_issuer(case: dict[str, str]) -> None:
    assert level_of(case["issuer"]) == case["level"]


def test_case_names_are_unique() -> None:
    names = [c["name"] for cs in CASES["groups"].values() for c in cs] + [c["name"] for c in CASES["negative"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("level", LEVELS)
def test_every_catalogue_has_a_general_office_and_no_name_twice(level: str) -> None:
    names = catalogue(level)
    assert len(names) == len(set(names))
    assert catalogue_assigner(level).general in names


def test_the_national_catalogue_names_departments_as_the_state_council_does() -> None:
    wanted = {"国家发展改革委", "人力资源社会保障部", "市场监管总局", "国务院国资委", "国家医保局"}
    assert wanted <= set(catalogue("national"))
    assert suggest("加强职业技能培训", "national").lead == "人力资源社会保障部"


def test_a_province_an_autonomous_region_and_a_municipality_name_their_own_departments() -> None:
    text = "扎实抓好安全生产和灾害防范应对"
    assert [suggest(text, level).lead for level in ("province", "region", "municipality")] == [
        "省应急管理厅", "自治区应急管理厅", "市应急管理局"]


def test_a_county_prefixes_its_bureaus_with_its_own_kind() -> None:
    assert suggest("加强职业技能培训", "county", issuer="越秀区人民政府").lead == "区人力资源和社会保障局"


def test_every_field_weights_its_cues_and_names_a_unit_pattern() -> None:
    for domain in DOMAINS:
        assert domain.units and all(w in (1, 2, 3) and cue for cue, w in domain.cues), domain.name


def test_every_demo_row_gets_its_units_from_the_given_list() -> None:
    names = ["党政办", "党建办", "经济发展办", "规划建设办", "农业农村办", "综治办", "应急管理办", "社会事务办",
             "财政所", "文化站", "自然资源所", "生态环境办", "综合行政执法队"]
    plan: Plan = extract_file(DEMO, options=Options(departments=parse_departments("\n".join(names))))
    assert all(t.lead in names and set(t.cooperating) <= set(names) for t in plan.tasks)
    assert all(t.lead not in t.cooperating for t in plan.tasks)
    claimed = [t for t in plan.tasks if t.confidence > 0.1]
    assert len(claimed) / len(plan.tasks) >= 0.9


def test_without_a_list_the_demo_gets_the_town_catalogue() -> None:
    plan: Plan = extract_file(DEMO)
    assert {t.lead for t in plan.tasks} <= set(catalogue("town"))


def test_a_cue_counts_at_most_twice() -> None:
    assert scores("扩大就业容量、提升就业质量、稳定就业岗位") == {"employment": 6}
    assert scores("促进就业") == {"employment": 3}
