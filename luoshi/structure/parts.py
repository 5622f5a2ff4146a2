"""Parts (部分): which top-level sections review last year and which plan the year ahead.

A heading that says it reviews (2024年工作回顾) makes a review; one that says it plans (2025年工作
安排, 政府自身建设) a plan. A heading in words that says neither (牢记殷殷嘱托…取得新成效) is judged
by what its part says: results (一年来, 取得了, 增长5.8%, 获评) rather than commitments (今年, 力争,
确保, 要) make a review, as long as only reviews came before it (a report reviews before it plans).
Appendices are part "appendix", a 名词解释 part "glossary"; the preface before a review is "preface".
"""

from __future__ import annotations

from luoshi.plan import Section, evolve
from luoshi.rules import headings as rules


def reads_past(text: str) -> bool:
    """Whether a stretch of text reports results rather than commits (读来是回顾).

    >>> reads_past("一年来，地区生产总值增长5.8%，首次突破万亿元，取得了新成效。粮食产量达到400亿斤，增长2%。")
    True
    >>> reads_past("今年要加快建设，力争增长5%，确保完成任务。")
    False
    """
    past = len(rules.PAST_CUES.findall(text))
    return past >= rules.PAST_MIN and past >= rules.PAST_RATIO * len(rules.PLAN_CUES.findall(text))


def with_parts(text: str, sections: list[Section]) -> list[Section]:
    """The sections with their ``part`` set (review, plan, preface, appendix, glossary)."""
    part_of: dict[str, str] = {}
    tops = [s for s in sections if s.parent is None and s.id != "0" and not s.id.startswith("A")]
    ends = [*sorted(s.start for s in sections if s.parent is None), len(text)]  # a part runs to the next one
    leading = True  # only reviews so far: a heading in words may still be one
    for s in sections:
        if s.parent is not None:
            part_of[s.id] = part_of[s.parent]
        elif s.id.startswith("A"):
            part_of[s.id] = "glossary" if rules.GLOSSARY.search(s.title) else "appendix"
        elif s.id != "0":
            end = next((e for e in ends if e > s.start), len(text))
            if rules.REVIEW.search(s.title):
                part_of[s.id] = "review"
            elif leading and not rules.PLAN.search(s.title) and reads_past(text[s.start:end]):
                part_of[s.id] = "review"
            else:
                part_of[s.id] = "plan"
            leading = leading and part_of[s.id] == "review"
    first_top = next((part_of[s.id] for s in tops), "plan")
    # The greeting before a review is no part of the plan; a preface that opens the plan is.
    part_of["0"] = "preface" if first_top == "review" else "plan"
    return [evolve(s, part=part_of[s.id]) for s in sections]


def plan_start(sections: list[Section]) -> int:
    """Where the plan begins: the first top-level plan heading after a review; 0 with no review."""
    if not any(s.part == "review" for s in sections):
        return 0
    seen_review = False
    for s in sections:
        seen_review = seen_review or s.part == "review"
        if seen_review and s.parent is None and s.part == "plan":
            return s.start
    return max(s.end for s in sections if s.part == "review")
