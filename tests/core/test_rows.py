"""Rows (luoshi/extract/rows.py, rules in luoshi/rules/rows.py): the task table as an office writes it, every
sentence of the plan part in a row or skipped with its reason (../shared/eval/TASKS.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rule_cases import load

from luoshi.cli import main
from luoshi.document import Document
from luoshi.extract import Options, extract, extract_file
from luoshi.plan import Plan
from luoshi.report import parse
from luoshi.rules.rows import REASONS, SKIP_RULES

CASES = load("rows")
DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"
HEADING = "一、2025年工作安排\n"


def cut(text: str, rows: str = "sentence") -> Plan:
    return extract(parse(Document("t.txt", "txt", HEADING + text), year=CASES["year"]), Options(rows=rows))


def params(section: str) -> list[Any]:
    return [pytest.param(c, id=f"{g}: {c['name']}") for g, cs in CASES[section].items() for c in cs]


@pytest.fixture(scope="module")
def demo() -> Plan:
    return extract_file(DEMO)


@pytest.mark.parametrize("case", params("rows"))
def test_it_cuts_a_passage_into_the_rows_an_office_writes(case: dict[str, Any]) -> None:
    plan = cut(case["text"])
    assert [t.text for t in plan.tasks] == case["rows"]
    assert [[s.text, s.reason] for s in plan.skipped if s.text != HEADING.strip()] == case["skipped"]


@pytest.mark.parametrize("case", params("skipped"))
def test_it_skips_a_sentence_that_commits_to_nothing_with_its_reason(case: dict[str, Any]) -> None:
    plan = cut(case["text"])
    skipped = [[s.text, s.reason] for s in plan.skipped if s.text != HEADING.strip()]
    assert skipped == case["skipped"] and [t.text for t in plan.tasks] == case["rows"]


def test_every_skip_reason_has_a_case() -> None:
    assert set(CASES["skipped"]) == set(REASONS) == {"heading", *(r.name for r in SKIP_RULES)}
    fired = {reason for cs in CASES["skipped"].values() for c in cs for _, reason in c["skipped"]}
    assert fired == set(REASONS)


def test_every_sentence_of_the_plan_part_is_in_a_row_or_skipped(demo: Plan) -> None:
    report = parse(DEMO)
    spans = sorted([(t.span.start, t.span.end) for t in demo.tasks if t.span]
                   + [(s.span.start, s.span.end) for s in demo.skipped if s.span])
    plan_text = report.text[report.structure.plan_start:]
    covered = "".join(report.text[a:b] for a, b in spans)
    hanzi = [ch for ch in plan_text if "\u4e00" <= ch <= "\u9fff"]
    assert sum(1 for ch in covered if "\u4e00" <= ch <= "\u9fff") >= 0.97 * len(hanzi)


def test_a_row_keeps_its_targets_deadline_and_firmness(demo: Plan) -> None:
    by_text = {t.text: t for t in demo.tasks}
    row = by_text["力争第一季度完成基地（东片区）1230亩土地平整"]
    assert (row.deadline, row.firmness, len(row.targets)) == ("2025-03-31", "stretch", 1)
    targets = {g.id: g for g in demo.targets}
    assert all(targets[g].task == t.id for t in demo.tasks for g in t.targets)


def test_the_clause_cut_is_finer_and_still_accounts_for_every_sentence() -> None:
    text = "加大招商引资力度,创新招商引资方式,拓宽招商引资渠道。2025年是收官之年。"
    plan = cut(text, rows="clause")
    assert [t.text for t in plan.tasks] == ["加大招商引资力度", "创新招商引资方式", "拓宽招商引资渠道"]
    assert [s.reason for s in plan.skipped if s.text != HEADING.strip()] == ["assessment"]


def test_the_demo_has_about_one_row_per_sentence_and_fewer_than_the_clause_cut(demo: Plan) -> None:
    clauses = extract_file(DEMO, options=Options(rows="clause"))
    assert 60 <= len(demo.tasks) <= 90 < len(clauses.tasks)


def test_the_plan_json_lists_the_skipped_sentences_with_reason_and_span(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(DEMO)]) == 0
    skipped = json.loads(capsys.readouterr().out)["skipped"]
    assert {"text", "reason", "span", "section"} <= set(skipped[0])
    assert {s["reason"] for s in skipped} >= {"heading", "assessment", "transition"}


def test_the_rows_option_chooses_the_cut(capsys: pytest.CaptureFixture[str]) -> None:
    counts = []
    for mode in ("sentence", "clause"):
        assert main(["extract", str(DEMO), "--rows", mode]) == 0
        counts.append(len(json.loads(capsys.readouterr().out)["tasks"]))
    assert counts[0] < counts[1]


def test_the_outline_lists_the_skipped_sentences_with_their_reason(demo: Plan) -> None:
    from luoshi.export.markdown import to_markdown

    md = to_markdown(demo)
    assert "## 未列为任务的句子" in md and "- [形势判断] 2025年是“十四五”规划收官之年" in md
