"""Stage: targets (量化目标): the numbers each plan sentence commits to, with kind, comparator and deadline.

For every number of a sentence (``numbers.find_numbers``) the rules of ``luoshi/rules/`` are asked in
turn: is it a non-target (nontargets.py)? which comparator (comparators.py), kind (kinds.py) and
deadline (deadlines.py)? what does it measure (indicators.py)? ``read_sentence`` returns every
number with the rules that fired, which ``luoshi explain`` prints; ``find_targets`` keeps the targets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from luoshi import rx
from luoshi.extract import Draft, Sentence
from luoshi.extract.indicators import indicator_of
from luoshi.extract.numbers import Number, find_numbers
from luoshi.extract.screening import BASELINE_FROM, _start, is_baseline, screen, screen_sentence
from luoshi.plan import Span, Target
from luoshi.report import Report
from luoshi.rules.comparators import comparator_of
from luoshi.rules.deadlines import match_deadline
from luoshi.rules.kinds import GOES_ON, kind_of
from luoshi.rules.units import measure_of

_CLAUSE_MARK = rx.compile(r"[，；。：！？,;:!?\t]")  # \t: the cells of a table row are clauses
_LIST_JOINS = "、和及与"  # 增长5%、6%: the second value is listed after the first
_SPACES = " \u3000\u00a0"  # PDF text keeps spaces around numbers: 增长 5 %
_FIRMNESS = rx.compile(r"确保|力争|争取")
# A floor on an amount in the words that describe what is counted (超亿元, 10亿元以上); not 规模以上 or
# 省级以上, which name a class, not a floor.
_QUALIFIED_FLOOR = rx.compile(r"超(?:[0-9]|[亿万千百])|(?:[0-9]|[亿万千百])元?以上")
_SPREAD = rx.compile(r"(?<![人年平])均\Z")  # 增速均达到; not 人均, 年均, 平均
# What separates the items of a list inside a clause (not 和美, 和谐, 及以上).
_SEPARATOR = rx.compile(r"、|和(?![美谐])|及(?!以[上下])|与")
_BARE_CHANGE = rx.compile(r"^(?:同比|比上年|较上年|比去年)?\Z")  # 同比增长8%: the indicator is the clause before
# Verbs that open a clause and take the count as object; an item of a list after them reuses them.
_VERB = rx.compile(
    r"^(?:新增|新建|新开工|开工建设|新改扩建|改扩建|建设|培育|创建|改造|建成|完成|实施|推进|打造|引进|新引进|开展|吸引"
    r"|聘请|支持|布局|升级|启动|组织开展|举办)"
)
# Words that speak of the plan year: a sentence holding one no longer reports the past.
# (全年 and 年内 are not among them: 全年完成… reports a result as often as it sets one.)
_FUTURE = rx.compile(r"今年|明年|将|要|力争|确保|计划|预期|目标|争取")
_SHORT_OPENER = 10  # a first clause this short that holds a time word sets the deadline of the sentence


@dataclass(frozen=True)
class Found:
    """One target read from a sentence, before it gets its id and section (在句中的目标)."""

    indicator: str
    kind: str
    comparator: str
    value: float
    unit: str
    deadline: str
    deadline_text: str
    source_text: str
    start: int  # of the source text, in the sentence
    end: int
    upper: float | None = None
    baseline: float | None = None
    firmness: str = "plain"
    rule: str = ""


@dataclass(frozen=True)
class Reading:
    """What the rules made of one number (数字的解读): the targets, or the rule that ruled it out."""

    number: Number
    targets: tuple[Found, ...] = ()
    skipped: str | None = None  # name of the non-target rule
    rules: tuple[str, ...] = field(default_factory=tuple)


# The most a clause reaches on either side of its number. The longest clause of the four corpus
# reports is 79 characters; without a bound, a report pasted without punctuation is one clause, and
# every number of it re-reads the whole text: 80 KB took 99 s.
MAX_CLAUSE_REACH = 300
# The most a sentence is read back from a number for 确保/力争 (real sentences stay under 400 characters).
MAX_SENTENCE_REACH = 1000


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (分句) holding text[start:end]: between the nearest ，；。： on either side,
    at most ``MAX_CLAUSE_REACH`` characters away."""
    left = max(0, start - MAX_CLAUSE_REACH)
    for m in _CLAUSE_MARK.finditer(text, left, start):
        left = m.end()
    right = min(len(text), end + MAX_CLAUSE_REACH)
    m = _CLAUSE_MARK.search(text, end, right)
    return left, (m.start() if m else right)


def _number_value(value: float) -> float:
    return int(value) if value == int(value) else value


def _deadline(text: str, c0: int, c1: int, year: int) -> tuple[str, str]:
    """(deadline, deadline text) of the clause text[c0:c1]; the end of the plan year when none is stated."""
    found = match_deadline(text[c0:c1], year)
    if found is None and c0 > 0:
        # 到2027年，新建…: a short opening clause that is only a time word dates the sentence.
        first_end = _CLAUSE_MARK.search(text, 0, _SHORT_OPENER + 1)
        if first_end and first_end.start() <= _SHORT_OPENER:
            found = match_deadline(text[: first_end.start()], year)
    if found is None:
        return f"{year}-12-31", ""
    return found[0], found[1]


