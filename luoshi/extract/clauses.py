"""Clauses (任务分句): the finest cut of a plan sentence, one verb-led clause a piece.

A sentence is cut into units at ；/; and at enumerations (一是/二是, (1), ①); a unit is cut into
clauses at commas where a new verb-led clause opens. The rules that decide are data in
``luoshi/rules/actions.py``: a framing clause (按照…) joins the task after it, a purpose clause
(进一步提升…) or a bare verb (力争上半年动工建设) the task before it. ``--rows clause`` makes each
clause a task; the default cut (``luoshi/extract/rows.py``) groups them back into the rows an
office writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from luoshi import rx
from luoshi.rules.actions import CONTINUATION_RE, OPENER_RE, OPENERS, VERB_RE, VERBS_ONLY, leading_verb, skip_rule
from luoshi.rules.rows import CONNECTIVES

# Each rule of luoshi/rules/deadlines.py needs one of these (年, 月, 季度, “十四五”末/期间/收官/结束);
# tests/core/test_tasks.py checks it against every deadline case.
TIME_CHARS = rx.compile(r"[年月季末束官期]")

UNIT_BREAK = rx.compile(
    r"""
    [；;。！？] | [!?](?![A-Za-z])                       # a sentence or semicolon break (not ?zhí: mojibake)
    | (?<![\w“”"])(?=[一二三四五六七八九十]+是(?!否|非))   # 一是 / 二是 opens an enumerated item
    | (?<=[。；;：:，,\s])(?=[(（][0-9一二三四五六七八九十]{1,2}[)）])  # (1) / (一) after a break
    | (?=[①-⑳])                                          # circled numbers
    | (?<=[。；;：:，,\s])(?=第[一二三四五六七八九十]+[,，、])  # 第一， / 第二， after a break
    | (?<=[。；;：:，,\s])(?=——)                        # —— opens a listed item
    """,
    re.VERBOSE,
)
# Without one of these characters only the first alternative of UNIT_BREAK can match, and a plain
# character class finds it several times faster than the lookarounds tried at every position.
_ENUMERATION_HINT = rx.compile(r"[是(（①-⑳]|第[一二三四五六七八九十]+[,，、]|——")
_PLAIN_BREAK = rx.compile(r"[；;。！？]|[!?](?![A-Za-z])")
ENUMERATION = rx.compile(
    r"""(?:[一二三四五六七八九十]+是          # 一是 (match() anchors: no ^, which would not hold mid-text)
         |[(（][0-9一二三四五六七八九十]{1,2}[)）] # (1), （一）
         |[①-⑳]                              # ①
         |第[一二三四五六七八九十]+[,，、]        # 第一,
         |——                                 # ——
        )[,，:：]?""",
    re.VERBOSE,
)
_OPEN, _CLOSE = "(（“《", ")）”》"
_COMMAS = ",，:："
_TRIM = " \t\u3000,，:：、"
_FIRMNESS = (("确保", "binding"), ("力争", "stretch"), ("争取", "stretch"))


@dataclass(frozen=True)
class Clause:
    """A task-sized stretch of a sentence (任务分句): offsets in the sentence and the rules that shaped it."""

    start: int
    end: int
    text: str
    rules: tuple[str, ...]


def units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch between semicolons, sentence ends and enumeration marks."""
    cuts = {0, len(text)}
    breaks = UNIT_BREAK if _ENUMERATION_HINT.search(text) else _PLAIN_BREAK
    for m in breaks.finditer(text):
        cuts.update(m.span())
    out = []
    for a, b in pairwise(sorted(cuts)):
        m = ENUMERATION.match(text, a)
        a = m.end() if m and m.end() <= b else a
        while a < b and (text[a] in _TRIM or text[a] in "；;。！？!?"):
            a += 1
        while b > a and text[b - 1] in _TRIM + "；;。！？!?":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


VERB_ANYWHERE = rx.compile(VERB_RE)
_PLAIN_PIECE = rx.compile(r"[^,，:：]+")
_BRACKETS = rx.compile(r"[(（“《]")
_CUT_OR_BRACKET = rx.compile(r"[(（“《)）”》,，:：]")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of a unit; commas inside brackets and quotes do not cut."""
    if not _BRACKETS.search(text, start, end):  # the usual unit: a plain split, no depth to track
        return [m.span() for m in _PLAIN_PIECE.finditer(text, start, end)]
    out, depth, a = [], 0, start
    for m in _CUT_OR_BRACKET.finditer(text, start, end):  # only the characters that matter, not every one
        i, ch = m.start(), m.group(0)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _COMMAS and depth == 0:
            if i > a:
                out.append((a, i))
            a = i + 1
    if end > a:
        out.append((a, end))
    return out


def split_clauses(text: str, target_starts: tuple[int, ...] = ()) -> list[Clause]:
    """The task clauses of a plan sentence (任务分句); ``target_starts`` are offsets of its targets.

    >>> [c.text for c in split_clauses("启动创新基地污水处理厂建设,力争上半年动工建设,持续完善污水管网。")]
    ['启动创新基地污水处理厂建设,力争上半年动工建设', '持续完善污水管网']
    >>> [c.text for c in split_clauses("按照整体布局,提速推进基地建设,进一步提升平台承载力。")]
    ['按照整体布局,提速推进基地建设,进一步提升平台承载力']
    >>> [c.text for c in split_clauses("一是加强党的全面领导。二是提升政务服务水平。")]
    ['加强党的全面领导', '提升政务服务水平']
    """
    skip = skip_rule(text)
    if skip in {"general_requirements", "year_character", "transition", "address"}:
        return []
    out: list[Clause] = []
    for u0, u1 in units(text):
        # Pieces are checked for a pledge only when the sentence holds one somewhere.
        out += unit_clauses(text, u0, u1, target_starts, check_skip=skip is not None)
    return out


def unit_clauses(text: str, u0: int, u1: int, target_starts: tuple[int, ...],
                 check_skip: bool = True) -> list[Clause]:
    """The clauses of one unit ``text[u0:u1]`` (a stretch between semicolons and enumeration marks)."""
    # Each task is [start, end) plus the rules that opened and extended it.
    tasks: list[list] = []
    pending: list[tuple[int, int, str]] = []  # framing or subject pieces waiting for their verb
    last_kind = ""  # "verb" | "target": how the current task was opened
    for a, b in _pieces(text, u0, u1):
        piece = text[a:b].strip(_TRIM)
        if not piece or piece in CONNECTIVES:
            continue  # 同时, 此外: a link between sentences, not part of either task
        if check_skip and skip_rule(piece):
            pending = []  # a pledge commits to nothing; what framed it goes too
            continue
        holds_target = bool(target_starts) and any(a <= t < b for t in target_starts)
        # Each rule is asked only when the ones before it said nothing (most pieces open with a verb).
        m = CONTINUATION_RE.match(piece) if tasks and not pending else None
        purpose = m.lastgroup if m else None
        if tasks and not pending and (purpose or (not holds_target and VERBS_ONLY.match(piece))):
            tasks[-1][1] = b
            tasks[-1][2].append(purpose or "verbs_only")
            continue
        m = OPENER_RE.match(piece)
        opener = m.lastgroup if m else None
        verb = None if opener else leading_verb(piece)
        if opener:
            pending.append((a, b, opener))
        elif verb:
            start = pending[0][0] if pending else a
            tasks.append([start, b, [*(p[2] for p in pending), verb[1].name]])
            pending, last_kind = [], "verb"
        elif holds_target and (not tasks or last_kind == "target"):
            start = pending[0][0] if pending else a
            tasks.append([start, b, [*(p[2] for p in pending), "target_clause"]])
            pending, last_kind = [], "target"
        elif tasks and not pending:
            tasks[-1][1] = b
            tasks[-1][2].append("noun_led")
        else:
            pending.append((a, b, "noun_led"))
    if pending:
        a = pending[0][0]
        b = pending[-1][1]
        if tasks and tasks[-1][1] <= a:
            tasks[-1][1] = b
            tasks[-1][2].extend(p[2] for p in pending)
        elif (pending[0][2] in OPENERS and _has_verb(text[a:b])) or any(a <= t < b for t in target_starts):
            # A frame with a verb inside (以试点示范带动…改造提升) is a task; a noun-led remark is not.
            tasks.append([a, b, [p[2] for p in pending]])
    return [Clause(a, b, text[a:b], tuple(rules)) for a, b, rules in tasks]


def _has_verb(text: str) -> bool:
    """A framing clause alone still makes a task when a verb follows its frame (以试点带动改造提升)."""
    return VERB_ANYWHERE.search(text, 1) is not None
