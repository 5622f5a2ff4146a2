"""Stage: departments (牵头单位/配合单位): a suggested lead office and co-operating offices per task.

The words of a task are scored against the catalogue of ``luoshi/rules/departments.py`` (each
keyword with its weight); the words of its section title count half, as context. The best domain's
office leads, the next ones that score at least half as much co-operate. The level (town, county,
province) comes from the issuer. A task no cue speaks for goes to the general office, with a low
confidence that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.extract import Draft
from luoshi.plan import evolve
from luoshi.rules.departments import DOMAINS, MAX_COOPERATING, level_of
from luoshi.rules.words import word_alternation

# The office that takes what no domain claims: it coordinates, and a person reassigns.
GENERAL_OFFICE = {"town": "党政办", "county": "政府办公室", "province": "省政府办公厅"}
TITLE_WEIGHT = 0.5  # a section title's words are context, not the task itself
_BY_NAME = {d.name: d for d in DOMAINS}
FULL_CONFIDENCE = 6.0  # a score this high (two outright cues) is as sure as the catalogue gets


@dataclass(frozen=True)
class Suggestion:
    """Who should carry a task (部门建议): lead, co-operating offices, and how sure the catalogue is."""

    lead: str
    cooperating: tuple[str, ...]
    confidence: float
    domains: tuple[str, ...]  # the domains that scored, best first: what explain shows


def scores(text: str, context: str = "") -> dict[str, float]:
    """Each domain's score for a text (领域得分), the context (section title) counting half.

    >>> s = scores("扎实抓好安全生产和灾害防范应对")
    >>> max(s, key=s.get)
    'emergency'
    >>> scores("按时完成") == {}
    True
    """
    out: dict[str, float] = {}
    for cue in _cues_in(text):
        for domain, weight in _CUE_DOMAINS[cue]:
            out[domain] = out.get(domain, 0) + weight
    for domain, score in _context_scores(context).items():
        out[domain] = out.get(domain, 0) + TITLE_WEIGHT * score
    return out


# One scan finds the cues: the longest cue at each match, plus the shorter cues inside it (招商引资
# holds 招商, 引资). A cue counts once per text, as ``cue in text`` would; only a cue that straddles the
# end of another match (…安全生产 + 产业…) is missed, a price paid for a scan 5x faster than 300 ``in`` tests.
_CUE_DOMAINS: dict[str, list[tuple[str, int]]] = {}
for _domain in DOMAINS:
    for _cue, _weight in _domain.cues:
        _CUE_DOMAINS.setdefault(_cue, []).append((_domain.name, _weight))
_CUE_RE = re.compile(word_alternation(_CUE_DOMAINS))
# Each cue with the shorter cues inside it, the cue first.
_WITH_INSIDE = {c: (c, *(p for p in _CUE_DOMAINS if p != c and p in c)) for c in _CUE_DOMAINS}


def _cues_in(text: str) -> dict[str, None]:
    # In order of appearance, not a set: a set's order of strings changes with PYTHONHASHSEED, and
    # domains that tie would then swap places in the co-operating list from one run to the next.
    found: dict[str, None] = {}
    for cue in _CUE_RE.findall(text):
        for c in _WITH_INSIDE[cue]:
            found[c] = None
    return found


@lru_cache(maxsize=256)
def _context_scores(context: str) -> dict[str, float]:
    """A section title's scores, computed once per title: every task of the section shares them."""
    return scores(context) if context else {}


def suggest(text: str, level: str = "town", context: str = "") -> Suggestion:
    """The suggested lead and co-operating offices for a task's text (牵头和配合单位).

    >>> s = suggest("全力推动总投资50亿元的建滔(开平)新一代信息技术产业园项目顺利落地")
    >>> s.lead, s.confidence > 0.5
    ('经济发展办(招商)', True)
    >>> suggest("加快推进水口医院新建医养结合综合大楼建设", "province").lead
    '省卫生健康委'
    >>> suggest("凝聚各方爱心合力", "county").lead
    '政府办公室'
    """
    ranked = sorted(scores(text, context).items(), key=lambda kv: -kv[1])
    if not ranked:
        return Suggestion(GENERAL_OFFICE[level], (), 0.1, ())
    top = ranked[0][1]
    lead = _BY_NAME[ranked[0][0]].office(level)
    cooperating: list[str] = []
    for name, score in ranked[1:]:
        office = _BY_NAME[name].office(level)
        if score >= max(2.0, top / 2) and office != lead and office not in cooperating:
            cooperating.append(office)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    # Sure when the lead's score is high and clearly ahead of the runner-up.
    confidence = min(1.0, top / FULL_CONFIDENCE) * (top / (top + second))
    return Suggestion(lead, tuple(cooperating[:MAX_COOPERATING]), round(confidence, 2),
                      tuple(name for name, _ in ranked))


def suggest_departments(draft: Draft) -> Draft:
    """Stage: every task gets its suggested lead, co-operating offices and confidence."""
    report = draft.report
    level = level_of(report.issuer)
    titles = {s.id: s.title for s in report.structure.sections}
    tasks = []
    for task in draft.tasks:
        context = titles.get(task.section, "")
        if "." in task.section:  # a subsection's parent title is context too
            context += titles.get(task.section.split(".")[0], "")
        s = suggest(task.text, level, context)
        tasks.append(evolve(task, lead=s.lead, cooperating=s.cooperating, confidence=s.confidence))
    return draft.with_(tasks=tuple(tasks))


class _Stub:
    def __init__(self, level: str) -> None:
        self.level = level

    def clear_lead(self, text: str) -> str | None:
        ranked = sorted(scores(text).items(), key=lambda kv: -kv[1])
        return _BY_NAME[ranked[0][0]].office(self.level) if ranked and ranked[0][1] >= 2 else None


def assigner(draft: Draft) -> _Stub:
    return _Stub(level_of(draft.report.issuer))