def _firmness(text: str, end: int) -> str:
    """binding (确保) or stretch (力争, 争取) from the last such word before the number; plain otherwise."""
    last = None
    for m in _FIRMNESS.finditer(text, max(0, end - MAX_SENTENCE_REACH), end):
        last = m.group(0)
    return {"确保": "binding", "力争": "stretch", "争取": "stretch"}.get(last or "", "plain")


def read_sentence(text: str, year: int, *, heading: bool = False, past: bool = False,
                  seen: set[tuple[float, str, str]] | None = None) -> list[Reading]:
    """Every number of a plan sentence and what the rules made of it.

    ``heading``: the sentence is a section's title (its numbers name the section).
    ``past``: the sentence goes on with a paragraph that reports the past year (past_paragraph).
    ``seen``: counts in Chinese numerals met earlier in the section (repeated mentions are skipped).

    >>> [(t.indicator, t.kind, t.comparator, t.value, t.unit) for r in read_sentence("地区生产总值增长5%左右", 2025)
    ...  for t in r.targets]
    [('地区生产总值', 'growth', '~', 5, '%')]
    >>> [r.skipped for r in read_sentence("深入贯彻党的二十届三中全会精神，落实“1310”具体部署", 2025)]
    ['name_suffix', 'name_suffix', 'no_unit']
    """
    numbers = find_numbers(text)
    readings: list[Reading] = []
    whole = screen_sentence(text, year) or ("past_paragraph" if past and not _speaks_of_plan_year(text, year) else None)
    pending_baselines: list[float] = []
    last: Found | None = None  # the last target of the sentence: 增长5.5%以上，力争6% goes on from it
    for i, n in enumerate(numbers):
        c0, c1 = _clause_bounds(text, n.start, n.end)
        before, after = text[c0:n.start].rstrip(_SPACES), text[n.end:c1].lstrip(_SPACES)
        # A value listed after another (增长5%、6%; 202元、270元) shares the first one's words before it.
        context = before
        j = i
        while j > 0 and text[numbers[j].start - 1] in _LIST_JOINS and numbers[j - 1].end == numbers[j].start - 1:
            j -= 1
            context = text[c0:numbers[j].start].rstrip(_SPACES)
        # A title's count in words names its list (2025年省十件民生实事); a number with a unit in a title stays.
        skip = whole or ("heading" if heading and n.chinese else None) or screen(
            text, n, numbers, context, after, c1, year)
        if skip is None and n.chinese and seen is not None:
            key = (n.value, n.unit, after[:4])
            if key in seen:
                skip = "repeated_count"
            seen.add(key)
        if skip is None and is_baseline(context, after):
            pending_baselines.append(n.value)
            skip = "baseline"
        if skip:
            readings.append(Reading(n, skipped=skip))
            continue
        reading = _read_target(text, year, n, numbers, context, after, c0, c1, pending_baselines, last)
        last = reading.targets[-1] if reading.targets else last
        readings.append(reading)
    return readings


def _read_target(text: str, year: int, n: Number, numbers: list[Number], before: str, after: str,
                 c0: int, c1: int, baselines: list[float], last: Found | None) -> Reading:
    """The target(s) of a number that passed screening: kind, comparator, value, deadline, indicator."""
    measure = measure_of(n.unit)
    kind, decrease, kind_rule = kind_of(before, after, measure)
    if last is not None and last.unit == n.unit and GOES_ON.match(before):
        # 增长5.5%以上，力争6%: a second figure for the same indicator, read like the first.
        kind, decrease, kind_rule = last.kind, last.value < 0, "goes_on"
    comparator, comparator_rule = comparator_of(before, after)
    rules = [kind_rule, comparator_rule]
    if n.upper is not None:
        comparator, comparator_rule = ">=", "range"
        rules.append("range")
    if n.more and comparator_rule == "plain":
        comparator, comparator_rule = ">=", "more_than"  # 100余家, 300多个: more than written
        rules.append("more_than")
    if kind == "rank" and comparator != "~":
        comparator, comparator_rule = "<=", "rank_ceiling"
        rules.append("rank_ceiling")
    own = _own_words(text, numbers, n, c0, before)
    if (comparator_rule == "plain" and measure == "count" and (not after.strip() or _SEPARATOR.match(after))
            and _QUALIFIED_FLOOR.search(own)):
        comparator, comparator_rule = ">=", "qualified_count_floor"
        rules.append("qualified_count_floor")
    value = -n.value if decrease else n.value
    deadline, deadline_text = _deadline(text, c0, c1, year)
    if deadline_text:
        rules.append("deadline")
    verb_m = _VERB.match(text[c0:c1])
    subjects = [before]
    stem = re.sub(r"(?:达到|超过|不低于|不少于|控制在|保持在|稳定在|达|超)\Z", "", before)
    if _SPREAD.search(stem):
        # 游客人次、出游总花费增速均达到20%以上: one number, several indicators.
        subjects = [s for s in _SEPARATOR.split(stem[:-1]) if s]
        rules.append("spread_jun")
    baseline = baselines.pop(0) if baselines and re.search(r"(?:到|至)\Z", before) else None
    if baseline is not None:
        rules.append("baseline")
        froms = list(BASELINE_FROM.finditer(before))
        subjects = [before[: froms[-1].start()]] if froms else subjects
    elif len(subjects) == 1:
        subjects = [own]
    if deadline_text:
        subjects = [s.replace(deadline_text, "") for s in subjects]
    verb = verb_m.group(0) if verb_m else ""
    if kind == "rank" and n.chinese:
        subjects = [s + n.text for s in subjects]  # 跻身全国百强县: the ranking is named by its number
    indicators = [indicator_of(subject, after, verb) for subject in subjects]
    if len(indicators) == 1 and _BARE_CHANGE.match(indicators[0]):
        # 增长5%、6%; 实现税收5亿元，同比增长8%: no words of its own, so the list's or the last target's.
        indicators = [indicator_of(before, after, verb) if before != own else ""]
        if _BARE_CHANGE.match(indicators[0]):
            indicators = [last.indicator if last else ""]
    found = tuple(
        Found(
            indicator=indicator,
            kind=kind, comparator=comparator, value=_number_value(value), unit=n.unit,
            deadline=deadline, deadline_text=deadline_text, source_text=text[c0:c1], start=c0, end=c1,
            upper=_number_value(-n.upper if decrease else n.upper) if n.upper is not None else None,
            baseline=_number_value(baseline) if baseline is not None else None,
            firmness=_firmness(text, n.start), rule=f"{kind_rule}+{comparator_rule}",
        )
        for indicator in indicators
    )
    return Reading(n, targets=found, rules=tuple(rules))


