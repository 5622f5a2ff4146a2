"""Stage: departments (牵头单位/配合单位): a suggested lead and cooperating units per row, from a list.

The list is the office's own (``Options.departments``: its names are the only ones a suggestion may
have) or, without one, the built-in catalogue of the issuer's level (``luoshi/rules/catalogues.py``).
Each field of work of ``luoshi/rules/departments.py`` is mapped onto the list once: the first of its unit
patterns that some department matches (by name or alias) names the department that carries it.

For a row, the office's own past choices come first (``Options.history``: a similar row of a previous
task table and the lead the office gave it); then the row's words are scored: each field's cues, the
list's keywords, and the departments the row names itself. The best-scoring department leads; the ones
the row names and a runner-up that scores at least half as much cooperate. A section title counts only
for a row no cue speaks for; a row nothing speaks for goes to the general office with confidence 0.1.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from luoshi import rx
from luoshi.departments import Department, Departments
from luoshi.extract import Draft
from luoshi.plan import evolve
from luoshi.rules.catalogues import catalogue, level_of
from luoshi.rules.departments import DOMAINS, GENERAL_UNITS, MAX_COOPERATING, TARGET_COUNTER
from luoshi.rules.words import word_alternation

FULL_CONFIDENCE = 6.0  # a score this high (two outright cues) is as sure as the cues get
KEYWORD_WEIGHT = 3  # a keyword the office wrote in its own list names the department outright
NAMED_WEIGHT = 3  # so does a department the row names itself
CLEAR = 2.0  # a lead is clear when its score reaches this (one strong cue)
REPEATS = 2  # a cue said again counts again, once
HISTORY_WEIGHT = 0.25  # the office's past leads, per rare character pair the row shares with past rows …
HISTORY_WEIGHT_WEAK = 2.0  # … and where the row's own cues say little (under CLEAR)


@dataclass(frozen=True)
class Suggestion:
    """Who should carry a row (部门建议): lead, cooperating units, how sure, and on what basis."""

    lead: str
    cooperating: tuple[str, ...]
    confidence: float
    domains: tuple[str, ...]  # the fields that scored, best first: what explain shows
    basis: str = "cues"  # history | cues | general


def scores(text: str) -> dict[str, float]:
    """Each field's score for a text (领域得分): the weights of its cues found in it, a cue said twice
    (扩大就业容量、提升就业质量) counting twice, never more.

    >>> s = scores("扎实抓好安全生产和灾害防范应对")
    >>> max(s, key=s.get)
    'emergency'
    >>> scores("按时完成") == {}
    True
    """
    out: dict[str, float] = {}
    for cue, times in _cues_in(text).items():
        for domain, weight in _CUE_DOMAINS[cue]:
            out[domain] = out.get(domain, 0) + weight * min(times, REPEATS)
    return out


# One scan finds the cues: the longest cue at each match, plus the shorter cues inside it (招商引资
# holds 招商, 引资). A cue counts once per text, as ``cue in text`` would; only a cue that straddles the
# end of another match (…安全生产 + 产业…) is missed, a price paid for a scan 5x faster than 300 ``in`` tests.
_CUE_DOMAINS: dict[str, list[tuple[str, int]]] = {}
for _domain in DOMAINS:
    for _cue, _weight in _domain.cues:
        _CUE_DOMAINS.setdefault(_cue, []).append((_domain.name, _weight))
_CUE_RE = rx.compile(word_alternation(_CUE_DOMAINS))
_CUE_ORDER = {cue: i for i, cue in enumerate(_CUE_DOMAINS)}


@cache
def _with_inside(cue: str) -> tuple[str, ...]:
    """The cue and the shorter cues inside it, in the order of the cue table (招商引资 → 招商引资, 招商, 引资)."""
    inside = {cue[i:j] for i in range(len(cue)) for j in range(i + 1, len(cue) + 1)} - {cue}
    return (cue, *sorted(inside & _CUE_ORDER.keys(), key=_CUE_ORDER.__getitem__))


def _cues_in(text: str) -> dict[str, int]:
    # In order of appearance, not a set: a set's order of strings changes with PYTHONHASHSEED, and
    # fields that tie would then swap places from one run to the next.
    found: dict[str, int] = {}
    for cue in _CUE_RE.findall(text):
        for c in _with_inside(cue):
            found[c] = found.get(c, 0) + 1
    return found


class Assigner:
    """Suggestions from one list of departments (按名单建议部门), with the office's history first."""

    def __init__(self, departments: Departments, history: object | None = None, *, own_list: bool = True) -> None:
        self.departments = departments
        self.history = history
        self.own_list = own_list  # a history's leads must be on the list only when the list is the office's
        self.carrier = {d.name: unit for d in DOMAINS if (unit := _carrier(departments.units, d.units))}
        self.general = _carrier(departments.units, GENERAL_UNITS) or departments.units[0].name
        self.target_counter = _carrier(departments.units, (TARGET_COUNTER,))
        keywords = {k: d.name for d in departments.units for k in d.keywords}
        self._keywords = keywords
        self._keyword_re = rx.compile(word_alternation(keywords)) if keywords else None

    def unit_scores(self, text: str) -> tuple[dict[str, float], list[str], list[str]]:
        """Each department's score for a text from its cues, the fields that scored (best first), the
        departments the text names itself."""
        by_domain = scores(text)
        out: dict[str, float] = {}
        for domain, score in sorted(by_domain.items(), key=lambda kv: -kv[1]):
            unit = self.carrier.get(domain)
            if unit:
                out[unit] = out.get(unit, 0) + score
        if self._keyword_re:
            for word in dict.fromkeys(self._keyword_re.findall(text)):
                unit = self._keywords[word]
                out[unit] = out.get(unit, 0) + KEYWORD_WEIGHT
        named = self.departments.named_in(text)
        for unit in named:
            out[unit] = out.get(unit, 0) + NAMED_WEIGHT
        return out, sorted(by_domain, key=lambda d: -by_domain[d]), named

    def _with_history(self, text: str, units: dict[str, float]) -> dict[str, float]:
        """The cue scores plus what the office did with rows sharing this row's words (历史佐证): weighty
        where the cues say little, a nudge where they speak clearly."""
        if self.history is None:
            return units
        allowed = set(self.departments.names) if self.own_list else None
        weight = HISTORY_WEIGHT if units and max(units.values()) >= CLEAR else HISTORY_WEIGHT_WEAK
        out = dict(units)
        for unit, evidence in self.history.evidence(text).items():  # type: ignore[attr-defined]
            if allowed is None or unit in allowed:
                out[unit] = out.get(unit, 0) + weight * evidence
        return out

    def suggest(self, text: str, context: str = "", label: str = "") -> Suggestion:
        """The suggested lead and cooperating units for a row's text (牵头和配合单位).

        ``label`` is the short label heading the row's paragraph (高标准高质量建设雄安新区。): a unit it names
        leads the paragraph's rows that name none. ``context`` (the section title) breaks a silence only.
        """
        cues, domains, named = self.unit_scores(text)
        if not named and label:
            for unit in self.departments.named_in(label):
                cues[unit] = cues.get(unit, 0) + NAMED_WEIGHT
        past = (self.history.lead_for(text, self.departments if self.own_list else None)  # type: ignore[attr-defined]
                if self.history is not None else None)
        units = self._with_history(text, cues)
        if not units and not past and context:
            units, domains, _ = self.unit_scores(context)
        ranked = sorted(units.items(), key=lambda kv: -kv[1])  # stable: ties keep the order of appearance
        if past:
            lead, confidence, basis = past[0], past[1], "history"
        elif ranked:
            top = ranked[0][1]
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            lead = ranked[0][0]
            confidence = min(1.0, top / FULL_CONFIDENCE) * (top / (top + second))
            by_cues = max(cues.items(), key=lambda kv: kv[1])[0] if cues else None
            basis = "cues" if lead == by_cues else "history"
        else:
            return Suggestion(self.general, tuple(n for n in named if n != self.general)[:MAX_COOPERATING], 0.1,
                              (), "general")
        top = ranked[0][1] if ranked else 0.0
        cooperating = [n for n in named if n != lead]
        for unit, score in ranked:
            if unit != lead and unit not in cooperating and score >= max(CLEAR, top / 3):
                cooperating.append(unit)
        return Suggestion(lead, tuple(cooperating[:MAX_COOPERATING]), round(confidence, 2), tuple(domains), basis)

    def clear_lead(self, text: str) -> str | None:
        """The department that would lead a stretch of text when its cues speak clearly, else None."""
        units, _domains, _named = self.unit_scores(text)
        if not units:
            return None
        unit, score = max(units.items(), key=lambda kv: kv[1])
        return unit if score >= CLEAR else None


