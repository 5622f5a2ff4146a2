"""Tasks (luoshi/extract/tasks.py, rules in luoshi/rules/actions.py): each actionable clause is a task."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rule_cases import load

from luoshi.extract import Draft, extract, extract_file
from luoshi.extract.targets import read_sentence
from luoshi.extract.tasks import firmness_of, split_clauses
from luoshi.plan import Plan
from luoshi.report import parse
from luoshi.rules.actions import CONTINUATION_RULES, OPENER_RULES, SKIP_RULES, STRUCTURE_RULES, VERB_RULES, skip_rule

CASES = load("actions")
YEAR = CASES["year"]
DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"


def target_starts(text: str) -> tuple[int, ...]:
    """Where the targets of a case sentence start, as find_tasks passes them from the target stage."""
    return tuple(t.start for r in read_sentence(text, YEAR, seen=set()) for t in r.targets)


def positive() -> list[Any]:
    return [pytest.param(c, id=f"{g}: {c['name']}") for g, cs in CASES["groups"].items() for c in cs]


@pytest.fixture(scope="module")
def demo() -> Plan:
    return extract_file(DEMO)


@pytest.mark.parametrize("case", positive())
def test_it_splits_a_sentence_into_its_tasks(case: dict[str, Any]) -> None:
    clauses = split_clauses(case["text"], target_starts(case["text"]))
    assert [c.text for c in clauses] == case["tasks"]
    assert case["rule"] in {r for c in clauses for r in c.rules}


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES["negative"]])
def test_it_finds_no_task_in_a_negative_case(case: dict[str, Any]) -> None:
    assert split_clauses(case["text"], target_starts(case["text"])) == []
    assert skip_rule(case["text"]) == case.get("rule")


def test_case_names_are_unique() -> None:
    names = [c["name"] for cs in CASES["groups"].values() for c in cs] + [c["name"] for c in CASES["negative"]]
    assert len(names) == len(set(names))


def test_every_named_rule_is_exercised_by_some_case() -> None:
    fired = {r for cs in CASES["groups"].values() for c in cs
             for clause in split_clauses(c["text"], target_starts(c["text"])) for r in clause.rules}
    fired |= {skip_rule(c["text"]) for c in CASES["negative"]}
    rules = (*VERB_RULES, *OPENER_RULES, *CONTINUATION_RULES, *STRUCTURE_RULES, *SKIP_RULES)
    assert {r.name for r in rules} - fired == set()


def test_it_reads_firmness_from_the_task_text() -> None:
    texts = ("确保流域水质稳定达标", "力争上半年动工建设", "争取国家资金", "持续完善污水管网")
    assert [firmness_of(t) for t in texts] == ["binding", "stretch", "stretch", "plain"]


def test_each_task_takes_the_deadline_of_its_own_text_else_the_year_end(demo: Plan) -> None:
    by_text = {t.text: t for t in demo.tasks}
    first = by_text["力争第一季度完成基地（东片区）1230亩土地平整"]
    assert (first.deadline, first.deadline_text, first.firmness) == ("2025-03-31", "第一季度", "stretch")
    plain = by_text["持续完善污水管网，全力推动农村生活污水治理全覆盖，不断提高城乡污水处理能力"]
    assert (plain.deadline, plain.deadline_text) == ("2025-12-31", "")


def test_every_demo_target_is_linked_to_the_task_that_holds_it(demo: Plan) -> None:
    tasks = {t.id: t for t in demo.tasks}
    for target in demo.targets:
        assert target.task in tasks, target
        task = tasks[target.task]
        assert target.id in task.targets
        assert task.span and target.span and task.span.start <= target.span.start < task.span.end


def test_tasks_are_numbered_in_reading_order_with_their_sections(demo: Plan) -> None:
    assert [t.id for t in demo.tasks] == [f"t{i}" for i in range(1, len(demo.tasks) + 1)]
    starts = [t.span.start for t in demo.tasks if t.span]
    assert starts == sorted(starts)
    assert {t.section for t in demo.tasks} <= {s.id for s in demo.sections}


def test_a_task_text_is_its_span_of_the_normalised_text() -> None:
    report = parse(DEMO)
    plan = extract(report)
    assert all(report.text[t.span.start:t.span.end] == t.text for t in plan.tasks if t.span)


def test_headings_yield_no_row_and_are_skipped_as_headings(demo: Plan) -> None:
    texts = [t.text for t in demo.tasks]
    assert not any(t.startswith(("加强产业平台建设", "(一)", "一是")) for t in texts)
    skipped = {s.text: s.reason for s in demo.skipped}
    assert skipped["(一)加强产业平台建设。"] == "heading" and skipped["一是加强党的全面领导。"] == "heading"


def test_the_review_part_of_a_report_yields_no_task() -> None:
    from luoshi.document import Document

    text = ("一、2024年工作回顾\n过去一年,我们建成水口码头,完成投资10亿元。\n"
            "二、2025年工作安排\n(一)抓项目。启动西园路建设。")
    plan = extract(parse(Document("报告.txt", "txt", text), year=2025))
    assert [(t.section, t.text) for t in plan.tasks] == [("2.1", "启动西园路建设")]


def test_a_draft_without_sentences_has_no_tasks() -> None:
    from luoshi.document import Document
    from luoshi.extract.tasks import find_tasks

    draft = Draft(parse(Document("空.txt", "txt", "各位代表"), year=2025))
    assert find_tasks(draft).tasks == ()


def test_every_deadline_case_holds_a_time_char_so_the_prefilter_loses_none() -> None:
    from luoshi.extract.tasks import TIME_CHARS

    cases = load("deadlines")
    assert all(TIME_CHARS.search(c["text"]) for cs in cases["groups"].values() for c in cs)


@pytest.mark.parametrize("module", [
    "luoshi.rules.actions", "luoshi.rules.projects", "luoshi.rules.catalogues", "luoshi.extract.tasks",
    "luoshi.rules.rows", "luoshi.extract.rows", "luoshi.departments", "luoshi.extract.clauses",
    "luoshi.extract.milestones", "luoshi.extract.projects", "luoshi.extract.departments", "luoshi.export",
    "luoshi.export.markdown", "luoshi.export.xlsx", "luoshi.commands.extract",
])
def test_the_doctests_of_the_plan_modules_pass(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0, result
