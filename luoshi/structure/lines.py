"""Heading lines (标题行): the line-level reading of a heading, its title and the lines around it.

A heading's title runs to its first 。 (the whole line where there is none); a numeral standing alone
takes the next line as its title; a title broken over two lines takes both; a 一是 line is a sub-heading
only when it stands alone with body text after it; an appendix's title may be on the next line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from luoshi.rules import headings as rules

if TYPE_CHECKING:
    from luoshi.structure.headings import Candidate

def title_of(rest: str) -> str:
    """A heading's title: its text up to the first 。, the whole line where there is none."""
    return rest.split(rules.TITLE_END, 1)[0].strip()


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def parent_lines(text: str, cands: list[Candidate], headed: set[int]) -> list[int]:
    """Starts of the short lines that head a （一） when no numbered top level precedes them.

    A short sentence (closed by 。) right after a heading is that heading's opening, not a heading.
    """
    out = []
    for c in cands:
        if c.kind == "top":
            break  # a report numbering its top level numbers its parts
        if c.kind not in ("sub", "enum") or rules.numeral_value(c.numeral) != 1:
            continue
        if c.kind == "enum" and not short_title(text[c.end:line_end(text, c.end)]):
            continue  # 一是 with its text on the line opens a list, not a part
        # The line before the （一）'s, or the one before that when a paragraph opens the part (过去的一年…).
        end = c.start
        for _ in range(rules.PARENT_LINE_REACH):
            start, line, end = _line_before(text, end)
            if not line:
                break
            if len(line) <= rules.PARENT_LINE_MAX and rules.PARENT_LINE.match(line):
                if not (line.endswith("。") and start > 0 and text.rfind("\n", 0, start - 1) + 1 in headed):
                    out.append(start + len(text[start:end]) - len(text[start:end].lstrip()))
                break
            if "。" not in line:
                break  # only a paragraph of sentences may stand between a part's heading and its （一）
    return out


def opening_lines(text: str, cands: list[Candidate]) -> list[int]:
    """Starts of the short lines a part's opening follows (过去一年，… / 今年是…) before any numbered top level."""
    limit = next((c.start for c in cands if c.kind == "top"), len(text))
    out = []
    for m in rules.PART_OPENING.finditer(text, 0, limit):
        if m.start() == 0 or text[m.start() - 1] != "\n":
            continue  # the opening must begin its paragraph
        start, line, end = _line_before(text, m.start())
        if (line and len(line) <= rules.PARENT_LINE_MAX and rules.PARENT_LINE.match(line)
                and "。" not in line and not rules.TITLE_PAGE.search(line)):
            out.append(start + len(text[start:end]) - len(text[start:end].lstrip()))
    return out


def _line_before(text: str, pos: int) -> tuple[int, str, int]:
    """The non-blank line before the one holding ``pos``: its start, text and end ("" at the text's start)."""
    end = text.rfind("\n", 0, pos)
    while end > 0 and not text[text.rfind("\n", 0, end) + 1:end].strip():
        end = text.rfind("\n", 0, end)
    if end <= 0:
        return 0, "", 0
    start = text.rfind("\n", 0, end) + 1
    return start, text[start:end].strip(), end


def next_line(text: str, end: int) -> tuple[int, str]:
    """The next non-blank line after position ``end`` (a line's end): its start and text ("" at the end)."""
    while end < len(text):
        start = end + 1
        end = line_end(text, start)
        if text[start:end].strip():
            return start, text[start:end].strip()
    return len(text), ""


def next_line_title(text: str, end: int, consumed: set[int]) -> str:
    """一、 alone on its line, 2024年工作回顾 on the next: that line is the title, when it is a short one."""
    start, line = next_line(text, end)
    if not line or rules.CANDIDATE.match(line) or len(line) > rules.STANDALONE_MAX:
        return ""
    consumed.add(start)
    return title_of(line)


def joined(text: str, title: str, end: int, starts: set[int], consumed: set[int]) -> str:
    """A title broken over two lines, whole: the next line continues it when it is a short bare piece."""
    broken_off = bool(rules.BROKEN_END.search(title))  # 以十足干劲从严加强自身建设， / 建设人民满意政府
    if end >= len(text) or not (broken_off or len(title) >= rules.BROKEN_LONG):
        return title
    start = end + 1
    line = text[start:line_end(text, start)].strip()
    if rules.CANDIDATE.match(line) or len(line) > rules.CONTINUATION_MAX or not rules.CONTINUATION.match(line):
        return title
    # A short sentence, or a line that reads like a part of its own, continues only a title broken at a comma.
    if (line.endswith("。") or start in starts) and not broken_off:
        return title
    consumed.add(start)
    return title + line.rstrip("。")


def short_title(rest: str) -> bool:
    """A line of one short title: no sentence after it."""
    body = rest.strip().rstrip("。：:")
    return bool(body) and len(body) <= rules.STANDALONE_MAX and not any(ch in body for ch in "。；;")


def stands_alone(text: str, rest: str, end: int, starts: set[int]) -> bool:
    """一是… as a sub-heading: a short line of one title, and body text (not the next 二是) after it."""
    if not short_title(rest):
        return False
    start, line = next_line(text, end)
    return bool(line) and start not in starts


def appendix_title(text: str, c: Candidate, rest: str, end: int, consumed: set[int]) -> str | None:
    """附件1's title: the rest of its line, else the line after it; None when it is running text."""
    rest = rest.strip(" \t\u3000\u00a0:：")
    if len(rest) > rules.APPENDIX_REST_MAX or rules.TITLE_END in rest:
        return None
    if c.kind == "glossary":
        return c.mark if not rest else None
    if rest:
        return rest
    start, line = next_line(text, end)
    if not line:
        return None  # a bare 附件 closing the text is a web page's leftover, not an appendix
    # A bare line after 附件 is its title even when it reads like a part (2025年重点工作任务), and so
    # is a glossary's name (附件 then 名词解释).
    m = rules.CANDIDATE.match(line)
    title = title_of(line)
    if (m and m["gloss"] is None) or not title:
        return printed(c.mark)  # straight into its items (or a stray full stop): no title of its own
    consumed.add(start)
    return title


def printed(mark: str) -> str:
    """附件：1 → 附件1: an appendix's own name, as its number."""
    return re.sub(r"[\s:：]", "", mark)
