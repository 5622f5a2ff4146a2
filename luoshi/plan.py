"""The plan (规划/任务分解表) as frozen dataclasses, and its JSON form ``plan/1``.

Every stage of extraction returns these; nothing here reads files or settings.
The JSON contract is ``../shared/eval/GUIDELINES.md``: extra keys are allowed,
so each object carries its provenance (offsets into the user's file, the rule
that produced it) beside the contract fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, TypeVar

SCHEMA = "plan/1"
_T = TypeVar("_T")


def evolve(item: _T, **changes: Any) -> _T:
    """A copy of a frozen plan object with some fields changed: ``dataclasses.replace`` without its cost.

    ``replace`` re-runs ``__init__`` through a generic path (about 5 µs a call); a stage that sets one
    field on each of 1,700 tasks paid a tenth of the extraction for it. The plan's dataclasses have no
    ``__post_init__`` to skip, and a frozen dataclass keeps its fields in ``__dict__``.

    >>> t = Task("t1", "1", "推进改革", "2025-12-31", "")
    >>> evolve(t, lead="党政办") == Task("t1", "1", "推进改革", "2025-12-31", "", lead="党政办")
    True
    >>> evolve(t, leader="x")
    Traceback (most recent call last):
    ...
    TypeError: Task has no field leader
    """
    cls = type(item)
    unknown = changes.keys() - _field_names(cls)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    new = object.__new__(cls)
    new.__dict__.update(item.__dict__)
    new.__dict__.update(changes)
    return new


@dataclass(frozen=True)
class Warning:
    """A span the normaliser could not trust (乱码/残缺文字), or a doubt about the report's structure (结构存疑).

    ``offset`` is in the normalised text; ``source_offset`` in the original. ``message`` says why, in
    Chinese, for the user; a structure doubt names its ``reason`` (few_plan_sections, review_in_plan,
    year_mismatch, heading_skipped, heading_out_of_order, headings_in_preface).
    """

    kind: str  # corrupt_text | replacement_char | bopomofo | stray_pinyin | mojibake | structure_doubt
    offset: int
    text: str
    context: str
    source_offset: int | None = None
    message: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Section:
    """A heading of the report (章节): ``"1"`` for 一、, ``"1.1"`` for (一), ``"A1"`` for 附件1."""

    id: str
    number: str
    title: str
    parent: str | None
    start: int = 0  # offset of the heading in the normalised text
    end: int = 0  # offset where the section's own text ends (the next heading of any level)
    part: str = "plan"  # "review" (上年工作回顾) | "plan" (本年工作安排) | "appendix" | "glossary"


@dataclass(frozen=True)
class Span:
    """Where an item came from: offsets in the normalised text and in the user's file."""

    start: int
    end: int
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True)
class Target:
    """A quantitative target (量化目标): a number the plan commits to reach in the plan year."""

    id: str
    section: str
    indicator: str
    kind: str  # growth | rate | rank | quantity
    comparator: str  # ">=" | "<=" | "~" | "="
    value: float
    unit: str
    deadline: str  # ISO date
    deadline_text: str
    source_text: str
    task: str | None = None
    upper: float | None = None
    baseline: float | None = None
    firmness: str = "plain"  # binding (确保) | stretch (力争) | plain
    rule: str = ""  # name of the rule that produced it
    span: Span | None = None
    optional: bool = False


@dataclass(frozen=True)
class Task:
    """A task (具体任务): one row of the office's task table (任务分解表), the report's own words.

    By default a sentence (split only at enumerations, own deadlines, or headline targets of different
    offices); with ``rows="clause"`` one actionable clause. ``rules`` say what cut it.
    """

    id: str
    section: str
    text: str
    deadline: str
    deadline_text: str
    targets: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    milestone: bool = False  # has a stated deadline but no number (节点任务)
    firmness: str = "plain"
    lead: str | None = None  # suggested lead department (牵头单位)
    cooperating: tuple[str, ...] = ()  # suggested cooperating departments (配合单位)
    confidence: float = 0.0
    span: Span | None = None
    horizon: str = ""  # a multi-year horizon the task looks to (规划期/远景: 面向2035年), never its deadline
    rules: tuple[str, ...] = ()
    basis: str = ""  # where the lead came from: history (the office's own past choice) | list | catalogue


@dataclass(frozen=True)
class Skipped:
    """A sentence of the plan part that is no row of the task table (未列入任务的句子), and why.

    ``reason`` names the rule (``luoshi/rules/rows.py``): heading, address, assessment, transition,
    exhortation, slogan (and no_action in the clause cut). Nothing of the plan part is dropped silently.
    """

    section: str
    text: str
    reason: str
    span: Span | None = None


@dataclass(frozen=True)
class Milestone:
    """A milestone (节点目标): a task with a stated deadline and no number."""

    task: str
    text: str
    deadline: str
    deadline_text: str


@dataclass(frozen=True)
class Project:
    """A named project, enterprise, facility or road (重点项目) the plan acts on."""

    name: str
    kind: str  # project | enterprise | facility | road
    section: str
    action: str = ""  # 落地 | 投产 | 建成 | 动工 | 申报 …
    investment: dict[str, Any] | None = None  # {"value": 50, "unit": "亿元"}
    task: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Plan:
    """The whole plan of one report (政府工作报告 → 年度计划)."""

    issuer: str
    year: int
    sections: tuple[Section, ...] = ()
    tasks: tuple[Task, ...] = ()
    targets: tuple[Target, ...] = ()
    projects: tuple[Project, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    warnings: tuple[Warning, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    source: str = ""
    encoding: str | None = None
    format: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``plan/1`` JSON object.

        >>> Plan(issuer="水口镇人民政府", year=2025).to_dict()["schema"]
        'plan/1'
        """
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                out[f.name] = [_item_dict(item) for item in value]
            else:
                out[f.name] = value
        return out


def _item_dict(item: Any) -> dict[str, Any]:
    """One item's JSON object, empty provenance keys dropped so the JSON stays readable.

    The same as ``dataclasses.asdict`` then a filter, written out: ``asdict`` deep-copies every value
    generically and took a fifth of the whole pipeline's time on a report of 1,700 tasks.
    """
    out: dict[str, Any] = {}
    # A frozen dataclass keeps exactly its fields in __dict__, in field order (evolve keeps the order too).
    for name, value in item.__dict__.items():
        kind = type(value)
        if value is None:
            if name in _KEEP_NONE:
                out[name] = None
        elif kind is tuple:
            out[name] = list(value)
        elif kind is Span:  # every key kept, as asdict would
            out[name] = dict(value.__dict__)
        elif kind is dict:
            out[name] = dict(value)
        else:
            out[name] = value
    return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


# Contract fields that stay in the JSON even when empty (GUIDELINES.md shows them).
_KEEP_NONE = {"parent", "task"}
