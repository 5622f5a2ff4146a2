"""Screening (筛除非目标): the non-target rules that need more than a pattern over one side of a number.

The table is ``luoshi/rules/nontargets.py``; this module applies its ``logic`` rules (quotes, qualifiers,
baselines, past results, ranking names) in a fixed order, and the pattern rules through the table's
own functions. ``screen`` answers with the name of the first rule that rules a number out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from luoshi import rx
from luoshi.extract.numbers import Number
from luoshi.rules.comparators import before_cue
from luoshi.rules.kinds import RANK_POSITION
from luoshi.rules.nontargets import RULES_BY_NAME, context_rule, sentence_rule, unit_rule
from luoshi.rules.units import measure_of

BASELINE_FROM = rx.compile(r"从|由")
_BASELINE_TO = rx.compile(r"(?:提高|提升|增加|增长|下降|降低|减少|降)(?:到|至)")
# Between a qualifying amount and the count it qualifies: a level word, 的, and the noun counted, with
# no list separator and no second action (硬化道路10万平方米并安装路灯1000盏 is two targets).
_QUALIFIER_GAP = rx.compile(
    r"""(?:及?以上|以下|级)?的?                                   # 10亿元以上, 1000亿元的
        (?:(?![、和及与并且]|安装|建设|新建|改造|完成|实施|推进|开展|提供|铺设|硬化|打造|培育|新增|引进|改善)
           [\u4e00-\u9fff“”"]){1,12}\Z                          # the noun counted: 项目, 企业达到""",
    re.VERBOSE,
)
# An age or a time span is a target when it is what is measured: a lifespan, a time limit, a count of days.
_TIME_LEVEL = rx.compile(r"寿命|年龄|天数|时限|时长|用时|时间|周期|压缩|缩短")
_TIME_LEVEL_UNITS = frozenset({"岁", "天", "日", "小时", "分钟", "个月"})
_ABSTRACT = rx.compile(RULES_BY_NAME["abstract_count"].pattern, re.VERBOSE)
_ENTER_RANK = rx.compile(
    r"(?:进入|跻身|迈入|冲刺|挺进|稳居|保持|位居|位列|晋级|入围|创成|争创|突破|前)"
    r"(?:全国|全省|全市|中国|全球|世界)?[^，；。]{0,4}\Z"
)
# A year before the plan year, or 去年/上年, not compared with (比上年, 较2024年, 高于上年, 超过上年)
# nor built on (2024年基础上), and not the 上年 of 以上年龄.
_PAST_IN_CLAUSE = rx.compile(
    r"""(?<![比较与同于以过超])                              # not a comparison: 比上年, 高于上年, 以上年龄
        (?:(20[0-9]{2})年(?!的?基础|同期)                      # 2024年 (checked against the plan year)
          |去年(?!同期)|上一?年度?(?!同期))                    # 去年, 上年, 上一年度""",
    re.VERBOSE,
)
_LATER_POSITION = rx.compile(r"[^，；。]{0,6}前[0-9一二三四五六七八九十]")  # 百强县前50: 百强 names the list
_CODE_AFTER = rx.compile(r"[0-9A-Za-z+/.]")
_PAST_YEAR = rx.compile(r"(20[0-9]{2})年(?:[，,]|全[省市县区镇乡]|我[省市县区镇乡])")


def _start(n: Number) -> int:
    return n.start


def inside_quotes(text: str, start: int) -> bool:
    """in_quotes: the number stands inside “…” or 《…》 (a name: “1310”, “七个一”)."""
    head = text[:start]
    return head.count("“") > head.count("”") or head.count("《") > head.count("》") or head.count('"') % 2 == 1


def past_year(text: str, year: int) -> str | None:
    """past_year_sentence: a sentence opening on an earlier year (2024年，全县…) reports results."""
    m = _PAST_YEAR.match(text)
    return "past_year_sentence" if m and int(m.group(1)) < year else None


def _past_in_clause(before: str, year: int) -> bool:
    """past_in_clause: 去年完成12亿元, 2024年增长5%: a result of an earlier year (比上年, 较2024年 compare)."""
    for m in _PAST_IN_CLAUSE.finditer(before):
        if m.group(1) is None or int(m.group(1)) < year:
            return True
    return False


def screen(text: str, n: Number, numbers: list[Number], before: str, after: str, c1: int, year: int) -> str | None:
    """The non-target rule that rules a number out, if any (``before``: its clause up to it; ``c1``: clause end).

    >>> from luoshi.extract.numbers import find_numbers
    >>> text = "力争新引进超10亿元以上项目1个"
    >>> [screen(text, n, find_numbers(text), text[:n.start], text[n.end:], len(text), 2025)
    ...  for n in find_numbers(text)]
    ['qualifier', None]
    """
    rule = unit_rule(n.unit, n.chinese)
    if rule in ("age_qualifier", "date_or_duration") and n.unit in _TIME_LEVEL_UNITS and _TIME_LEVEL.search(before):
        rule = None  # 人均预期寿命达到79岁, 办理时限压缩至5天: a time that is itself the level to reach
    if rule == "no_unit" and RANK_POSITION.search(before) and not _CODE_AFTER.match(after):
        rule = None  # 进入全国百强县前50: a position needs no unit
    if rule:
        return rule
    if inside_quotes(text, n.start):
        return "in_quotes"
    if n.chinese and n.value < 3 and measure_of(n.unit) != "points":
        return "small_chinese_count"
    if n.unit == "强" and (not _ENTER_RANK.search(before) or _LATER_POSITION.match(after)):
        return "rank_list_name"  # 全国千强镇排名, 世界500强企业, 百强县前50: the list's name, not a place in it
    if n.unit in ("个", "项") and _ABSTRACT.match(after):
        return "abstract_count"
    if _past_in_clause(before, year):
        return "past_in_clause"
    rule = context_rule(before, after)
    if rule == "possession" and before_cue(before):
        rule = None  # 每千人口拥有…托位数不少于5.5个: the cue makes it a commitment
    if rule:
        return rule
    after_n = bisect_left(numbers, n.end, key=_start)  # numbers are in order: no scan of the whole sentence
    nxt = numbers[after_n] if after_n < len(numbers) else None
    if nxt is not None:
        gap = text[n.end:nxt.start]
        if (nxt.start < c1 and measure_of(nxt.unit) == "count" and unit_rule(nxt.unit, nxt.chinese) is None
                and _QUALIFIER_GAP.match(gap)):
            return "qualifier"
    return None


def is_baseline(before: str, after: str) -> bool:
    """baseline: 由57%提高到58%: a 从/由 before the number and a 提高到-word after it in the clause."""
    froms = [m.end() for m in BASELINE_FROM.finditer(before)]
    tos = [m.end() for m in _BASELINE_TO.finditer(before)]
    return bool(froms) and (not tos or froms[-1] > tos[-1]) and bool(_BASELINE_TO.search(after))


@lru_cache(maxsize=1)  # asked twice in a row of each sentence: by read_sentence, then by past_paragraph
def screen_sentence(text: str, year: int) -> str | None:
    """The rule that rules out every number of a sentence (a description, a past year), if any.

    >>> screen_sentence("2024年，全县地区生产总值增长5.8%", 2025)
    'past_year_sentence'
    >>> screen_sentence("今年地区生产总值增长6%", 2025) is None
    True
    """
    return sentence_rule(text) or past_year(text, year)
