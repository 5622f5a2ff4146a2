"""The 兑现 rules (luoshi/rules/accountability.py, review_claims.py) against their cases
(tests/core/cases/accountability_cases.json).

Each case is one target of plan year 2025 and the review part of the next report: the case gives the verdict,
the rule that gave it, the exact claim and its figure. Negative cases find no claim at all. The meta-tests keep
the table and the cases in step: every named rule fires on some case.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from rule_cases import load

from luoshi.accountability import Item, review
from luoshi.accountability.figures import figures_of
from luoshi.accountability.matching import key_of, rewrites_fired
from luoshi.accountability.review_part import period_cue, review_sentences
from luoshi.document import Document
from luoshi.plan import Plan, Target
from luoshi.report import Report, parse
from luoshi.rules import accountability as rules
from luoshi.rules import review_claims

CASES = load("accountability")
YEAR = CASES["year"]
# Verdict rules and claim rules: the names ``review`` gives besides those of the tables.
VERDICT_RULES = {"floor", "about", "about_ceiling", "ceiling", "decrease", "completion", "bound_below_target",
                 "scope_differs", "part_of_whole", "quoted_kind", "flow_vs_stock", "not_comparable", "magnitude",
                 "mention", "not_found", "other_period", "stage_differs", "related_wording"}
CLAIM_RULES = {"figure", "period_level", "completion", "not_comparable", "mention", "magnitude", "counted_list",
               "related_wording"}


def target_of(case: dict[str, Any]) -> Target:
    t = case["target"]
    return Target("g1", "2", t["indicator"], t["kind"], t["comparator"], t["value"], t["unit"], f"{YEAR}-12-31", "",
                  t.get("source_text", ""))


def report_of(case: dict[str, Any]) -> Report:
    """The next report of a case: its review under a title, then a plan part that must not be read."""
    title = case.get("title", f"{YEAR}年工作回顾")
    plan = case.get("plan", "地区生产总值增长5%左右。")
    text = f"各位代表：\n一、{title}\n{case['review']}\n二、{YEAR + 1}年工作安排\n{plan}\n"
    return parse(Document("next.txt", "txt", text))


def run(case: dict[str, Any]) -> Item:
    return review(Plan("某省人民政府", YEAR, targets=(target_of(case),)), report_of(case)).items[0]


def fired(case: dict[str, Any]) -> set[str]:
    """Every rule name that fires on a case: rewrites, period and figure cues, scopes, the verdict and claim rules."""
    target, report = target_of(case), report_of(case)
    names = set(rewrites_fired(target.indicator)) | set(rewrites_fired(case["review"]))
    sentences = review_sentences(report, YEAR)
    names |= {cue.name for s in sentences if (cue := period_cue(s.text, YEAR))}
    names |= {f.excluded for s in sentences for f in figures_of(s) if f.excluded}
    key = key_of(target)
    if key.scope:
        names.add(key.scope[0])
    if key.stage:
        names.add(key.stage)
    item = run(case)
    if item.rule == "related_wording":
        names |= {r.name for r in rules.RELATED if re.search(r.target, key.noun)}
    names.add(item.rule)
    if item.claim:
        names.add(item.claim.rule)
    return names


def positive_params() -> list[Any]:
    return [pytest.param(case, id=f"{group}: {case['name']}") for group, cases in CASES["groups"].items()
            for case in cases]


def negative_params() -> list[Any]:
    return [pytest.param(case, id=f"negative: {case['name']}") for case in CASES["negative"]]


@pytest.mark.parametrize("case", positive_params())
def test_it_finds_the_claim_and_gives_the_verdict(case: dict[str, Any]) -> None:
    item = run(case)
    assert (item.verdict, item.rule) == (case["verdict"], case["rule"]), item
    assert item.claim is not None and item.claim.text == case["claim"]
    assert item.claim.actual == case.get("actual")
    assert set(case.get("fires", ())) <= fired(case)


@pytest.mark.parametrize("case", negative_params())
def test_it_finds_no_claim_in_a_negative_case(case: dict[str, Any]) -> None:
    item = run(case)
    assert (item.verdict, item.claim) == ("not_reported", None), item
    assert item.rule == case.get("rule", item.rule)
    assert set(case.get("fires", ())) <= fired(case)


def test_case_names_are_unique_and_there_are_negative_cases() -> None:
    names = [c["name"] for cs in CASES["groups"].values() for c in cs] + [c["name"] for c in CASES["negative"]]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert CASES["negative"] and YEAR == 2025


def test_every_named_rule_is_exercised_by_some_case() -> None:
    seen: set[str] = set()
    for case in [c for cs in CASES["groups"].values() for c in cs] + CASES["negative"]:
        seen |= fired(case)
    named = {r.name for r in rules.SYNONYMS} | {s.name for s in rules.SCOPES} | {s.name for s in rules.STAGES}
    named |= {r.name for r in rules.RELATED}
    named |= {c.name for c in review_claims.PERIOD_CUES}
    named |= {c.name for c in review_claims.NOT_THIS_YEAR} | review_claims.OTHER_PERIOD | VERDICT_RULES | CLAIM_RULES
    assert named - seen == set()


def test_every_verdict_rule_has_words_for_the_table_people_read() -> None:
    from luoshi.export.accountability import RULE_WORDS

    assert VERDICT_RULES - set(RULE_WORDS) == set()