def _own_words(text: str, numbers: list[Number], n: Number, c0: int, before: str) -> str:
    """The words of a list item (新增3家…企业、促进15家…).

    They start after the last separator that follows the clause's first number.
    """
    i = bisect_left(numbers, c0, key=_start)  # numbers are in order: no scan of the whole sentence
    first = numbers[i] if i < len(numbers) else n
    if first is n:
        return before
    seps = list(_SEPARATOR.finditer(text, first.end, n.start))
    return text[seps[-1].end():n.start] if seps else before


def find_targets(draft: Draft) -> Draft:
    """Stage: the targets of every plan sentence, numbered g1, g2 … in reading order."""
    report = draft.report
    titles = {s.id: s.title.rstrip("。. ") for s in report.structure.sections}
    targets: list[Target] = []
    seen: dict[str, set[tuple[float, str, str]]] = {}
    past, previous_end = False, 0
    for sentence in draft.sentences:
        if "\n" in report.text[previous_end:sentence.start]:
            past = False  # a new paragraph
        previous_end = sentence.end
        heading = _is_heading(sentence.text, titles.get(sentence.section, ""))
        readings = read_sentence(sentence.text, report.year, heading=heading, past=past,
                                 seen=seen.setdefault(sentence.section, set()))
        past = past_paragraph(sentence.text, report.year, past)
        for reading in readings:
            for f in reading.targets:
                targets.append(_target(report, sentence, f, len(targets) + 1))
    return draft.with_(targets=tuple(targets))


def past_paragraph(text: str, year: int, past: bool) -> bool:
    """Whether the paragraph still reports the past after this sentence (过去一年…。全年完成…).

    A sentence opening on the past starts it; one that speaks of the plan year (今年, 将, 力争) ends it.

    >>> past_paragraph("过去一年，我们攻坚克难。", 2025, False)
    True
    >>> past_paragraph("今年，我们将新增3家企业。", 2025, True)
    False
    """
    if screen_sentence(text, year) in ("past_sentence", "past_year_sentence"):
        return True
    return past and not _speaks_of_plan_year(text, year)


def _speaks_of_plan_year(text: str, year: int) -> bool:
    return bool(_FUTURE.search(text)) or f"{year}年" in text


def _is_heading(text: str, title: str) -> bool:
    """The sentence is its section's title (with its numeral): 2025年省十件民生实事, （一）扩大内需。"""
    body = text.rstrip("。. ")
    return bool(title) and body.endswith(title) and len(body) - len(title) <= 6


def _target(report: Report, sentence: Sentence, f: Found, number: int) -> Target:
    """The plan's Target: its id, section and span (offsets in the normalised text and in the user's file)."""
    start, end = sentence.start + f.start, sentence.start + f.end
    normalised = report.normalised
    return Target(
        id=f"g{number}", section=sentence.section, indicator=f.indicator, kind=f.kind, comparator=f.comparator,
        value=f.value, unit=f.unit, deadline=f.deadline, deadline_text=f.deadline_text,
        source_text=f.source_text, upper=f.upper, baseline=f.baseline, firmness=f.firmness, rule=f.rule,
        span=Span(start, end, normalised.source_offset(start), normalised.source_offset(end)),
    )
