"""The review part of next year's report (工作回顾) as sentences, each knowing the period it speaks of.

A report's review may cover the plan year alone (2025年工作回顾) or the plan year and the five-year
period that ends with it (2025年和“十四五”时期工作回顾). Figures of the period are no outcome of the
year unless they are levels reached at its end (ACCOUNTABILITY.md), so every sentence carries its
period: ``year`` or ``five_years``, from the cues of ``luoshi.rules.accountability.PERIOD_CUES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from luoshi import rx
from luoshi.errors import LuoshiError
from luoshi.plan import Section
from luoshi.report import Report
from luoshi.rules.review_claims import PERIOD_CUES, PeriodCue

_SENTENCE = rx.compile(r"[^。！？!?\n]+[。！？!?]?")
_SPACE = " \t\u3000\u00a0\r"


class NoReviewPart(LuoshiError):
    """The next report has no part that reviews the plan year (没有工作回顾部分)."""


@dataclass(frozen=True)
class ReviewSentence:
    """A sentence of the review (回顾句): its text, offset in the normalised text and period."""

    text: str
    start: int
    period: str  # "year" | "five_years"
    section: str  # id of the innermost review section holding it


@cache
def _cues(year: int) -> list[tuple[re.Pattern[str], PeriodCue]]:
    return [(rx.compile(c.pattern.replace("{year}", str(year))), c) for c in PERIOD_CUES]


def period_cue(text: str, year: int) -> PeriodCue | None:
    """The first period cue of a sentence (时段提示), if any.

    >>> period_cue("这是经济实力持续提升的五年。", 2025).name
    'five_years'
    >>> period_cue("地区生产总值增长5.6%。", 2025) is None
    True
    """
    found = [(m.start(), i) for i, (pattern, _) in enumerate(_cues(year)) if (m := pattern.search(text))]
    return _cues(year)[min(found)[1]][1] if found else None


def period_of(text: str, year: int, current: str) -> str:
    """The period a sentence speaks of: its first period cue's, else the one before it (``current``).

    >>> period_of("这是经济实力持续提升的五年。", 2025, "year")
    'five_years'
    >>> period_of("刚刚过去的2025年，我们顶住压力。", 2025, "five_years")
    'year'
    >>> period_of("刚刚过去的一年，是“十四五”收官之年。", 2025, "five_years")
    'year'
    >>> period_of("地区生产总值增长5.6%。", 2025, "five_years")
    'five_years'
    """
    cue = period_cue(text, year)
    return cue.period if cue else current


def review_sections(report: Report) -> list[Section]:
    """The sections of the review part, in text order; ``NoReviewPart`` when there are none."""
    sections = [s for s in report.structure.sections if s.part == "review"]
    if not sections:
        raise NoReviewPart(f"{report.document.source}: 没有找到回顾上一年工作的部分 (如“2025年工作回顾”), "
                           f"无法对照上一年的目标")
    return sorted(sections, key=lambda s: s.start)


def review_sentences(report: Report, year: int) -> list[ReviewSentence]:
    """The sentences of the review part of ``report``, which reviews plan year ``year``.

    >>> from luoshi.document import Document
    >>> from luoshi.report import parse
    >>> text = ("一、2025年和“十四五”时期工作回顾\\n一年来，地区生产总值增长5.6%。\\n这是发展的五年。\\n"
    ...         "粮食产量稳定在760亿斤以上。\\n二、2026年工作安排\\n增长5%。")
    >>> [(s.text, s.period) for s in review_sentences(parse(Document("报告.txt", "txt", text)), 2025)][1:]
    [('一年来，地区生产总值增长5.6%。', 'year'), ('这是发展的五年。', 'five_years'), \
('粮食产量稳定在760亿斤以上。', 'five_years')]
    """
    text = report.text
    out: list[ReviewSentence] = []
    period = "year"
    for section in review_sections(report):
        if section.parent is None:
            # A review titled by the period alone (“十四五”时期经济社会发展回顾) speaks of it until a cue
            # says otherwise; one that names the plan year (2025年和“十四五”时期工作回顾) of the year.
            period = "year" if f"{year}年" in section.title else period_of(section.title, year, "year")
        end = section.end if section.end > section.start else len(text)
        for m in _SENTENCE.finditer(text, section.start, end):
            body = m.group(0)
            stripped = body.strip(_SPACE)
            if not stripped:
                continue
            if not (section.parent is None and m.start() == section.start):  # its title was read above
                period = period_of(stripped, year, period)
            lead = len(body) - len(body.lstrip(_SPACE))
            out.append(ReviewSentence(stripped, m.start() + lead, period, section.id))
    return out
