"""Structure (结构): the section tree, the review and plan parts, the plan year and the issuer.

Headings are found by one regex pass over the text (``luoshi.rules.headings.CANDIDATE``);
which candidates are headings is decided by their order: a top-level numeral must follow the
last one (一、 … 二、), so a list that restarts at 一、 inside a section is not a new section.
Section ids go by that order, not by the printed numeral, as GUIDELINES.md asks.

Section "0" is the text before the first top-level heading, titled by what it holds
(总体要求和主要预期目标 in the demo report; 前言 for a greeting and a title page). A top-level
section whose title reviews last year (2024年工作回顾) is part "review" with its children; the
plan begins at the next top-level heading (``plan_start``), and the preface before a review is
part "preface". Appendices are part "appendix", a 名词解释 part "glossary".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from luoshi.plan import Section
from luoshi.rules import headings as rules


@dataclass(frozen=True)
class Structure:
    """The structure of a report (报告结构): its sections in text order, plan year, issuer, plan start."""

    sections: tuple[Section, ...]
    year: int | None  # the plan year (计划年度)
    issuer: str | None  # e.g. 水口镇人民政府
    plan_start: int  # offset in the normalised text where the plan for the year begins (0 when no review part)


def parse_structure(text: str) -> Structure:
    """Find the headings of a normalised report (章节结构), its plan year and its issuer.

    >>> s = parse_structure("2025年是关键一年。\\n一、推动产业攀高向强\\n(一)加强平台建设。按照布局推进。")
    >>> [(x.id, x.title) for x in s.sections], s.year
    ([('0', '前言'), ('1', '推动产业攀高向强'), ('1.1', '加强平台建设')], 2025)
    >>> s = parse_structure("一、2024年工作回顾\\n一年来…\\n二、2025年工作安排\\n（一）扩大内需")
    >>> [(x.id, x.part) for x in s.sections], s.year, s.plan_start
    ([('1', 'review'), ('2', 'plan'), ('2.1', 'plan')], 2025, 17)
    >>> parse_structure("今年我镇要建设平安水口，贡献水口力量。").issuer
    '水口镇人民政府'
    """
    heads = _headings(text)
    sections = _with_parts(_with_ends(_preface(text, heads) + heads, len(text)))
    plan_start = _plan_start(sections)
    return Structure(tuple(sections), _plan_year(text, sections, plan_start), _issuer(text), plan_start)


# --- headings ------------------------------------------------------------------------------


def _title(rest: str) -> str:
    """A heading's title: its text up to the first 。, the whole line where there is none."""
    return rest.split(rules.TITLE_END, 1)[0].strip()


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


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

    def take(self, n: int, shaped: bool, repeats: Callable[[], bool], carried: int = 0) -> bool:
        """Whether numeral ``n`` is the next heading; ``carried`` is a numeral the count may continue from."""
        heading = self.last < n <= self.last + 2 or (self.count == 0 and carried < n <= carried + 2)
        item = bool(self.nested) and n == self.nested + 1
        if item and heading and self.shaped == self.nested_shaped:
            item = repeats()  # the shape does not tell
        elif item and heading:
            item = shaped == self.nested_shaped
        if item:
            self.nested = n
            return False
        if heading:
            self.last, self.count, self.shaped, self.nested = n, self.count + 1, shaped, 0
            return True
        if n == 1 and self.last:
            self.nested, self.nested_shaped = 1, shaped
        return False


