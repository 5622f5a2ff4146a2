"""Comparator cues (比较词): 以上 → >=, 以内 → <=, 左右 → ~, 控制在 → <=, 达到 → >=, else =.

Precedence (GUIDELINES.md): a cue written after the number qualifies the number itself and wins
over the verb before it: 控制在5.5%左右 is ~, 稳定在880亿斤以上 is >=, 达到30%左右 is ~.
Cases: ``tests/core/cases/comparators_cases.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx


@dataclass(frozen=True)
class ComparatorCue:
    """A named cue word (比较词) and the comparator it gives."""

    name: str
    pattern: str
    comparator: str
    why: str


# Written right after the number and its unit; matched at the start of the text after the unit.
AFTER_CUES: tuple[ComparatorCue, ...] = (
    ComparatorCue("after_about", r"左右|上下", "~", "5%左右: about"),
    ComparatorCue("after_floor", r"及?以上", ">=", "110万人以上: a floor"),
    ComparatorCue("after_ceiling", r"以内|以下|之内", "<=", "3.5%以内: a ceiling"),
)

# Written right before the number; matched at the end of the clause text before it.
# ORDER HAZARD: 不超过 contains 超过, which starts with 超; 不低于 contains 低于. The negated cues
# come first, and the matcher also prefers the cue that starts earliest (so 不超过 beats 超过).
BEFORE_CUES: tuple[ComparatorCue, ...] = (
    ComparatorCue("before_not_more", r"不超过|不高于|不多于|不大于", "<=", "不超过35微克: a ceiling"),
    ComparatorCue("before_not_less", r"不少于|不低于|不小于|(?:至少|最少)[\u4e00-\u9fff]{0,3}|最低", ">=",
                  "不少于5家, 至少建成1个: a floor (至少 may stand before its verb)"),
    ComparatorCue("before_ceiling",
                  r"控制在|控制到|控制|低于|少于|压缩到|压缩至|缩短到|缩短至|压减到|压减至|减少到|减少至", "<=",
                  "控制在3%, 压缩至3个工作日: a ceiling"),
    ComparatorCue("before_about", r"大约|(?<![节制契签预])约|(?<![最附临将])近", "~",
                  "约3万, 近2000家: about (not 节约, 预约, 最近)"),
    ComparatorCue("before_floor", r"超过|超出|突破|达到|(?<![下传表送])达|超|逾|高于|多于|(?<![通经越])过", ">=",
                  "达到, 突破, 超过, 超: a floor (not 下达, 通过, 经过)"),
    ComparatorCue("before_level",
                  r"保持在|保持|稳定在|维持在|提高到|提高至|提升到|提升至|增加到|增加至|增至|降至|降到|下降到", "=",
                  "保持, 稳定在, 提高到: a level to hold or reach, no direction"),
)

# What may stand between a before-cue and the number: 了 (达到了) and a per-capita phrase
# (超每千人6.5批次, 提高到每人每年700元). Words before the cue (均达到, 分别控制在) do not matter.
_PER = r"(?:每(?:千|万|百|十万)?(?:人口|人|户|生|名)?(?:每(?:年|月|日|天))?)?"

_BEFORE_RE = rx.compile(
    "(?:" + "|".join(f"(?P<{c.name}>{c.pattern})" for c in BEFORE_CUES) + rf")了?{_PER}\Z"
)
# A bound compared with a reference (不低于当地最低生活保障标准的1.6倍, 不超过原封顶线的20%): the
# cue stands before the reference, which ends in 的. Only explicit bound words, never 达到 or 为.
_REFERENCE_RE = rx.compile(
    r"""(?P<cue>不低于|不少于|不超过|不高于|低于|高于)   # an explicit bound word
        [^，；。、]{2,20}的\Z                             # the reference it compares with, ending in 的""",
    re.VERBOSE,
)
_AFTER_RE = rx.compile("(?:" + "|".join(f"(?P<{c.name}>{c.pattern})" for c in AFTER_CUES) + ")")
# Rates listed after the number (分别增长6%和7%左右, 5%、6%以上): the cue after the last one qualifies each.
# Only bare rates: a listed item with its own words (、投资增长7%以上) is a target of its own. Not 至 or —,
# which make a range (read by the number pattern).
_LISTED_RATES = rx.compile(r"(?:[、和及与]\s*[0-9]+(?:\.[0-9]+)?\s*(?:%|个百分点))+\s*")
_CUES = {c.name: c for c in (*BEFORE_CUES, *AFTER_CUES)}


def before_cue(before: str) -> ComparatorCue | None:
    """The cue ending the text before a number, if any.

    >>> before_cue("PM2.5平均浓度不超过").name
    'before_not_more'
    >>> before_cue("覆盖率超").comparator
    '>='
    >>> before_cue("地区生产总值增长") is None
    True
    >>> before_cue("特困人员基本生活标准不低于当地最低生活保障标准的").comparator
    '>='
    """
    m = _BEFORE_RE.search(before[-12:])
    if m is None:
        ref = _REFERENCE_RE.search(before[-30:])
        m = _BEFORE_RE.search(ref.group("cue")) if ref else None
    return _CUES[m.lastgroup] if m and m.lastgroup else None


def after_cue(after: str) -> ComparatorCue | None:
    """The cue right after a number's unit, if any.

    >>> after_cue("左右；").comparator
    '~'
    >>> after_cue("以上。").name
    'after_floor'
    >>> after_cue("和7%左右").comparator, after_cue("、投资增长7%以上") is None
    ('~', True)
    """
    m = _AFTER_RE.match(after)
    if m is None and (listed := _LISTED_RATES.match(after)):
        m = _AFTER_RE.match(after, listed.end())
    return _CUES[m.lastgroup] if m and m.lastgroup else None


def comparator_of(before: str, after: str) -> tuple[str, str]:
    """(comparator, rule name) from the cues around a number; after-cues win over before-cues.

    >>> comparator_of("城镇调查失业率控制在", "左右")
    ('~', 'after_about')
    >>> comparator_of("确保国考断面水质优良率稳定在", "以上")
    ('>=', 'after_floor')
    >>> comparator_of("地方一般公共预算收入增长", "；")
    ('=', 'plain')
    """
    cue = after_cue(after) or before_cue(before)
    return (cue.comparator, cue.name) if cue else ("=", "plain")
