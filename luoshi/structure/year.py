"""The plan year (计划年度): what the plan part says of itself, the report's title, never the first year named.

In order: the plan heading after a review (二、2025年工作安排); a year that introduces itself in
the plan part (2025年是…, 2025年…主要预期目标); 今年 placed in a five-year plan (今年是“十四五”规划
收官之年 → 2025); the report's title or the date it was given (2025年广东省政府工作报告, 2025年1月15日
在…人民代表大会); a year in a plan heading; the reviewed year + 1; the year the plan part names most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from luoshi import rx
from luoshi.plan import Section
from luoshi.rules import headings as rules

_YEAR = rx.compile(r"(?<!\d)(20\d\d)年")  # 2025年; (?<!\d) keeps 12025 out
_YEAR_IS = rx.compile(r"(?<!\d)(20\d\d)年是")  # 2025年是“十四五”规划收官之年
_TARGETS_YEAR = rx.compile(r"(?<!\d)(20\d\d)年[^。\n]{0,12}?预期目标")  # 2025年全镇…主要预期目标


@dataclass(frozen=True)
class YearEvidence:
    """What the text says of its plan year (计划年度的依据): each source's year, None where silent."""

    heading: int | None = None  # the plan heading after a review
    plan_says: int | None = None  # 2025年是… / 2025年…预期目标 in the plan part
    this_year: int | None = None  # 今年是“十四五”…收官之年
    title: int | None = None  # the report's title or the date it was given
    plan_headings: int | None = None  # a year in a plan part's heading (三、2025年重点工作)
    review: int | None = None  # the reviewed year + 1
    frequent: int | None = None  # the year the plan part names most

    def year(self) -> int | None:
        for found in (self.heading, self.plan_says, self.this_year, self.title, self.plan_headings, self.review,
                      self.frequent):
            if found is not None:
                return found
        return None


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    return int(found[1]) if found else None


def _latest(pattern: re.Pattern[str], text: str) -> int | None:
    """The latest year a pattern finds: a plan part that still holds last year (2024年是…) names this one later."""
    years = [int(y) for y in pattern.findall(text)]
    return max(years) if years else None


def this_year(text: str) -> int | None:
    """今年是“十四五”规划收官之年 → 2025: 今年 placed in a five-year plan (五年规划).

    >>> this_year("今年是“十四五”规划收官之年，也是“十五五”谋划之年"), this_year("今年是“十五五”开局之年")
    (2025, 2026)
    >>> this_year("今年是关键一年") is None
    True
    """
    found = rules.THIS_YEAR_IN_PERIOD.search(text)
    if not found:
        return None
    n = 10 + rules.numeral_value(found["period"])  # 十四五 → 14: the n-th plan runs 1951 + 5n … 1955 + 5n
    return 1955 + 5 * n if found["end"] else 1951 + 5 * n


def year_evidence(text: str, sections: list[Section], plan_start: int) -> YearEvidence:
    plan_end = next((s.start for s in sections if s.part in ("appendix", "glossary")), len(text))
    plan = text[plan_start:plan_end]
    # After a review, the plan heading names its year (二、2025年工作安排); without one, a year in a
    # heading is as likely a horizon (到2035年) as the plan year.
    heading = next((s.title for s in sections if s.start == plan_start and s.parent is None), "") if plan_start else ""
    plan_titles = "\n".join(s.title for s in sections if s.parent is None and s.part == "plan" and s.id != "0")
    review = next((s.title for s in sections if s.part == "review"), "")
    years = Counter(_YEAR.findall(plan)).most_common(1)
    reviewed = _first(_YEAR, review)
    return YearEvidence(
        heading=_first(_YEAR, heading),
        plan_says=_latest(_YEAR_IS, plan) or _latest(_TARGETS_YEAR, plan),
        this_year=this_year(plan),
        title=_first(rules.TITLE_YEAR, text[:rules.TITLE_SPAN]),
        plan_headings=_first(_YEAR, plan_titles) if plan_start else None,
        review=reviewed + 1 if reviewed else None,
        frequent=int(years[0][0]) if years else None,
    )
