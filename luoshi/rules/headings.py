"""Heading rules (标题规则): what starts a section of a work report, as commented data.

The structure parser (``luoshi.structure``) reads these tables; the cases that pin them
down are ``tests/core/cases/heading_cases.json``. The section ids they lead to are the
ones ``../shared/eval/GUIDELINES.md`` defines: ``一、`` → ``"1"``, ``（一）`` → ``"1.1"``,
``附件1`` → ``"A1"``.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.rules.words import word_alternation

# Indentation a heading may carry: docx and web pages indent with U+3000 or NBSP, typed text with spaces.
INDENT = r"[ \t\u3000\u00a0]*"

# Chinese numerals as printed in headings: 一 … 九十九 (no report has a hundredth part).
NUMERAL = r"[一二三四五六七八九十]{1,3}"

# One pass over the text finds every line that could be a heading; which of them are headings
# is decided afterwards by their order (see ``luoshi.structure``). Each alternative is anchored
# at a line start, so an 一、 in the middle of a paragraph is never a candidate.
CANDIDATE = rx.compile(
    rf"""
    ^{INDENT}
    (?P<mark>                                       # the heading's marker: where the section starts
        (?P<top>{NUMERAL})、                        # 一、 a top-level heading (or an appendix item)
      | [(（](?P<sub>{NUMERAL})[)）]                # (一) or （一）: a second-level heading
      | (?P<enum>{NUMERAL})是(?![否非])             # 一是 opening a line: a sub-heading when it stands alone
      | 附[ \t\u3000]?[件录][ \t\u3000]?[:：]?[ \t\u3000]?  # 附件 / 附录, maybe 附件：1 (never across a line:
                                                    # 附件 then 2025年10件惠民实事 is no 附件20)
        (?:
            (?P<app>\d{{1,2}})(?!\d)                 # ... numbered 附件2名词解释,
          | (?P<app_cn>{NUMERAL})(?![\u4e00-\u9fff])  # ... or 附件一 (附件一览表 is a word),
          | (?![\u4e00-\u9fff])                     # ... or alone (附件材料 is a word, not a heading)
        )
      | (?P<gloss>名词解释|名词注释|术语解释)          # a glossary standing on its own line
    )
    """,
    re.MULTILINE | re.VERBOSE,
)

# A part heading printed without a numeral (不带序号的部分标题), standing alone on its line: a report
# whose top level is 2024年工作回顾 / 2025年工作安排建议 / 政府自身建设 as bare lines. The whole line must
# match, so a sentence that merely mentions 工作安排 is never one.
BARE_PART = rx.compile(
    rf"""
    ^{INDENT}
    (?P<title>
        (?:(?:20\d\d|过去一|过去五|今后五|未来五)年(?:来)?    # 2024年, 过去一年, 今后五年: whose work
          | “?十[一二三四五六七八九]五”?(?:时期|期间)?        # “十四五”时期
          | 今年 | 上年 | 本届政府 )?
        [^。；;：:！!？?、()（）\n\d]{{0,20}}?              # what the part is about: no sentence in it
        (?:工作回顾|工作总结|发展回顾|工作安排(?:建议|意见)?|工作任务|目标任务|主要任务|重点任务
          |重点工作(?:任务|安排)?|主要工作|总体要求|自身建设|建设人民满意政府)
                                                        # 回顾 / 安排 / 任务 / 总体要求 / 政府自身建设
    )
    [ \t\u3000]*$
    """,
    re.MULTILINE | re.VERBOSE,
)

# A short line just before a report's first （一） (or first 一是 line standing alone) is its part's
# heading when no numbered top level came before it (以超常力度推动产业攀高向强，全力构建现代化产业体系
# printed without 一、): the （一） that opens a count needs a parent. Not a line ending in a colon
# (主要预期目标是： lists its items) or holding a 。 before its end.
PARENT_LINE_MAX = 40
PARENT_LINE_REACH = 2  # the heading, or the heading then one opening paragraph, before the （一）

# A short line whose next paragraph opens a part the way reports open one is that part's heading, numbered
# or not (牢记殷殷嘱托，奋力推动高质量发展取得新成效 / 过去一年，…): a review looks back, a plan says what
# this year is. Title-page lines (the congress, the date, the governor, the source) are never headings.
PART_OPENING = rx.compile(
    r"""^(?:过去(?:的)?一年|一年来|过去五年|五年来|刚刚过去的一年|20\d\d年是|今年是|今年[^。]{0,8}总体要求)""",
    re.VERBOSE | re.MULTILINE,
)
TITLE_PAGE = rx.compile(r"^——|人民代表大会|会议上|政府工作报告|来源|[省市县区镇]长[ \t\u3000]|\d")
PARENT_LINE = rx.compile(r"^[^。；;！!？?\n]*[^。；;：:！!？?\s]。?$")  # a 。 may close it

# A sub-heading written 一是…, or a heading whose numeral stands alone, is a short line: longer, it is
# a paragraph that begins with an enumeration.
STANDALONE_MAX = 40

# A heading broken over two lines (标题跨行): its first line ends where no title ends (a comma, 和),
# or runs long, and the next line is a short piece with no punctuation at all.
BROKEN_END = rx.compile(r"[，,、和与及的]$")
BROKEN_LONG = 18  # a first line this long may have been wrapped …
CONTINUATION_MAX = 14  # … and a continuation is at most this long
CONTINUATION = rx.compile(r"^[\u4e00-\u9fff“][^。，,；;：:！!？?、()（）\d]*。?$")  # a 。 may close it

# A title ends at the first full stop (the heading's text runs on into its paragraph there);
# a heading line with no full stop is a title in full.
TITLE_END = "。"

# An appendix heading or a glossary heading is a short line: "附件1", "附件2 名词解释",
# "附件1：2025年省十件民生实事". Anything longer, or with a full stop, is running text.
APPENDIX_REST_MAX = 40

# The part of an appendix title that says it is a glossary (名词解释): no targets there.
GLOSSARY = rx.compile(r"名词解释|名词注释|术语解释|^注释$")

# A top-level section that reviews last year (上年工作回顾): its numbers are results, not targets.
# "2024年工作回顾", "过去一年工作回顾", "2024年工作总结"; a plan heading says 安排/任务/目标 instead.
REVIEW = rx.compile(r"回顾|总结|过去[一五]年|[上去]年工作")
# A heading that says it plans (本年工作安排): 2025年工作安排, 目标任务, 总体要求, 政府自身建设.
PLAN = rx.compile(r"安排|任务|目标|要求|计划|打算|建议|重点工作|主要工作|自身建设|今年|明年|今后|未来")

# A heading in words says neither (牢记殷殷嘱托…取得新成效): what its part says decides. A review
# reports results (一年来, 取得了, 增长5.8%, 获评); a plan commits (今年, 力争, 确保, 要, 将). Over the
# whole part, the reviews of the corpus read 0.96–2.7 result cues per commitment cue, the top-level
# plan parts 0–0.19 (a preface with the headline targets 0.5): the line is drawn between them.
PAST_WORDS = (
    "一年来", "过去一年", "过去的一年", "过去五年", "五年来", "来之不易", "成绩的取得",  # looking back
    "取得了", "实现了", "完成了", "顺利完成", "圆满完成", "全面完成", "超额完成", "成功举办",  # done
    "同比", "比上年", "获评", "荣获", "创历史新高", "位居全国", "居全国第", "首次", "达到",  # results and ranks
)
# … and a rate reached (增长5.8%), not a target's (增长5%左右). The words are grouped by first character
# (``word_alternation``): one pass over a long report costs a fraction of a plain alternation.
PAST_CUES = rx.compile(word_alternation(PAST_WORDS) + r"|[0-9.]+%(?!左右|以上|以内|以下|上下)")
PLAN_CUES = rx.compile(word_alternation(("今年", "力争", "确保", "争取", "要", "将", "努力", "加快", "大力", "着力",
                                          "持续", "深入")))
PAST_RATIO = 0.6  # result cues per commitment cue at which a part reads as a review
PAST_MIN = 5  # and at least this many result cues: a short closing part says too little to tell

# The plan year in the report's title or in the date it was given (2025年广东省政府工作报告; ——2025年1月15日
# 在广东省第十四届人民代表大会…): reports are given early in the year they plan. Looked for in the opening only.
TITLE_YEAR = rx.compile(r"(?<!\d)(20\d\d)年(?:[^。\n]{0,12}政府工作报告|[01]?\d月[0-3]?\d日\s*在)")
TITLE_SPAN = 400
# 今年 placed in a five-year plan: 今年是“十四五”规划收官之年 (its last year), “十五五”开局之年 (its first).
THIS_YEAR_IN_PERIOD = rx.compile(
    r"今年是[^。]{0,20}?“?十(?P<period>[一二三四五六七八九])五”?(?:规划)?(?:的)?(?:(?P<end>收官|最后一年|圆满收官)|开局|起步|第一年)"
)

# What the part before the first heading holds, in the order its title names them. The gold
# titles this part "总体要求和主要预期目标" when it holds both (the demo report does).
PREFACE_TOPICS: tuple[tuple[str, str], ...] = (
    ("总体要求", "总体要求"),  # 今年政府工作的总体要求是 …
    ("预期目标", "主要预期目标"),  # 主要预期目标是 … (also 发展预期目标)
)
# The title of a preface that holds neither: the greeting and the title page of a report.
PREFACE_TITLE = "前言"

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def numeral_value(numeral: str) -> int:
    """The value of a heading numeral (标题序号): 一 … 九十九, or Arabic digits.

    >>> numeral_value("十二")
    12
    >>> numeral_value("二十一")
    21
    >>> numeral_value("3")
    3
    """
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _DIGITS.get(numeral, 0)
    tens, _, units = numeral.partition("十")
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(units, 0)