def _headings(text: str) -> list[Section]:
    out: list[Section] = []
    top, sub = _Numbering(), _Numbering()  # 一、 and （一）; sub starts afresh under each parent
    sub_last = 0  # last second-level numeral anywhere: some reports number (一)… straight through
    parent: str | None = None  # the id second-level headings hang under
    appendix: str | None = None  # once an appendix starts, 一、 numbers its items
    app_count = 0
    item_kind: str | None = None  # how the current appendix numbers its items: "top" (一、) or "sub" (（一）)
    matches = list(rules.CANDIDATE.finditer(text))
    for i, m in enumerate(matches):
        start, end = m.start("mark"), _line_end(text, m.end())
        rest = text[m.end():end]
        if m["top"] is None and m["sub"] is None:  # 附件 or 名词解释
            title = _appendix_title(text, m, rest, end)
            if title is not None:
                app_count += 1
                appendix = parent = f"A{app_count}"
                out.append(Section(appendix, "" if m["gloss"] else _printed(m["mark"]), title, None, start))
                top, sub, item_kind = _Numbering(), _Numbering(), None
            continue
        kind = "top" if m["top"] is not None else "sub"
        numeral = m["top"] or m["sub"]
        n, title, shaped = rules.numeral_value(numeral), _title(rest), rules.TITLE_END not in rest
        if not title:
            continue
        # An appendix may number its items （一） instead of 一、: whichever comes first numbers them.
        if (kind == "top" and appendix is None) or (appendix is not None and item_kind in (None, kind)):
            if not top.take(n, shaped, partial(_repeats, matches, i)):
                continue
            sub = _Numbering()
            sid = f"{appendix}.{top.count}" if appendix else str(top.count)
            out.append(Section(sid, numeral if kind == "top" else f"({numeral})", title, appendix, start))
            parent, item_kind = sid, kind if appendix else None
        elif kind == "sub" and parent is not None:  # a (一) before the first 一、 belongs to the preface
            if sub.take(n, shaped, partial(_repeats, matches, i), carried=sub_last):
                sub_last = n
                out.append(Section(f"{parent}.{sub.count}", f"({numeral})", title, parent, start))
    return out


def _repeats(matches: list[re.Match[str]], i: int) -> bool:
    """Whether candidate ``i``'s numeral is printed again at its level before its section can end."""
    kind = "top" if matches[i]["top"] is not None else "sub"
    for j in range(i + 1, len(matches)):  # by index: a slice would copy the rest for every candidate
        m = matches[j]
        if m["top"] is None and (m["sub"] is None or kind == "top"):
            return False  # an appendix begins, or a second-level heading looks past a top-level one
        if m[kind] == matches[i][kind]:
            return True
    return False


def _appendix_title(text: str, m: re.Match[str], rest: str, end: int) -> str | None:
    """附件1's title: the rest of its line, else the line after it; None when it is running text."""
    rest = rest.strip(" \t\u3000\u00a0:：")
    if len(rest) > rules.APPENDIX_REST_MAX or rules.TITLE_END in rest:
        return None
    if m["gloss"] is not None:
        return m["gloss"] if not rest else None
    if rest:
        return rest
    while end < len(text):  # the heading stands alone: its title is the next non-blank line
        nxt_end = _line_end(text, end + 1)
        nxt = text[end + 1:nxt_end]
        if nxt.strip():
            # Straight into its items (or a stray full stop): it has no title of its own.
            return (not rules.CANDIDATE.match(nxt) and _title(nxt)) or _printed(m["mark"])
        end = nxt_end
    return None  # a bare 附件 closing the text is a web page's leftover, not an appendix


def _printed(mark: str) -> str:
    """附件：1 → 附件1: an appendix's own name, as its number."""
    return re.sub(r"[\s:：]", "", mark)


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
    return [replace(s, end=e) for s, e in zip(sections, ends, strict=True)]


def _with_parts(sections: list[Section]) -> list[Section]:
    part_of: dict[str, str] = {}
    for s in sections:
        if s.parent is not None:
            part_of[s.id] = part_of[s.parent]
        elif s.id.startswith("A"):
            part_of[s.id] = "glossary" if rules.GLOSSARY.search(s.title) else "appendix"
        elif s.id != "0":
            part_of[s.id] = "review" if rules.REVIEW.search(s.title) else "plan"
    first_top = next((part_of[s.id] for s in sections if s.id != "0" and s.parent is None), "plan")
    # The greeting before a review is no part of the plan; a preface that opens the plan is.
    part_of["0"] = "preface" if first_top == "review" else "plan"
    return [replace(s, part=part_of[s.id]) for s in sections]


def _plan_start(sections: list[Section]) -> int:
    """Where the plan begins: the first top-level plan heading after a review; 0 with no review."""
    if not any(s.part == "review" for s in sections):
        return 0
    seen_review = False
    for s in sections:
        seen_review = seen_review or s.part == "review"
        if seen_review and s.parent is None and s.part == "plan":
            return s.start
    return max(s.end for s in sections if s.part == "review")


