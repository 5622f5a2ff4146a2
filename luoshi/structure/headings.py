"""Headings (标题): which lines of a normalised report start a section, and the section ids they get.

Candidates are found by one regex pass (``luoshi.rules.headings.CANDIDATE``) plus the part headings
printed without a numeral (``BARE_PART``: 2024年工作回顾, 政府自身建设 as bare lines). Which candidates
are headings is decided by their order: a top-level numeral must follow the last one (一、 … 二、), so
a list that restarts at 一、 inside a section is not a new section. Section ids go by that order, not
by the printed numeral, as GUIDELINES.md asks.

A line opening with 一是 is a sub-heading when it stands alone (a short line, body text after it) in
a section that numbers no （一）: a report may write its second level that way. A heading whose
numeral stands alone takes the next line as its title; one broken over two lines takes both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from luoshi.plan import Section
from luoshi.rules import headings as rules
from luoshi.structure.lines import (
    appendix_title,
    joined,
    line_end,
    next_line_title,
    opening_lines,
    parent_lines,
    printed,
    short_title,
    stands_alone,
    title_of,
)


@dataclass(frozen=True)
class Candidate:
    """A line that may start a section (候选标题)."""

    kind: str  # top (一、) | sub (（一）) | enum (一是) | bare (a part heading with no numeral) | appendix | glossary
    numeral: str
    start: int  # where its marker starts (after the indent)
    end: int  # where its marker ends: its title follows
    mark: str


@dataclass(frozen=True)
class Skip:
    """A heading that seems to be missing (缺漏标题): a numeral jumped, or a heading-shaped line out of order."""

    offset: int
    text: str
    why: str  # jump | out_of_order


@dataclass
class Headings:
    sections: list[Section] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)  # （一） lines before any part heading: offsets


def candidates(text: str) -> list[Candidate]:
    """Every line that may start a section, in text order."""
    out: list[Candidate] = []
    for m in rules.CANDIDATE.finditer(text):
        kind = next((k for k in ("top", "sub", "enum") if m[k] is not None), None)
        kind = kind or ("glossary" if m["gloss"] is not None else "appendix")
        out.append(Candidate(kind, m["top"] or m["sub"] or m["enum"] or "", m.start("mark"), m.end(), m["mark"]))
    lines = {text.rfind("\n", 0, c.start) + 1 for c in out}
    bare = [m.start("title") for m in rules.BARE_PART.finditer(text) if m.start() not in lines]
    # （十一）加强政府自身建设 is a numbered heading already: only lines holding no candidate count.
    # Lines that are all heading (no text after the title): a short sentence after one is its opening.
    headed = {text.rfind("\n", 0, c.start) + 1 for c in out if short_title(text[c.end:line_end(text, c.end)])}
    headed |= {text.rfind("\n", 0, start) + 1 for start in bare}
    found = parent_lines(text, out, headed) + opening_lines(text, out)
    bare += [start for start in found if text.rfind("\n", 0, start) + 1 not in lines]
    if bare:
        out += [Candidate("bare", "", start, start, "") for start in sorted(set(bare))]
        out.sort(key=lambda c: c.start)
    return out


@dataclass
class _Numbering:
    """The numbering of one heading level (序号): which numeral may come next, and a list nested in it.

    A heading takes the next numeral, or one more (a heading lost in conversion or misprinted).
    A 一 that restarts the count inside a section opens a list of that section's own (一、… 二、…
    written like headings): a numeral that only continues the list is an item, not a heading. When
    it could be either, its shape decides: a line like the headings (both with or both without a 。
    ending the title) rather than like the items is a heading. When the shape does not tell, a
    numeral printed again further on (the heading it would have been is still to come) makes it an
    item; otherwise it is a heading.
    """

    last: int = 0  # numeral of the last heading taken
    count: int = 0  # headings taken under the current parent: ids go by this, not by the numeral
    shaped: bool = True  # whether that heading's line was all title (no 。)
    nested: int = 0  # numeral of the last item of a nested list; 0 when none is open
    nested_shaped: bool = False  # the same for that list's items

    def take(self, n: int, shaped: bool, repeats: Callable[[], bool], carried: int = 0) -> str:
        """``heading``, ``item`` (of a nested list) or ``out_of_order`` for numeral ``n``.

        ``carried`` is a numeral the count may continue from (second-level numbers run through some reports).
        """
        heading = self.last < n <= self.last + 2 or (self.count == 0 and carried < n <= carried + 2)
        item = bool(self.nested) and n == self.nested + 1
        if item and heading and self.shaped == self.nested_shaped:
            item = repeats()  # the shape does not tell
        elif item and heading:
            item = shaped == self.nested_shaped
        if item:
            self.nested = n
            return "item"
        if heading:
            self.last, self.count, self.shaped, self.nested = n, self.count + 1, shaped, 0
            return "heading"
        if n == 1 and self.last:
            self.nested, self.nested_shaped = 1, shaped
            return "item"
        return "out_of_order"

    def take_bare(self) -> None:
        """A part heading with no numeral counts as the next one."""
        self.last, self.count, self.shaped, self.nested = self.last + 1, self.count + 1, True, 0


def find_headings(text: str) -> Headings:
    """The sections of a report in text order (preface not included), and the headings that seem lost."""
    found = Headings()
    out = found.sections
    top, sub = _Numbering(), _Numbering()  # 一、 and （一）/一是; sub starts afresh under each parent
    sub_last = 0  # last second-level numeral anywhere: some reports number (一)… straight through
    parent: str | None = None  # the id second-level headings hang under
    sub_kind: str | None = None  # how the current parent numbers its children: "sub" （一） or "enum" 一是
    appendix: str | None = None  # once an appendix starts, 一、 numbers its items
    app_count = 0
    item_kind: str | None = None  # how the current appendix numbers its items: "top" (一、) or "sub" (（一）)
    cands = candidates(text)
    starts = {text.rfind("\n", 0, c.start) + 1 for c in cands}  # lines that hold a candidate
    consumed: set[int] = set()  # lines taken as the title of the heading before them
    for i, c in enumerate(cands):
        end = line_end(text, c.end)
        rest = text[c.end:end]
        if text.rfind("\n", 0, c.start) + 1 in consumed:
            continue
        if c.kind in ("appendix", "glossary"):
            title = appendix_title(text, c, rest, end, consumed)
            if title is not None:
                app_count += 1
                appendix = parent = f"A{app_count}"
                out.append(Section(appendix, "" if c.kind == "glossary" else printed(c.mark), title, None, c.start))
                top, sub, item_kind = _Numbering(), _Numbering(), None
            continue
        if c.kind == "bare":
            if appendix is None:
                top.take_bare()
                parent, sub, sub_kind = str(top.count), _Numbering(), None
                out.append(Section(parent, "", joined(text, rest.strip(), end, starts, consumed), None, c.start))
            continue
        title, shaped = title_of(rest), rules.TITLE_END not in rest
        if not title:  # the numeral stands alone: its title is the next line
            title, shaped = next_line_title(text, end, consumed), True
            if not title:
                continue
        elif shaped:
            title = joined(text, title, end, starts, consumed)
        n = rules.numeral_value(c.numeral)
        if c.kind == "enum":
            if parent is None or appendix is not None or sub_kind == "sub":
                continue
            if not stands_alone(text, rest, end, starts):
                continue
            if sub.take(n, True, lambda: False) == "heading":
                sub_kind = "enum"
                out.append(Section(f"{parent}.{sub.count}", f"{c.numeral}是", title.rstrip("：:，,"), parent, c.start))
            continue
        # An appendix may number its items （一） instead of 一、: whichever comes first numbers them.
        if (c.kind == "top" and appendix is None) or (appendix is not None and item_kind in (None, c.kind)):
            last = top.last
            verdict = top.take(n, shaped, partial(_repeats, cands, i))
            if verdict != "heading":
                _note_skip(found, c, title, shaped, verdict, appendix)
                continue
            _note_jump(found, c, title, n, last)
            sub, sub_kind = _Numbering(), None
            sid = f"{appendix}.{top.count}" if appendix else str(top.count)
            out.append(Section(sid, c.numeral if c.kind == "top" else f"({c.numeral})", title, appendix, c.start))
            parent, item_kind = sid, c.kind if appendix else None
        elif c.kind == "sub" and parent is None:
            found.orphans.append(c.start)  # a （一） before the first part heading stays in the preface
        elif c.kind == "sub" and sub_kind != "enum":
            # A (一) before the first 一、 belongs to the preface.
            last = sub.last if sub.count else sub_last
            verdict = sub.take(n, shaped, partial(_repeats, cands, i), carried=sub_last)
            if verdict != "heading":
                _note_skip(found, c, title, shaped, verdict, appendix)
                continue
            _note_jump(found, c, title, n, last)
            sub_last, sub_kind = n, "sub"
            out.append(Section(f"{parent}.{sub.count}", f"({c.numeral})", title, parent, c.start))
    return found


def _note_jump(found: Headings, c: Candidate, title: str, n: int, last: int) -> None:
    if n == last + 2:
        found.skips.append(Skip(c.start, f"{c.mark}{title}", "jump"))


def _note_skip(found: Headings, c: Candidate, title: str, shaped: bool, verdict: str, appendix: str | None) -> None:
    # A heading-shaped line (all title) whose numeral fits nowhere: a heading lost or misnumbered.
    if verdict == "out_of_order" and shaped and appendix is None:
        found.skips.append(Skip(c.start, f"{c.mark}{title}", "out_of_order"))


def _repeats(cands: list[Candidate], i: int) -> bool:
    """Whether candidate ``i``'s numeral is printed again at its level before its section can end."""
    kind = cands[i].kind
    for j in range(i + 1, len(cands)):  # by index: a slice would copy the rest for every candidate
        c = cands[j]
        if c.kind == "enum":
            continue  # 一是 lines are read apart from the numbering of headings
        if c.kind != kind and (c.kind != "sub" or kind == "top"):
            return False  # an appendix or a bare part begins, or a second-level heading looks past a top-level one
        if c.kind == kind and c.numeral == cands[i].numeral:
            return True
    return False