def _carrier(units: tuple[Department, ...], patterns: tuple[str, ...]) -> str | None:
    """The first department of the list that matches the first pattern any department matches."""
    for pattern in patterns:
        compiled = _compiled(pattern)
        for unit in units:
            if any(compiled.search(name) for name in unit.names):
                return unit.name
    return None


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return rx.compile(pattern)


@lru_cache(maxsize=64)
def catalogue_assigner(level: str, issuer: str = "") -> Assigner:
    """The assigner of a built-in catalogue (内置目录), built once per level and issuer prefix."""
    return Assigner(Departments.of(catalogue(level, issuer), f"内置目录:{level}"))


def suggest(text: str, level: str = "town", context: str = "", issuer: str = "") -> Suggestion:
    """The suggestion from the built-in catalogue of a level (内置目录建议).

    >>> s = suggest("全力推动总投资50亿元的建滔(开平)新一代信息技术产业园项目顺利落地,加大招商引资力度")
    >>> s.lead, s.confidence > 0.5
    ('经济发展办', True)
    >>> suggest("加快推进水口医院新建医养结合综合大楼建设", "province").lead
    '省卫生健康委'
    >>> suggest("凝聚各方爱心合力", "county").lead
    '县政府办公室'
    """
    return catalogue_assigner(level, issuer).suggest(text, context)