# --- plan year -----------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(20\d\d)年")  # 2025年; (?<!\d) keeps 12025 out
_YEAR_IS = re.compile(r"(?<!\d)(20\d\d)年是")  # 2025年是“十四五”规划收官之年
_TARGETS_YEAR = re.compile(r"(?<!\d)(20\d\d)年[^。\n]{0,12}?预期目标")  # 2025年全镇…主要预期目标


def _plan_year(text: str, sections: list[Section], plan_start: int) -> int | None:
    """The year the plan is for: what the plan part says of itself, else the review's year + 1."""
    plan_end = next((s.start for s in sections if s.part in ("appendix", "glossary")), len(text))
    plan = text[plan_start:plan_end]
    # After a review, the plan heading names its year (二、2025年工作安排); without one, a year in a
    # heading is as likely a horizon (到2035年) as the plan year.
    heading = next((s.title for s in sections if s.start == plan_start and s.parent is None), "") if plan_start else ""
    for pattern, where in ((_YEAR, heading), (_YEAR_IS, plan), (_TARGETS_YEAR, plan)):
        if found := pattern.search(where):
            return int(found[1])
    review = next((s.title for s in sections if s.part == "review"), "")
    if found := _YEAR.search(review):
        return int(found[1]) + 1
    years = Counter(_YEAR.findall(plan)).most_common(1)
    return int(years[0][0]) if years else None


# --- issuer --------------------------------------------------------------------------------

_UNIT = r"(?:自治区|省|市|县|区|镇|乡)"
_HANZI = r"[\u4e00-\u9fff]"
# Places a report names itself: its title, the congress it is given to, its head's signature.
_NAMED = (
    re.compile(rf"^\s*(?:20\d\d年)?(?P<name>{_HANZI}{{2,12}}?{_UNIT})(?:人民)?政府工作报告", re.M),
    re.compile(rf"在(?P<name>{_HANZI}{{2,12}}?{_UNIT})第[一二三四五六七八九十]+届人民代表大会"),
    re.compile(rf"^\s*(?P<name>{_HANZI}{{2,12}}?(?P<unit>[省市县区镇乡]))(?P=unit)长", re.M),
)
_SELF = re.compile(r"我([省市县区镇乡])")  # 我镇, 我省: the report speaking of its own place
# Slogans that carry the bare place name: 平安水口, 法治广东, 水口样板, 贡献水口力量.
_SLOGAN = re.compile(rf"(?:平安|法治|绿美|美丽|幸福|文明|活力)({_HANZI}{{2}})|({_HANZI}{{2}})(?:样板|力量)")
# Words those slogans also take that are no place (美丽乡村, 幸福生活, 中国力量).
_NOT_PLACES = frozenset({"中国", "乡村", "城市", "城乡", "经济", "社会", "发展", "生活", "家园", "校园", "庭院",
                         "人民"})


def _issuer(text: str) -> str | None:
    """The government that gives the report (发文机关): 水口镇人民政府, 广东省人民政府."""
    levels = Counter(_SELF.findall(text)).most_common(1)
    level = levels[0][0] if levels else None
    for pattern in _NAMED:
        for found in pattern.finditer(text):
            name = _innermost(found["name"])
            if level is None or name.endswith(level):
                return f"{name}人民政府"
    if level is None:
        return None
    names = Counter(a or b for a, b in _SLOGAN.findall(text))
    names = Counter({n: c for n, c in names.items() if n not in _NOT_PLACES})
    best = names.most_common(1)
    return f"{best[0][0]}{level}人民政府" if best and best[0][1] >= 2 else None


def _innermost(name: str) -> str:
    """江门市开平市水口镇 → 水口镇: the report's own place is the last unit named."""
    while True:
        found = re.search(rf"^{_HANZI}{{2,}}?{_UNIT}(?={_HANZI}{{2,}})", name)
        if not found or not re.search(rf"{_UNIT}$", name[found.end():]):
            return name
        name = name[found.end():]
