"""Structure (结构): the section tree, the review and plan parts, the plan year and the issuer."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.plan import Section


@dataclass(frozen=True)
class Structure:
    sections: tuple[Section, ...]
    year: int | None  # the plan year (计划年度)
    issuer: str | None  # e.g. 水口镇人民政府
    plan_start: int  # offset in the normalised text where the plan for the year begins (0 when no review part)


def parse_structure(text: str) -> Structure:
    """Find the headings of a normalised report."""
    raise NotImplementedError
