"""Non-targets (非目标数字): numbers a report writes that are not commitments for the plan year.

Years and dates, names and slogans (“1310”, 1+6+N, 5G, 二期, 第二轮), ages and durations that
qualify what is counted (65岁及以上, 满4年), counts of the report's own parts (以下9项工作,
十二个方面), existing things described (已建成, 拥有8个), baselines (由57%提高到58%).

Each rule is named and says why. ``where`` tells which piece of text its pattern is matched on:
``unit`` the number's unit; ``before`` the clause text just before the number (pattern anchored at
its end); ``after`` the text right after the unit (anchored at its start); ``sentence`` the whole
sentence. Rules with ``where="logic"`` are structural: their pattern documents the shape and the
code in ``luoshi/extract/screening.py`` (or ``targets.py``) that carries the same name applies it.
Order: unit rules, then logic rules, then ``before`` rules, then ``after`` rules, each in table order.
Cases: ``tests/core/cases/nontargets_cases.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx


@dataclass(frozen=True)
class NonTargetRule:
    """A named reason why a number is not a target (非目标规则)."""

    name: str
    where: str  # unit | before | after | sentence | logic
    pattern: str
    why: str


# Units that never make a target: they date, age or name what is counted. They are part of the
# number regex (longest first, so 个月 beats the 个 of units.py) so that explain can name them.
NONTARGET_UNITS: tuple[str, ...] = (
    "周年", "年度", "年", "个月", "月", "日", "天", "小时", "分钟", "秒", "岁", "周",
    "号线", "号", "期", "届", "轮", "代", "级", "大", "批", "方面", "中全会", "五", "星", "千伏", "伏",
)
# Written in words these name a phase or a round (二期, 第二轮, 一批); after digits they count (培训20期, 督查3轮).
CHINESE_ONLY_NAMES = frozenset({"期", "届", "轮", "批"})

NONTARGET_RULES: tuple[NonTargetRule, ...] = (
    NonTargetRule(
        "date_or_duration", "unit", r"周年|年度|年|个月|月|日|天|小时|分钟|秒|周",
        "years (2025年), dates (6月30日) and durations (满4年, 240小时过境免签) are not amounts to reach "
        "(unless a time limit is what is measured: 办理时限压缩至5天)",
    ),
    NonTargetRule(
        "age_qualifier", "unit", r"岁",
        "65岁及以上, 3岁以下 qualify who is counted (人均预期寿命达到79岁 is a level, not a qualifier)",
    ),
    NonTargetRule(
        "name_suffix", "unit", r"号线|号|期|届|轮|代|级|大|批|中全会|五|星|千伏|伏",
        "二期, 15号线, 二十届, 6大主导产业, 一批, 10千伏线路: phases, ordinals, names and classes",
    ),
    NonTargetRule(
        "report_structure", "unit", r"方面",
        "八方面, 十二个方面: the report counting its own parts",
    ),
    NonTargetRule(
        "no_unit", "unit", r"",
        "a bare number (12355热线, 3、4号机组) measures nothing; only percentages and units count",
    ),
    NonTargetRule(
        "ordinal", "before", r"第$",
        "第二轮, 第一批, 第3: an ordinal, not an amount",
    ),
    NonTargetRule(
        "code_or_name", "before", r"[A-Za-zＡ-Ｚａ-ｚ+＋/]$",
        "1+3个区域中心, N+2个: part of a formula or code (5G, 4K, PM2.5 have no unit or no number at all)",
    ),
    NonTargetRule(
        "own_parts", "after", r"(?:方面|部分|工作[：:]|重点工作)",
        "以下9项工作, 五个方面: counts of the report's own headings",
    ),
    NonTargetRule(
        "scope_location", "before", r"(?<![定持制])在$",
        "在17个乡镇硬化道路, 优先在25个重点县布局: where the work is done, not a count to reach "
        "(稳定在, 保持在, 控制在 are comparator cues)",
    ),
    NonTargetRule(
        "list_intro", "before", r"(?:以下|如下|下列)$",
        "重点做好以下9项工作: introduces the report's own list",
    ),
    NonTargetRule(
        "name_after_count", "after",
        r"""(?:规定|原则|意识|自信|确立|维护|不摘|区分开来|毫不动摇|制度改革  # 八项规定, 四个意识
          | 一[批百千万]?(?=[”，。、；：工建]|\Z))                          # 五个一批, 七个一建设""",
        "八项规定, 四个意识, 三项制度改革, 五个一批: a count that is the name of a policy or slogan",
    ),
    NonTargetRule(
        "abstract_count", "logic",
        r"""(?:突破|转变|提升|重点|关系|环节|领域|方向|定位|导向|维度|层面|着力点|抓手|统筹|结合)  # an abstraction
            (?=[，。；、”：]|\Z)                                             # ending the phrase""",
        "实现三个突破, 把握好两个关系: 个/项 counting abstractions, not things (200万亩任务 stays a target)",
    ),
    NonTargetRule(
        "already_done", "before",
        r"(?:已经?|业已|累计已|现已)(?:建成|完成|实现|达到|有|形成|建立|开通|累计|覆盖|投入)?[^，；。]{0,12}$",
        "已建成超1.6万个爱心驿站: what exists already is a baseline, not a target",
    ),
    NonTargetRule(
        "possession", "before", r"(?:拥有|共有|现有|目前|截至目前)[^，；。]{0,10}$",
        "拥有8个万亿元级产业集群, 目前全县有12家: what exists (unless a comparator cue stands right before)",
    ),
    NonTargetRule(
        "past_sentence", "sentence", r"^(?:过去一年|过去五年|去年|上年|一年来|五年来|\d{4}年(?:以来|来))",
        "a sentence opening on the past year reports results, not commitments",
    ),
    NonTargetRule(
        "description_sentence", "sentence", r"这些是|主要是我(?:省|市|县|区|镇)",
        "“X主要是我省…，这些是…所在”: the report describing its strengths, not promising",
    ),
    NonTargetRule(
        "past_year_sentence", "logic", r"^(20[0-9]{2})年(?:，|全省|我市) with a year before the plan year",
        "2024年，全县地区生产总值增长5.8%: a sentence opening on an earlier year reports its results",
    ),
    NonTargetRule(
        "past_paragraph", "logic", r"过去一年，…。全年完成…。 (until 今年/将/力争…)",
        "the sentences after a past-year opener in the same paragraph report results too",
    ),
    NonTargetRule(
        "past_in_clause", "logic", r"(?<![比较])(?:去年|上年|20XX年 before the plan year) … N",
        "去年完成12亿元, 在2024年增长5%的基础上: a result of an earlier year; 比上年增长 compares, and stays",
    ),
    NonTargetRule(
        "rank_list_name", "logic", r"(?<!进入|跻身|突破…)N强",
        "全国千强镇排名, 世界500强企业: the name of a ranking, not a place in it (跻身全国百强县 is a rank)",
    ),
    NonTargetRule(
        "built_on", "after", r"的?基础上",
        "在增长5%的基础上: the base a target builds on, not the target",
    ),
    NonTargetRule(
        "in_quotes", "logic", r"“[^”]*N[^”]*”",
        "“1310”, “七个一”, “5085”, “15分钟就业服务圈”: a number inside quotes is part of a name",
    ),
    NonTargetRule(
        "baseline", "logic", r"(?:从|由)…N…(?:提高|提升|增加|增长|下降|降低|减少|降)(?:到|至)",
        "由57%提高到58%: 57% is where it starts, 58% the target",
    ),
    NonTargetRule(
        "qualifier", "logic", r"N(?:以上|级)?的?<noun>M<count unit>",
        "新引进超10亿元以上项目1个: 10亿元 describes the projects; the target is 1个",
    ),
    NonTargetRule(
        "small_chinese_count", "logic", r"[一两]<classifier>",
        "一个, 两个确立, 一批: 一 and 两 written in words are idiom or slogan far more often than counts",
    ),
    NonTargetRule(
        "repeated_count", "logic", r"<Chinese numeral><classifier><noun> again",
        "办好十件民生实事 … 推动十件民生实事更贴民意: the second mention restates the same count",
    ),
    NonTargetRule(
        "heading", "logic", r"<the heading line of a section>",
        "2025年省十件民生实事 as an appendix title names the list that follows",
    ),
)

