"""Promises kept (兑现表): what next year's report says became of each target of the plan year.

One entry point, ``review(plan, next_report) -> Accountability``: for every target of ``plan`` the
review part of ``next_report`` is searched for a claim about the same indicator and year, and the
claim's figure is compared with the target (``../shared/eval/ACCOUNTABILITY.md``). The plan may be
extracted from the plan year's report, read from its ``plan/1`` JSON (``plan_from_dict``) or rebuilt
by the web app from its database; the next report is ``luoshi.report.parse`` of its file or bytes.
Pure: no file, no settings; the rules are data in ``luoshi.rules.accountability``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from luoshi.accountability.claims import Claim, find_claim, prepare
from luoshi.accountability.plan_json import plan_from_dict
from luoshi.accountability.review_part import NoReviewPart, review_sentences
from luoshi.plan import Plan, Target
from luoshi.report import Report

__all__ = ["SCHEMA", "Accountability", "Claim", "Item", "NoReviewPart", "plan_from_dict", "review"]

SCHEMA = "accountability/1"
VERDICTS = ("met", "missed", "unclear", "not_reported")


@dataclass(frozen=True)
class Item:
    """One row of the 兑现表: a target, the claim about it (or none) and the verdict (兑现情况)."""

    target: Target
    verdict: str  # met | missed | unclear | not_reported
    rule: str  # the rule that gave the verdict (floor, about, scope_differs, mention …)
    claim: Claim | None = None

    def to_dict(self) -> dict[str, Any]:
        t, c = self.target, self.claim
        out: dict[str, Any] = {
            "target": t.id, "section": t.section, "indicator": t.indicator, "kind": t.kind,
            "comparator": t.comparator, "value": t.value, "unit": t.unit,
            "claim": c.text if c else None,
            "actual": c.actual if c else None, "actual_unit": c.actual_unit if c else None,
            "verdict": self.verdict, "rule": self.rule,
        }
        if c is not None:
            out["figure"] = c.figure
            out["period"] = c.period
            out["claim_rule"] = c.rule
            out["claim_span"] = dict(c.span.__dict__)
        if t.span is not None:
            out["target_span"] = dict(t.span.__dict__)
        out["source_text"] = t.source_text
        return out


@dataclass(frozen=True)
class Accountability:
    """The 兑现表 of one plan year against next year's report."""

    issuer: str
    plan_year: int
    items: tuple[Item, ...]
    plan_source: str = ""
    next_report: str = ""  # the next report's source (file name)

    def count(self, verdict: str) -> int:
        return sum(1 for i in self.items if i.verdict == verdict)

    def to_dict(self) -> dict[str, Any]:
        """The ``accountability/1`` JSON object.

        >>> Accountability("河北省人民政府", 2025, ()).to_dict()["schema"]
        'accountability/1'
        """
        return {
            "schema": SCHEMA, "issuer": self.issuer or None, "plan_year": self.plan_year or None,
            "plan": self.plan_source, "next_report": self.next_report,
            "summary": {v: self.count(v) for v in VERDICTS},
            "items": [i.to_dict() for i in self.items],
        }


def review(plan: Plan, next_report: Report) -> Accountability:
    """The 兑现表 of ``plan`` from the review part of ``next_report`` (next year's report).

    Raises ``NoReviewPart`` (a ``LuoshiError``) when the next report reviews nothing.

    >>> from luoshi.document import Document
    >>> from luoshi.report import parse
    >>> plan = Plan("河北省人民政府", 2025, targets=(
    ...     Target("g1", "2", "地区生产总值", "growth", ">=", 5, "%", "2025-12-31", "", "地区生产总值增长5%以上"),
    ...     Target("g2", "2", "城镇调查失业率", "rate", "~", 5.5, "%", "2025-12-31", "", "城镇调查失业率5.5%左右"),
    ...     Target("g3", "2.8", "改造城镇老旧小区", "quantity", ">=", 500, "个", "2025-12-31", "", "")))
    >>> text = ("一、2025年工作回顾\\n过去一年，全省生产总值增长5.6%，城镇调查失业率稳步下降。\\n"
    ...         "二、2026年工作安排\\n地区生产总值增长5%以上。")
    >>> table = review(plan, parse(Document("2026.txt", "txt", text)))
    >>> [(i.target.indicator, i.verdict, i.claim and i.claim.text) for i in table.items]
    [('地区生产总值', 'met', '全省生产总值增长5.6%'), ('城镇调查失业率', 'unclear', '城镇调查失业率稳步下降'), \
('改造城镇老旧小区', 'not_reported', None)]
    """
    year = plan.year or (next_report.year - 1 if next_report.year else 0)
    prepared = prepare(review_sentences(next_report, year))
    items = []
    for target in plan.targets:
        verdict, rule, claim = find_claim(target, prepared, next_report)
        items.append(Item(target, verdict, rule, claim))
    return Accountability(plan.issuer or next_report.issuer, year, tuple(items), plan.source,
                          next_report.document.source)
