"""Rows (任务分解表的行): the plan part cut as an office writes its task table, every sentence accounted for.

The default cut (``rows="sentence"``) keeps each sentence whole as one row; it splits a sentence only at
an explicit enumeration, where a clause has a deadline of its own, or between headline targets that
different offices lead; it joins a sentence that only explains the one before; a short label opening a
paragraph is a heading. ``rows="clause"`` is the finer cut of ``luoshi/extract/clauses.py`` (one task per
verb-led clause). Either way, a sentence that becomes no row is returned as skipped with its reason, so
that ``luoshi explain`` and the plan JSON can show it. The rules are data in ``luoshi/rules/rows.py``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from luoshi.extract import Sentence
from luoshi.extract.clauses import TIME_CHARS, Clause, split_clauses, unit_clauses, units
from luoshi.rules.actions import leading_verb
from luoshi.rules.rows import (
    CONNECTIVES,
    ENUMERATED_LABEL,
    EXPLAINS,
    LABEL_NOT_VERBS,
    ROW_END,
    is_label_shape,
    skip_reason,
)

ROW_MODES = ("sentence", "clause")
_TRIM = " \t\u3000,，:：、"
_ENDS = "；;。！？!?"

# The stated deadline of a stretch of text (None for year end), and the office that would lead it
# (None when no cue speaks clearly): both given by the caller, so this module needs no plan year or catalogue.
DeadlineOf = Callable[[str], "str | None"]
LeadOf = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Cut:
    """A stretch of the plan part (行或跳过的句子): a row when ``reason`` is empty, else a skipped sentence.

    ``start``/``end`` are offsets in the normalised text; ``rules`` say what shaped a row.
    """

    section: str
    start: int
    end: int
    reason: str = ""
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Place:
    """Where a sentence stands in its paragraph: what decides whether a short one is a label."""

    opens: bool  # first sentence of its paragraph (or first after the section heading)
    next_len: int  # length of the next sentence of the same paragraph; 0 at the paragraph's end


def _places(text: str, sentences: tuple[Sentence, ...], headings: set[int]) -> list[_Place]:
    out = []
    for i, s in enumerate(sentences):
        prev = sentences[i - 1] if i else None
        opens = prev is None or "\n" in text[prev.end:s.start] or prev.start in headings
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        same = nxt is not None and "\n" not in text[s.end:nxt.start] and nxt.section == s.section
        out.append(_Place(opens, len(nxt.text) if same and nxt else 0))
    return out


def cut(text: str, sentences: tuple[Sentence, ...], headings: set[int], target_at: list[int], *,
        mode: str = "sentence", deadline_of: DeadlineOf = lambda _t: None,
        lead_of: LeadOf = lambda _t: None) -> list[Cut]:
    """Every sentence of the plan part as rows or skipped sentences, in reading order.

    ``headings`` are the start offsets of sentences that are section headings; ``target_at`` the sorted
    start offsets of the targets (a clause holding one is a headline target).
    """
    out: list[Cut] = []
    for sentence, place in zip(sentences, _places(text, sentences, headings), strict=True):
        if sentence.start in headings:
            out.append(Cut(sentence.section, sentence.start, sentence.end, "heading"))
            continue
        if _is_label(sentence.text, place):
            out.append(Cut(sentence.section, sentence.start, sentence.end, "heading"))
            continue
        for a, b in _row_sentences(sentence):
            body = text[a:b]
            reason = skip_reason(body)
            if reason:
                out.append(Cut(sentence.section, a, b, reason))
                continue
            first = bisect_left(target_at, a)
            starts = tuple(t - a for t in target_at[first:bisect_left(target_at, b, first)])
            if mode == "clause":
                clauses = split_clauses(body, starts)
                if not clauses:
                    out.append(Cut(sentence.section, a, b, "no_action"))
                out += [Cut(sentence.section, a + c.start, a + c.end, "", c.rules) for c in clauses]
                continue
            if out and not out[-1].reason and _explains(body) and not place.opens:
                last = out.pop()  # 为…提供保障: the purpose of the row before, not a row of its own
                end = _trim_end(text, a, b, _TRIM + _ENDS)
                out.append(Cut(last.section, last.start, end, "", (*last.rules, "explains")))
                continue
            out += [Cut(sentence.section, a + s, a + e, "", rules)
                    for s, e, rules in _sentence_rows(body, starts, deadline_of, lead_of)]
    return out


def _is_label(sentence: str, place: _Place) -> bool:
    """A short label ending in 。 that opens its paragraph, or is numbered (一是强化项目支撑。), and names what
    the sentences after it do; never one opened by a milestone verb (完成南宁机场改扩建项目。)."""
    if not place.next_len or not is_label_shape(sentence):
        return False
    verb = leading_verb(ENUMERATED_LABEL.sub("", sentence.strip()))
    if verb and verb[1].name in LABEL_NOT_VERBS:
        return False
    return place.opens or ENUMERATED_LABEL.match(sentence) is not None


def _row_sentences(sentence: Sentence) -> Iterator[tuple[int, int]]:
    """The sentence cut at ；/; (each part a sentence of its own for the table), offsets in the text."""
    a = 0
    body = sentence.text
    for m in ROW_END.finditer(body):
        if body[a:m.end()].strip(_TRIM + _ENDS):
            yield sentence.start + a, sentence.start + m.end()
        a = m.end()
    if body[a:].strip(_TRIM + _ENDS):
        yield sentence.start + a, sentence.end


def _explains(body: str) -> bool:
    return EXPLAINS.match(body.lstrip(_TRIM)) is not None and leading_verb(body.lstrip(_TRIM)) is None


def _trim_end(text: str, a: int, b: int, chars: str = _TRIM) -> int:
    while b > a and text[b - 1] in chars:
        b -= 1
    return b


def _sentence_rows(body: str, target_starts: tuple[int, ...], deadline_of: DeadlineOf,
                   lead_of: LeadOf) -> list[tuple[int, int, tuple[str, ...]]]:
    """The rows of one sentence (offsets in it): whole, or split at enumerations, own deadlines and
    headline targets of different offices.

    >>> body = "加大招商引资力度,创新招商引资方式,拓宽招商引资渠道。"
    >>> [body[s:e] for s, e, _ in _sentence_rows(body, (), lambda t: None, lambda t: None)]
    ['加大招商引资力度,创新招商引资方式,拓宽招商引资渠道']
    >>> body = "启动基地建设,力争第一季度完成土地平整,全力推动配套工程建成使用。"
    >>> when = lambda t: "2025-03-31" if "第一季度" in t else None
    >>> [body[s:e] for s, e, _ in _sentence_rows(body, (), when, lambda t: None)]
    ['启动基地建设', '力争第一季度完成土地平整', '全力推动配套工程建成使用']
    """
    rows: list[tuple[int, int, tuple[str, ...]]] = []
    spans = units(body)
    if len(spans) > 1 and any(ch in ":：" for ch in body[spans[0][1]:spans[1][0]]):
        # A lead-in before an enumeration (重点推进：(1)…) stays with the first item, as the lead-in of a
        # list of targets stays with the first target: it is no row of its own.
        spans = [(spans[0][0], spans[1][1]), *spans[2:]]
    for u0, u1 in spans:
        u0 = _skip_connective(body, u0, u1)
        inside = [t for t in target_starts if u0 <= t < u1]
        # Only a time word or a second target can split a unit: most sentences need no clause cut at all.
        if len(inside) > 1 or TIME_CHARS.search(body, u0, u1):
            clauses = unit_clauses(body, u0, u1, target_starts, check_skip=False)
            starts = [u0, *(c.start for c in _split_points(body, clauses, target_starts, deadline_of, lead_of))]
        else:
            starts = [u0]
        rule = "sentence" if len(starts) == 1 else "own_deadline_or_office"
        for i, s in enumerate(starts):
            e = starts[i + 1] if i + 1 < len(starts) else u1
            e = _trim_end(body, s, e)
            if e > s:
                rows.append((s, e, (rule,)))
    if len(rows) > 1 and all(r[2] == ("sentence",) for r in rows):
        rows = [(s, e, ("enumeration",)) for s, e, _ in rows]
    return rows


def _skip_connective(body: str, a: int, b: int) -> int:
    """Past a leading 同时, / 此外, (TASKS.md rule 2: a connective may be dropped)."""
    for word in CONNECTIVES:
        if body.startswith(word, a) and a + len(word) < b and body[a + len(word)] in ",，":
            return a + len(word) + 1
    return a


def _split_points(body: str, clauses: list[Clause], target_starts: tuple[int, ...], deadline_of: DeadlineOf,
                  lead_of: LeadOf) -> list[Clause]:
    """The clauses that open a new row: a change of stated deadline, or a headline target whose office
    differs from the one of the row's target before it."""
    out: list[Clause] = []
    deadline: str | None = None
    lead: str | None = None
    for i, c in enumerate(clauses):
        d = deadline_of(c.text)
        holds = any(c.start <= t < c.end for t in target_starts)
        # Only a headline target stated without a verb (地区生产总值增长5%以上) is split off by its office:
        # offices keep a sentence of several actions whole even when another unit helps with one of them.
        office = lead_of(c.text) if holds and leading_verb(c.text) is None else None
        if i and (d != deadline or (office and lead and office != lead)):
            out.append(c)
            lead = None
        deadline = d
        lead = office or lead
    return out