RULES_BY_NAME: dict[str, NonTargetRule] = {r.name: r for r in NONTARGET_RULES}


def _compiled(where: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(r.name, rx.compile(r.pattern, re.VERBOSE)) for r in NONTARGET_RULES if r.where == where and r.pattern]


_BEFORE = _compiled("before")
_AFTER = _compiled("after")
_SENTENCE = _compiled("sentence")
_UNIT = [(r.name, rx.compile(rf"(?:{r.pattern})\Z")) for r in NONTARGET_RULES if r.where == "unit" and r.pattern]


def unit_rule(unit: str, chinese: bool = True) -> str | None:
    """The non-target rule a unit triggers, if any (``chinese``: the number is written in words).

    >>> unit_rule("年"), unit_rule("岁"), unit_rule("期"), unit_rule("亩") is None
    ('date_or_duration', 'age_qualifier', 'name_suffix', True)
    >>> unit_rule(""), unit_rule("期", chinese=False) is None
    ('no_unit', True)
    """
    if not unit:
        return "no_unit"
    if not chinese and unit in CHINESE_ONLY_NAMES:
        return None
    for name, pattern in _UNIT:
        if pattern.match(unit):
            return name
    return None


def context_rule(before: str, after: str) -> str | None:
    """The non-target rule the text around a number triggers (before: clause up to it; after: right after its unit).

    >>> context_rule("持续抓好第", "轮中央生态环境保护督察")
    'ordinal'
    >>> context_rule("已建成超", "户外劳动者")
    'already_done'
    >>> context_rule("新增", "家专精特新中小企业") is None
    True
    """
    for name, pattern in _BEFORE:
        if pattern.search(before):
            return name
    for name, pattern in _AFTER:
        if pattern.match(after):
            return name
    return None


def sentence_rule(sentence: str) -> str | None:
    """The non-target rule that rules out a whole sentence, if any.

    >>> sentence_rule("去年地区生产总值增长5.4%")
    'past_sentence'
    >>> sentence_rule("地区生产总值增长5%左右") is None
    True
    """
    for name, pattern in _SENTENCE:
        if pattern.search(sentence):
            return name
    return None
