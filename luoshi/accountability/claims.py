"""Claims (回顾中的表述): the review's words about one target, and the verdict they give.

Every figure and every clause of the review that names the target's indicator is a candidate; the
best one is the claim. In order of preference (``Tier``): a figure of the plan year in the target's
own terms; a level reached by the end of the five-year period; an explicit 完成年度目标; a figure that
cannot be compared (another unit, 万亿级); a plain mention (稳步增长). None: ``not_reported``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import IntEnum

from luoshi.accountability.figures import Figure, figures_of
from luoshi.accountability.matching import Cover, Key, amount_of, canon, cover, covers, key_of, scope_of
from luoshi.accountability.review_part import ReviewSentence
from luoshi.accountability.verdicts import comparable, judge
from luoshi.accountability.wording import item_names, names_place, next_to_figure, part_of_whole, related, same_stage
from luoshi.plan import Span, Target
from luoshi.report import Report
from luoshi.rules import accountability as rules
from luoshi.rules import review_claims
from luoshi.rules.units import measure_of


class Tier(IntEnum):
    """How good a candidate claim is: lower is better."""

    YEAR_FIGURE = 0
    PERIOD_LEVEL = 1
    COMPLETION = 2
    NOT_COMPARABLE = 3
    MENTION = 4


@dataclass(frozen=True)
class Claim:
    """The review's claim about a target (兑现表述): its exact words, where they stand, its figure."""

    text: str
    span: Span  # offsets in the normalised text and in the user's file
    actual: float | None  # the outcome, when the claim's figure answers the target (met or missed)
    actual_unit: str | None
    period: str  # year | five_years
    rule: str  # what recognised it: figure, period_level, completion, not_comparable, mention, magnitude, counted_list
    figure: str | None = None  # the figure the claim gives, as written (69家), whether it answers or not


@dataclass(frozen=True)
class Passage:
    """A clause of the review with its canonical words (供检索的分句)."""

    text: str
    canon: str
    start: int
    end: int
    period: str


@dataclass(frozen=True)
class Prepared:
    """The review part read once for all targets: its figures and clauses."""

    figures: tuple[tuple[Figure, str, str], ...]  # figure, canonical context, canonical own words
    passages: tuple[Passage, ...]


def prepare(sentences: list[ReviewSentence]) -> Prepared:
    """The figures and clauses of the review sentences, with their canonical words."""
    figures = tuple((f, canon(f.context), canon(f.own)) for s in sentences for f in figures_of(s))
    passages = tuple(Passage(s.text[a:b].strip(), canon(s.text[a:b]), s.start + a, s.start + b, s.period)
                     for s in sentences for a, b in _subjects(s.text) if s.text[a:b].strip())
    return Prepared(figures, passages)


