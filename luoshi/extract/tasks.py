"""Stage: tasks (任务): the rows of the office's task table (任务分解表), each with its deadline and targets.

``luoshi/extract/rows.py`` cuts the plan part into rows (the sentence by default, the clause with
``rows="clause"``) and names every sentence that is no row; this stage numbers the rows t1, t2 … in
reading order, gives each its stated deadline (else the year end), firmness (确保/力争) and the targets it
holds, and keeps the skipped sentences with their reason. The review part of a report and its preface
yield neither (``sentences`` leaves out the review; the preface is passed over here).
"""

from __future__ import annotations

from bisect import bisect_left

from luoshi.extract import Draft, Sentence
from luoshi.extract.clauses import TIME_CHARS, split_clauses
from luoshi.extract.rows import cut
from luoshi.plan import Skipped, Span, Target, Task, evolve
from luoshi.rules.deadlines import find_deadline

__all__ = ["TIME_CHARS", "find_tasks", "firmness_of", "split_clauses"]

NO_TASK_PARTS = frozenset({"preface", "review", "glossary"})
_FIRMNESS = (("确保", "binding"), ("力争", "stretch"), ("争取", "stretch"))


def firmness_of(text: str) -> str:
    """确保 → binding, 力争/争取 → stretch, otherwise plain (任务的约束性).

    >>> firmness_of("确保流域水质稳定达标"), firmness_of("力争上半年动工建设"), firmness_of("推进改革")
    ('binding', 'stretch', 'plain')
    """
    for word, firmness in _FIRMNESS:
        if word in text:
            return firmness
    return "plain"


def _is_heading(sentence: Sentence, titles: dict[str, str]) -> bool:
    body = sentence.text.rstrip("。. ")
    title = titles.get(sentence.section, "")
    return bool(title) and body.endswith(title) and len(body) - len(title) <= 6


def deadline_in(text: str, year: int) -> tuple[str, str] | None:
    """The deadline a stretch of text states (完成时限), or None; every time word holds one of TIME_CHARS."""
    return find_deadline(text, year) if year and TIME_CHARS.search(text) else None


def find_tasks(draft: Draft) -> Draft:
    """Stage: the rows of the plan part, numbered t1, t2 … in reading order; targets get their task."""
    from luoshi.extract.departments import assigner

    report = draft.report
    sections = report.structure.sections
    parts = {s.id: s.part for s in sections}
    titles = {s.id: s.title.rstrip("。. ") for s in sections}
    year = report.year or 0
    offsets = report.normalised.offsets
    targets = sorted((t for t in draft.targets if t.span), key=lambda t: t.span.start)  # type: ignore[union-attr]
    target_at = [t.span.start for t in targets]  # type: ignore[union-attr]
    sentences = tuple(s for s in draft.sentences if parts.get(s.section, "plan") not in NO_TASK_PARTS)
    # An item of a 民生实事 appendix (附件1 … 一、为老年人提供健康管理服务。) is a row, not a heading (TASKS.md rule 8).
    headings = {s.start for s in sentences
                if _is_heading(s, titles) and not (parts.get(s.section) == "appendix" and "." in s.section)}
    year_end = f"{year}-12-31"

    def deadline_of(text: str) -> str | None:
        stated = deadline_in(text, year)
        return stated[0] if stated and stated[0] != year_end else None

    assign = assigner(draft)
    cuts = cut(report.text, sentences, headings, target_at, mode=draft.options.rows, deadline_of=deadline_of,
               lead_of=assign.clear_lead)
    tasks: list[Task] = []
    skipped: list[Skipped] = []
    owner: dict[str, str] = {}
    for c in cuts:
        span = Span(c.start, c.end, _source(offsets, c.start), _source(offsets, c.end - 1, end=True))
        text = report.text[c.start:c.end]
        if c.reason:
            skipped.append(Skipped(c.section, text, c.reason, span))
            continue
        task_id = f"t{len(tasks) + 1}"
        first = bisect_left(target_at, c.start)
        held = tuple(t.id for t in targets[first:bisect_left(target_at, c.end, first)])
        owner.update(dict.fromkeys(held, task_id))
        stated = deadline_in(text, year)
        deadline, deadline_text = stated or (year_end if year else "", "")
        tasks.append(Task(id=task_id, section=c.section, text=text, deadline=deadline,
                          deadline_text=deadline_text, targets=held, firmness=firmness_of(text), span=span,
                          rules=c.rules))
    linked: tuple[Target, ...] = tuple(evolve(t, task=owner[t.id]) if t.id in owner else t for t in draft.targets)
    return draft.with_(tasks=tuple(tasks), targets=linked, skipped=tuple(skipped))


def _source(offsets: object, i: int, end: bool = False) -> int | None:
    """The offset in the user's file of normalised character ``i`` (one past it for an end)."""
    try:
        return int(offsets[i]) + (1 if end else 0)  # type: ignore[index]
    except (IndexError, TypeError, KeyError):
        return None
