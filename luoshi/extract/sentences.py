"""Stage: split the plan part into sentences (句), each with its innermost section.

The review of last year (``Section.part == "review"``) and a glossary hold no commitments, so
their text yields no sentences. Text before the first heading is section ``"0"`` (总体要求和主要预期
目标) when the report has no review part before it.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.extract import Draft, Sentence
from luoshi.plan import Section

SKIPPED_PARTS = frozenset({"review", "glossary"})

SENTENCE_RE = rx.compile(
    r"""
    (?:[^。！？!?\n]+|[!?](?=[A-Za-z]))+   # the body: anything but an end mark or a paragraph break; an ASCII
                                        # ? or ! before a Latin letter is mojibake (长者饭?zhí), not an end
    [。！？!?]?                          # its end mark, kept with it
    """,
    re.VERBOSE,
)
_SPACE = " \t\u3000\r"  # full-width spaces indent paragraphs in many reports


def _spans(text: str, sections: tuple[Section, ...], plan_start: int) -> list[tuple[str, int, int]]:
    """(section id, start, end) of every stretch of plan text, in order."""
    ordered = sorted(sections, key=lambda s: s.start)
    spans: list[tuple[str, int, int]] = []
    first = ordered[0].start if ordered else len(text)
    if first > plan_start and not any(s.id == "0" for s in ordered):
        spans.append(("0", plan_start, first))
    for i, s in enumerate(ordered):
        if s.part in SKIPPED_PARTS or (0 < plan_start and s.start < plan_start and s.part != "plan"):
            continue  # the review, a glossary, and a preface standing before the review (各位代表…)
        nxt = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        end = s.end if s.start < s.end <= len(text) else nxt
        spans.append((s.id, max(s.start, plan_start) if s.id == "0" else s.start, end))
    return spans


def sentences_of(text: str, sections: tuple[Section, ...] = (), plan_start: int = 0) -> tuple[Sentence, ...]:
    """The sentences of the plan part of ``text``.

    >>> [s.text for s in sentences_of("主要预期目标是：增长5%。\\n一、抓产业。新增3家企业！")]
    ['主要预期目标是：增长5%。', '一、抓产业。', '新增3家企业！']
    >>> sentences_of("一、回顾。增长5%。", (Section("1", "一", "回顾", None, 0, 9, "review"),))
    ()
    """
    out: list[Sentence] = []
    for section, start, end in _spans(text, sections, plan_start):
        for m in SENTENCE_RE.finditer(text, start, end):
            body = m.group(0)
            stripped = body.strip(_SPACE)
            if not stripped:
                continue
            lead = len(body) - len(body.lstrip(_SPACE))
            out.append(Sentence(section, stripped, m.start() + lead, m.start() + lead + len(stripped)))
    return tuple(out)


def split_sentences(draft: Draft) -> Draft:
    """Stage: the plan part of the report as sentences."""
    report = draft.report
    structure = report.structure
    return draft.with_(sentences=sentences_of(report.text, structure.sections, structure.plan_start))
