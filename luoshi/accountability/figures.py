"""Figures of the review (回顾中的数字): each number of the review with the words that say what it measures.

A figure knows its clause (分句) and its own words: the words before it back to the clause start, or,
in a list (工业、制造业投资分别增长9.4%、13.3%), its own item. A clause that opens with a verb
(…创历史新高，达到5379亿元、增长18.5%) takes the clause before it as its subject. The cues of
``luoshi.rules.review_claims`` say whether a figure is a growth or a level, and whether it is an
outcome of the plan year at all (累计, 年均, a flow of the five-year period).
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi import rx
from luoshi.accountability.review_part import ReviewSentence
from luoshi.extract.numbers import Number, find_numbers
from luoshi.rules import review_claims as rules
from luoshi.rules.units import clean_unit, measure_of

_MEASURES = frozenset({"percent", "points", "money", "count", "physical"})
_NOT_THIS_YEAR = tuple((rx.compile(cue.pattern), cue.name) for cue in rules.NOT_THIS_YEAR)


@dataclass(frozen=True)
class Figure:
    """A figure of the review (回顾中的数字) with its words, its kind and whether it counts for the year.

    ``value`` is as written, negative after a decrease word (下降6.8% → -6.8), in % for 增长1倍 (100).
    ``own`` are its own words, ``context`` its clause's words up to it (with an inherited subject);
    ``claim_start``/``claim_end`` the shortest quote stating it, as offsets in the normalised text.
    """

    value: float
    unit: str
    kind: str  # growth | level
    own: str
    context: str
    claim_start: int
    claim_end: int
    period: str  # year | five_years
    stock: bool = False  # a total reached (达到69家, 增至22家), not what was added
    lower_bound: bool = False  # 超过85%, 5.5%以上: at least the value
    excluded: str | None = None  # the cue that makes it no outcome of the plan year
    noun: str = ""  # the noun after a count (推动1万家工业企业技术改造: 工业企业技术改造), part of ``own``
    item: str = ""  # in a list of as many items as values, its item with the list's head noun (原油加工量 + 电量)
    tail: str = ""  # the words after it to the end of its clause (…高校毕业生到粤东粤西粤北地区就业)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in rules.CLAUSE_MARK.finditer(text, 0, start):
        left = m.end()
    m = rules.CLAUSE_MARK.search(text, end)
    return left, (m.start() if m else len(text))


def _kind(stem: str, unit: str) -> tuple[str, bool]:
    """(kind, is a decrease) of a figure from the words before it, fillers stripped."""
    stem = rules.FILLER.sub("", stem)
    measure = measure_of(unit)
    if rules.DECREASE_BEFORE.search(stem) and measure in ("percent", "points"):
        return "growth", True
    if rules.GROWTH_BEFORE.search(stem) and (measure in ("percent", "points") or unit == rules.TIMES_UNIT):
        return "growth", False
    if measure == "points":
        return "growth", False
    return "level", False


def _excluded(before: str, period: str, level: bool) -> str | None:
    for pattern, name in _NOT_THIS_YEAR:
        if pattern.search(before):
            return name
    if period == "five_years" and not level:
        return "five_years_flow"
    return None


def _list_of(numbers: list[Number], i: int, text: str) -> tuple[int, int]:
    """The first and last index of the list of figures number ``i`` stands in (5%、6%; 9.4％、13.3％、6.1％)."""
    first = last = i
    while (first > 0 and numbers[first - 1].end == numbers[first].start - 1
           and text[numbers[first].start - 1] in rules.LIST_JOIN):
        first -= 1
    while (last + 1 < len(numbers) and numbers[last].end == numbers[last + 1].start - 1
           and text[numbers[last].end] in rules.LIST_JOIN):
        last += 1
    return first, last


def figures_of(sentence: ReviewSentence) -> list[Figure]:
    """Every figure of a review sentence that measures something (dates, ordinals and bare numbers left out).

    >>> from luoshi.accountability.review_part import ReviewSentence
    >>> s = ReviewSentence("社会消费品零售总额实现4.6万亿元、增长2.8%。", 0, "year", "1")
    >>> [(f.value, f.unit, f.kind, f.context) for f in figures_of(s)]
    [(4.6, '万亿元', 'level', '社会消费品零售总额实现'), (2.8, '%', 'growth', '社会消费品零售总额实现4.6万亿元、增长')]
    >>> s = ReviewSentence("累计完成林分优化1105万亩、森林抚育1111万亩。", 0, "year", "1")
    >>> [f.excluded for f in figures_of(s)]
    ['cumulative', 'cumulative']
    >>> s = ReviewSentence("工业、制造业、工业技改投资分别增长9.4％、13.3％、6.1％。", 0, "year", "1")
    >>> [(f.value, f.own) for f in figures_of(s)]
    [(9.4, '工业'), (13.3, '制造业'), (6.1, '工业技改投资')]
    """
    text = sentence.text
    numbers = find_numbers(text)
    out: list[Figure] = []
    for i, n in enumerate(numbers):
        unit = clean_unit(n.unit)
        if measure_of(unit) not in _MEASURES:
            continue  # 2025年, 5G, 15年: no amount
        c0, c1 = _clause(text, n.start, n.end)
        before = text[c0:n.start].rstrip(" \u3000")
        after = text[n.end:c1]
        cue = rules.AFTER_FIGURE.match(after)
        claim_end = n.end + (cue.end() if cue else 0)
        first, last = _list_of(numbers, i, text)
        head = text[c0:numbers[first].start]
        own, stem, item = _own_words(text, numbers, i, c0, (first, last))
        if first < last:
            claim_end = max(claim_end, numbers[last].end)  # a list is quoted whole
        kind, decrease = _kind(stem, unit)
        value = n.value * 100 if unit == rules.TIMES_UNIT and kind == "growth" else n.value
        unit = "%" if unit == rules.TIMES_UNIT and kind == "growth" else unit
        if decrease:
            value = -value
        noun = ""
        if measure_of(unit) in ("count", "physical", "money") and not cue:
            m = rules.NOUN_END.search(after)
            noun = after[: m.start()] if m else after
        stem_end = rules.FILLER.sub("", stem)
        baseline = bool(rules.BASELINE_FROM.search(stem_end))
        level = kind == "level" and (measure_of(unit) == "percent" or bool(rules.LEVEL_BEFORE.search(stem.rstrip()))
                                     or bool(rules.LEVEL_BEFORE.search(stem_end)) or _is_to_of_from(numbers, i, text))
        excluded = "baseline" if baseline else _excluded(before, sentence.period, level)
        claim_start = c0
        context = before
        if c0 > 0 and (not rules.FILLER.sub("", before.strip(" \u3000")) or rules.SUBJECTLESS.match(before)):
            # …创历史新高，达到5379亿元、增长18.5%: the subject is the clause before.
            claim_start, _ = _clause(text, c0 - 1, c0 - 1)
            context = text[claim_start:n.start]
        claim_end = max(claim_end, n.end + len(noun)) if noun else claim_end
        out.append(Figure(
            value=_round(value), unit=unit, kind=kind, own=own + noun, context=(context + noun)[-rules.MAX_CONTEXT:],
            claim_start=sentence.start + claim_start, claim_end=sentence.start + claim_end,
            period=sentence.period,
            stock=any(rules.STOCK_WORDS.search(w) for w in (stem.rstrip(), stem_end, head.rstrip())),
            lower_bound=bool(cue and rules.LOWER_BOUND_AFTER.match(cue.group(0)))
            or bool(rules.LOWER_BOUND_BEFORE.search(before)) or n.more,
            excluded=excluded, noun=noun, item=item, tail=after,
        ))
    return out


def _own_words(text: str, numbers: list[Number], i: int, c0: int, group: tuple[int, int]) -> tuple[str, str, str]:
    """(own words, words deciding its kind, list item with the list's head) of number ``i`` whose clause starts at
    ``c0``.

    In a list of values (工业、制造业、工业技改投资分别增长9.4%、13.3%、6.1%; 农村自来水、卫生户厕普及率超过
    98%、85%) with as many items as values, the i-th item's words go with the i-th value. After another
    figure of the clause (新增园区1个、产业强镇7个), the words since the separator. Else the clause's words.
    """
    first, last = group
    before = text[c0:numbers[i].start].rstrip(" \u3000")
    if first < last:
        head = text[c0:numbers[first].start]
        cut = head.find(rules.RESPECTIVELY)
        subject = head[:cut] if cut >= 0 else rules.SUBJECT_END.sub("", head)
        items = [s for s in rules.LIST_SEPARATOR.split(subject) if s]
        if len(items) == last - first + 1:
            return items[i - first], head, items[i - first] + items[-1][-2:]
        return subject, head, ""
    prev_end = numbers[i - 1].end if i > 0 and numbers[i - 1].start >= c0 else None
    seps = list(rules.LIST_SEPARATOR.finditer(text, prev_end, numbers[i].start)) if prev_end is not None else []
    return (text[seps[-1].end():numbers[i].start] if seps else before), before, ""


def _is_to_of_from(numbers: list[Number], i: int, text: str) -> bool:
    """从1795亿元增加到5260亿元: the second number is the level reached."""
    if i == 0:
        return False
    between = text[numbers[i - 1].end:numbers[i].start]
    return bool(rules.LEVEL_TO.search(between)) and bool(rules.BASELINE_FROM.search(text[: numbers[i - 1].start]))


def _round(value: float) -> float:
    return int(value) if value == int(value) else round(value, 6)
