"""Heading rules (标题规则): what starts a section of a work report, as commented data.

The structure parser (``luoshi.structure``) reads these tables; the cases that pin them
down are ``tests/core/cases/heading_cases.json``. The section ids they lead to are the
ones ``../shared/eval/GUIDELINES.md`` defines: ``一、`` → ``"1"``, ``（一）`` → ``"1.1"``,
``附件1`` → ``"A1"``.
"""

from __future__ import annotations

import re

# Indentation a heading may carry: docx and web pages indent with U+3000 or NBSP, typed text with spaces.
INDENT = r"[ \t\u3000\u00a0]*"

# Chinese numerals as printed in headings: 一 … 九十九 (no report has a hundredth part).
NUMERAL = r"[一二三四五六七八九十]{1,3}"

# One pass over the text finds every line that could be a heading; which of them are headings
# is decided afterwards by their order (see ``luoshi.structure``). Each alternative is anchored
# at a line start, so an 一、 in the middle of a paragraph is never a candidate.
CANDIDATE = re.compile(
    rf"""
    ^{INDENT}
    (?P<mark>                                       # the heading's marker: where the section starts
        (?P<top>{NUMERAL})、                        # 一、 a top-level heading (or an appendix item)
      | [(（](?P<sub>{NUMERAL})[)）]                # (一) or （一）: a second-level heading
      | 附\s?[件录]\s?[:：]?\s?                     # 附件 / 附录, maybe 附件：1 ...
        (?:
            (?P<app>\d{{1,2}})                      # ... numbered 附件2名词解释,
          | (?P<app_cn>{NUMERAL})(?![\u4e00-\u9fff])  # ... or 附件一 (附件一览表 is a word),
          | (?![\u4e00-\u9fff])                     # ... or alone (附件材料 is a word, not a heading)
        )
      | (?P<gloss>名词解释|名词注释|术语解释)          # a glossary standing on its own line
    )
    """,
    re.MULTILINE | re.VERBOSE,
)

# A title ends at the first full stop (the heading's text runs on into its paragraph there);
# a heading line with no full stop is a title in full.
TITLE_END = "。"

# An appendix heading or a glossary heading is a short line: "附件1", "附件2 名词解释",
# "附件1：2025年省十件民生实事". Anything longer, or with a full stop, is running text.
APPENDIX_REST_MAX = 40

# The part of an appendix title that says it is a glossary (名词解释): no targets there.
GLOSSARY = re.compile(r"名词解释|名词注释|术语解释|^注释$")

# A top-level section that reviews last year (上年工作回顾): its numbers are results, not targets.
# "2024年工作回顾", "过去一年工作回顾", "2024年工作总结"; a plan heading says 安排/任务/目标 instead.
REVIEW = re.compile(r"回顾|总结|过去[一五]年|[上去]年工作")

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