def assigner(draft: Draft) -> Assigner:
    """The assigner for a draft: the office's list when it gave one, else the catalogue of its level."""
    options = draft.options
    if options.departments is not None and options.departments.units:
        return _list_assigner(options.departments, options.history)
    a = catalogue_assigner(options.level or level_of(draft.report.issuer), draft.report.issuer)
    return Assigner(a.departments, options.history, own_list=False) if options.history is not None else a


@lru_cache(maxsize=8)
def _list_assigner(departments: Departments, history: object | None) -> Assigner:
    return Assigner(departments, history)


def suggest_departments(draft: Draft) -> Draft:
    """Stage: every row gets its suggested lead, cooperating units, confidence and basis."""
    assign = assigner(draft)
    breaks = [m.start() for m in re.finditer("\n", draft.report.text)]  # paragraph ends, for bisect
    titles = {s.id: s.title for s in draft.report.structure.sections}
    labels = [(s.span.start, s.section, s.text) for s in draft.skipped
              if s.reason == "heading" and s.span and s.text.rstrip("。. ") != titles.get(s.section, "").rstrip("。. ")
              and not s.text.rstrip("。. ").endswith(titles.get(s.section, "\0").rstrip("。. "))]
    tasks = []
    for task in draft.tasks:
        context = titles.get(task.section, "")
        if "." in task.section:  # a subsection's parent title is context too
            context += titles.get(task.section.split(".")[0], "")
        at = task.span.start if task.span else 0
        # The labels of the row's own paragraph (提高投资效益。… 实施招商引资提质增效行动。…), outermost first.
        paragraph = bisect_left(breaks, at)
        label = "".join(text for start, section, text in labels
                        if start < at and section == task.section and bisect_left(breaks, start) == paragraph)
        s = assign.suggest(task.text, context, label)
        cooperating = s.cooperating
        counter = assign.target_counter
        if task.targets and counter and counter != s.lead and counter not in cooperating:
            cooperating = (*cooperating, counter)[:MAX_COOPERATING + 1]  # a target is counted by the statistics office
        tasks.append(evolve(task, lead=s.lead, cooperating=cooperating, confidence=s.confidence, basis=s.basis))
    return draft.with_(tasks=tuple(tasks))