def _subjects(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence, one that opens with a verb (实现播种面积、单产、总产量“三增”) taken with the clause
    before it, its subject (粮食生产克服重重困难)."""
    out: list[tuple[int, int]] = []
    for a, b in _clauses(text):
        if out and review_claims.SUBJECTLESS.match(text[a:b].strip()):
            out.append((out[-1][0], b))
        else:
            out.append((a, b))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause of a sentence: what lies between its clause marks."""
    marks = [(m.start(), m.end()) for m in review_claims.CLAUSE_MARK.finditer(text)]
    starts = [0, *(end for _, end in marks)]
    ends = [*(start for start, _ in marks), len(text)]
    return list(zip(starts, ends, strict=True))


@dataclass(frozen=True)
class _Candidate:
    tier: Tier
    same_scope: bool
    own: float
    share: float
    start: int
    end: int
    period: str
    figure: Figure | None = None
    actual: float | None = None  # in the target's unit, when comparable
    rule: str = ""
    written: tuple[float, str] | None = None  # the figure as the claim writes it (value, unit)
    same_stage: bool = True  # it counts the target's stage of the work (开工, 完工), or names none

    def rank(self) -> tuple[int, bool, bool, float, float, int]:
        return self.tier, not self.same_scope, not self.same_stage, -self.own, -self.share, self.start


def _same_scope(key: Key, words: str, c: Cover, own: str = "") -> bool:
    """Whether the claim's words keep the target's scope: its own words first (城镇 of 城镇和农村居民…), else
    the words just before the indicator's (新增基础教育公办学位)."""
    if key.scope is None:
        return True
    found = scope_of(own) if own else None
    if found is None and own and len(own) <= review_claims.QUALIFIER:
        head = next(s.head for s in rules.SCOPES if s.name == key.scope[0])
        found = scope_of(own + head)  # 城镇 in 城镇和农村居民人均可支配收入: 城镇居民
    if found is None:
        found = scope_of(words[max(0, c.start - review_claims.SCOPE_REACH):c.end])
    return found is None or found == key.scope


@dataclass
class _Figures:
    """The figure candidates of a target, and what the search saw on the way."""

    candidates: list[_Candidate]
    named: list[tuple[int, int]]  # claims that name the indicator, figures of another period included
    other_period: bool = False  # a figure of another span named it (累计完成林分优化1105万亩)


def _figure_candidates(target: Target, key: Key, prepared: Prepared) -> _Figures:
    found = _Figures([], [])
    out = found.candidates
    for f, context, own in prepared.figures:
        c = covers(key, context)
        if not c.ok or not names_place(key, f.context + f.tail):
            continue  # 在粤就业 does not name 到粤东粤西粤北
        if f.item and not item_names(key, canon(f.item)):
            found.named.append((f.claim_start, f.claim_end))  # 原油加工量 of 原油加工量、天然气产量 is not 原油产量
            continue
        if f.excluded is None or f.excluded in review_claims.OTHER_PERIOD:
            found.named.append((f.claim_start, f.claim_end))  # its clause is no bare mention
        if f.excluded:
            found.other_period = found.other_period or f.excluded in review_claims.OTHER_PERIOD
            continue
        actual = comparable(target, f)
        if key.short and (actual is None or not next_to_figure(key, target, f, own)):
            continue  # 队伍, 投资: too vague to be answered by another unit, or by words not next to the figure
        if actual is None and measure_of(target.unit) == measure_of(f.unit) == "count":
            continue  # 5类 against 71处: a count of other things
        same = _same_scope(key, context, c, own)
        own_share = cover(key.noun, own).share
        if key.threshold and not _passes(key.threshold, f.context):
            continue  # 产值超过100亿元的园区: a figure about parks that pass another bar
        if actual is None:
            tier, rule = Tier.NOT_COMPARABLE, "not_comparable"
        else:
            tier = Tier.YEAR_FIGURE if f.period == "year" else Tier.PERIOD_LEVEL
            rule = "figure" if f.period == "year" else "period_level"
        out.append(_Candidate(tier, same, own_share, c.share, f.claim_start, f.claim_end, f.period, f, actual, rule,
                              (f.value, f.unit) if actual is not None else None, same_stage(key, f.own)))
    return found


def _passes(threshold: tuple[str, float], words: str) -> bool:
    """Whether the words say the measure passed the threshold (园区产值超过100亿元 passes 百亿)."""
    measure, bar = threshold
    for m in review_claims.PAST_BAR.finditer(words):
        if measure in m.group("measure") and (amount := amount_of(m.group("amount"), m.group("unit") or "")):
            if amount >= bar:
                return True
    return False


def _listed_candidates(target: Target, key: Key, prepared: Prepared) -> list[_Candidate]:
    """延安苹果、汉中中药材入选国家级优势特色产业集群: two, counted from the names (counted_list)."""
    out: list[_Candidate] = []
    if measure_of(target.unit) != "count":
        return out
    for p in prepared.passages:
        if p.period != "year":
            continue
        c = cover(key.noun, p.canon)
        if not c.ok or c.share < rules.MIN_COVERAGE:
            continue
        m = review_claims.LISTED_NAMES.match(p.canon[:c.start])
        if m is None or (key.threshold and not _passes(key.threshold, p.text)):
            continue
        count = len(re.findall(r"[、和]", m.group("names"))) + 1
        out.append(_Candidate(Tier.YEAR_FIGURE, True, c.share, c.share, p.start, p.end, p.period, actual=count,
                              rule="counted_list", written=(count, target.unit)))
    return out


def _related_candidates(key: Key, prepared: Prepared) -> list[_Candidate]:
    """Figures of the year worded otherwise in the target's field (突破重点产业链技术难题761项 for 关键核心技术)."""
    return [_Candidate(Tier.NOT_COMPARABLE, True, 0.0, 0.0, f.claim_start, f.claim_end, f.period, f,
                       rule="related_wording")
            for f, _, _ in prepared.figures if f.period == "year" and not f.excluded and related(key, f)]


def _mention_candidates(key: Key, prepared: Prepared, named: list[tuple[int, int]]) -> list[_Candidate]:
    out: list[_Candidate] = []
    if key.short:
        return out
    for p in prepared.passages:
        if any(a < p.end and p.start < b for a, b in named):
            continue  # a clause with a figure for the indicator: the figure decides
        c = covers(key, p.canon)
        if not c.ok or not names_place(key, p.canon):
            continue
        same = _same_scope(key, p.canon, c)
        if review_claims.MAGNITUDE_WORD.search(p.text):
            out.append(_Candidate(Tier.NOT_COMPARABLE, same, c.share, c.share, p.start, p.end, p.period,
                                  rule="magnitude"))
        elif p.period != "year":
            continue  # the five-year part speaks of the period, not of the year
        elif rules.COMPLETION.search(p.canon[c.end:]):
            out.append(_Candidate(Tier.COMPLETION, same, c.share, c.share, p.start, p.end, p.period, rule="completion"))
        else:
            out.append(_Candidate(Tier.MENTION, same, c.share, c.share, p.start, p.end, p.period, rule="mention"))
    return out


def find_claim(target: Target, prepared: Prepared, report: Report) -> tuple[str, str, Claim | None]:
    """(verdict, rule, claim) for one target from the prepared review of ``report``.

    >>> from luoshi.accountability.review_part import review_sentences
    >>> from luoshi.document import Document
    >>> from luoshi.report import parse
    >>> text = "一、2025年工作回顾\\n新增基础教育公办学位50万个。\\n二、2026年工作安排\\n"
    >>> report = parse(Document("2026.txt", "txt", text))
    >>> target = Target("g1", "2.5", "新增义务教育学位", "quantity", "=", 40, "万个", "2025-12-31", "", "")
    >>> verdict, rule, claim = find_claim(target, prepare(review_sentences(report, 2025)), report)
    >>> verdict, rule, claim.text, claim.figure, claim.actual
    ('unclear', 'scope_differs', '新增基础教育公办学位50万个', '50万个', None)
    """
    key = key_of(target)
    if not key.noun:
        return "not_reported", "no_indicator", None
    figures = _figure_candidates(target, key, prepared)
    candidates = figures.candidates + _listed_candidates(target, key, prepared)
    candidates += _mention_candidates(key, prepared, figures.named) + _related_candidates(key, prepared)
    if not candidates:
        # Only a total of the five years (完成营造林3195万亩) or an average: not the year's, but said why.
        return "not_reported", "other_period" if figures.other_period else "not_found", None
    best = min(candidates, key=_Candidate.rank)
    verdict, rule = _verdict(target, key, best)
    claim = _claim(report, best)
    if verdict not in ("met", "missed"):
        claim = replace(claim, actual=None, actual_unit=None)  # a figure that does not answer is no outcome
    return verdict, rule, claim


def _verdict(target: Target, key: Key, best: _Candidate) -> tuple[str, str]:
    if best.tier in (Tier.YEAR_FIGURE, Tier.PERIOD_LEVEL) and best.actual is not None:
        f = best.figure
        if not best.same_scope:
            return "unclear", "scope_differs"
        if not best.same_stage:
            return "unclear", "stage_differs"
        if f is not None and part_of_whole(key, f.own):
            return "unclear", "part_of_whole"
        if f is not None and _other_kind(target, f.own):
            return "unclear", "quoted_kind"
        if f is not None and key.flow and f.stock:
            return "unclear", "flow_vs_stock"
        return judge(target, best.actual, f.lower_bound if f else False)
    if best.tier == Tier.COMPLETION:
        return "met", "completion"
    return "unclear", best.rule


def _other_kind(target: Target, own: str) -> bool:
    """专精特新“小巨人”企业 against 专精特新企业: a quoted name the target does not carry."""
    return any(canon(q) not in canon(target.indicator + target.source_text) for q in rules.QUOTED_KIND.findall(own))


def _claim(report: Report, c: _Candidate) -> Claim:
    text = report.text[c.start:c.end]
    lead = len(text) - len(text.lstrip(" \u3000"))
    start, end = c.start + lead, c.start + len(text.rstrip(" \u3000"))
    n = report.normalised
    span = Span(start, end, n.source_offset(start), n.source_offset(end))
    value, unit = c.written or (None, None)
    figure = f"{c.figure.value:g}{c.figure.unit}" if c.figure else (f"{value:g}{unit}" if value is not None else None)
    return Claim(report.text[start:end], span, value, unit, c.period, c.rule, figure)
