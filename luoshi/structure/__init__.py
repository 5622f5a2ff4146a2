"""Structure (结构): the section tree, the review and plan parts, the plan year, the issuer, and doubts.

Headings are found line by line (``headings``: 一、, （一）, a 一是 line standing alone, part headings
with no numeral, 附件 and 名词解释), in the order GUIDELINES.md gives ids by. Section "0" is the text
before the first top-level heading, titled by what it holds (总体要求和主要预期目标 in the demo report;
前言 for a greeting and a title page). Which top-level sections review last year is read from their
headings, or from what they say when the heading is in words (``parts``); the plan begins at the
next top-level heading (``plan_start``). The plan year is what the plan part says of itself (``year``).
Wherever the tree looks wrong, a ``structure_doubt`` warning says why (``doubts``).
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.plan import Section, Warning, evolve
from luoshi.rules import headings as rules
from luoshi.structure.doubts import structure_doubts
from luoshi.structure.headings import find_headings
from luoshi.structure.issuer import find_issuer
from luoshi.structure.parts import plan_start as find_plan_start
from luoshi.structure.parts import with_parts
from luoshi.structure.year import year_evidence

__all__ = ["Structure", "parse_structure"]


@dataclass(frozen=True)
class Structure:
    """The structure of a report (报告结构): its sections in text order, plan year, issuer, plan start."""

    sections: tuple[Section, ...]
    year: int | None  # the plan year (计划年度)
    issuer: str | None  # e.g. 水口镇人民政府
    plan_start: int  # offset in the normalised text where the plan for the year begins (0 when no review part)
    doubts: tuple[Warning, ...] = ()  # structure_doubt warnings: where the tree may be wrong, and why


def parse_structure(text: str) -> Structure:
    """Find the headings of a normalised report (章节结构), its plan year, its issuer and any doubt.

    >>> s = parse_structure("2025年是关键一年。\\n一、推动产业攀高向强\\n(一)加强平台建设。按照布局推进。")
    >>> [(x.id, x.title) for x in s.sections], s.year
    ([('0', '前言'), ('1', '推动产业攀高向强'), ('1.1', '加强平台建设')], 2025)
    >>> s = parse_structure("一、2024年工作回顾\\n一年来…\\n二、2025年工作安排\\n（一）扩大内需")
    >>> [(x.id, x.part) for x in s.sections], s.year, s.plan_start
    ([('1', 'review'), ('2', 'plan'), ('2.1', 'plan')], 2025, 17)
    >>> s = parse_structure("2024年工作回顾\\n一年来…\\n2025年工作安排建议\\n（一）扩大内需\\n（二）推动改革")
    >>> [(x.id, x.title, x.part) for x in s.sections][1:]
    [('2', '2025年工作安排建议', 'plan'), ('2.1', '扩大内需', 'plan'), ('2.2', '推动改革', 'plan')]
    >>> parse_structure("今年我镇要建设平安水口，贡献水口力量。").issuer
    '水口镇人民政府'
    """
    found = find_headings(text)
    sections = with_parts(text, _with_ends(_preface(text, found.sections) + found.sections, len(text)))
    start = find_plan_start(sections)
    evidence = year_evidence(text, sections, start)
    year = evidence.year()
    doubts = structure_doubts(text, sections, found.skips, evidence, year, start, found.orphans)
    return Structure(tuple(sections), year, find_issuer(text), start, tuple(doubts))


def _preface(text: str, heads: list[Section]) -> list[Section]:
    """Section "0": everything before the first top-level heading, titled by what it holds."""
    end = heads[0].start if heads else len(text)
    body = text[:end]
    if not body.strip():
        return []
    topics = [name for cue, name in rules.PREFACE_TOPICS if cue in body]
    return [Section("0", "", "和".join(topics) or rules.PREFACE_TITLE, None, 0)]


def _with_ends(sections: list[Section], length: int) -> list[Section]:
    # A section's own text runs to the next heading of any level.
    ends = [s.start for s in sections[1:]] + [length] if sections else []
    return [evolve(s, end=e) for s, e in zip(sections, ends, strict=True)]
