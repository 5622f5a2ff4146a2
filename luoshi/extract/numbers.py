"""Numbers (数字): every number of a sentence with its unit, found by one compiled regex.

Arabic numbers carry any unit of ``luoshi.rules.units`` or a non-target unit (年, 期, 岁 …) so that
``explain`` can say why they were passed over; Chinese numerals are read only before a counting
classifier (十项, 五件) and converted on the isolated token (``luoshi.extract.numerals``, cn2an's reading
without cn2an), never on running text.
Ranges (5%—6%, 5—6%) are one token with an upper bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi import rx
from luoshi.extract.numerals import numeral_value
from luoshi.rules.nontargets import NONTARGET_UNITS
from luoshi.rules.units import CN_CLASSIFIERS, SCALE_PATTERN, clean_unit, unit_alternation

# 个百分点 too: 提高两个百分点 is a change in points written in words; 强: 跻身全国百强县.
_CN_UNITS = "|".join(sorted((*CN_CLASSIFIERS, *NONTARGET_UNITS, "个百分点", "强"), key=len, reverse=True))
_UNIT = unit_alternation(NONTARGET_UNITS)

_SP = "[ \u3000\u00a0]?"  # PDF text keeps a space between a number and its unit (增长 5 %)
_D = "[0-9０-９]"  # a digit, half- or full-width (web pages and docx keep full-width digits)
_NUM = rf"{_D}{{1,3}}(?:,{_D}{{3}})+(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?"  # 1,230 / 1230 / 4.6

NUMBER_RE = rx.compile(
    rf"""
    (?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．])                      # not the tail of a code or a decimal (PM2.5)
    (?:
        (?P<num>{_NUM})                                   # an Arabic number: 1230, 4.6, 1,230
        (?:
            {_SP}(?P<unit1>%|％)?                         # the first bound's own unit in 5%—6%
            {_SP}(?:-|—|–|－|~|～|至|到){_SP}               # a range dash or 至/到
            (?P<num2>{_NUM})                              # the upper bound
        )?
        (?:{_SP}(?P<scale>{SCALE_PATTERN}))?              # a scale: 1.2万亿元, 1万余人 (not the 千 of 千瓦)
        (?P<more>余|多)?                                  # 100余家, 300多个: more than
        (?:{_SP}(?P<unit>{_UNIT}))?                       # its unit, longest first (个月 before 个, 批次 before 批)
      |
        (?P<cn>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]{{0,4}}  # a Chinese numeral: 十, 二十
          | [百千](?=强))                                 # … or 百强, 千强 (跻身全国百强县)
        (?=(?:{_CN_UNITS}))                               # … only right before a classifier or a name suffix
        (?P<cnunit>{_CN_UNITS})                           # that classifier
    )
    """,
    re.VERBOSE,
)
_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.", ",")


def _arabic(token: str) -> float:
    return float(token.translate(_HALF))


@dataclass(frozen=True)
class Number:
    """A number as written in a sentence (数字): value, unit, and where it stands."""

    value: float
    unit: str
    start: int  # offset of the number in the sentence
    end: int  # offset after its unit
    text: str
    upper: float | None = None  # top of a range (增长5%—6%)
    chinese: bool = False  # written in Chinese numerals (十项)
    more: bool = False  # 100余家, 300多个: more than the number written


@lru_cache(maxsize=1024)  # a report repeats its few numerals (十, 两, 三)
def _to_number(token: str) -> float | None:
    if token[0] in "百千":
        token = "一" + token  # read as 一百, not a bare 百
    value = numeral_value(token)
    return None if value is None else float(value)


def find_numbers(sentence: str) -> list[Number]:
    """Every number of ``sentence`` with its unit, left to right.

    >>> [(n.value, n.unit) for n in find_numbers("力争第一季度完成基地1230亩土地平整")]
    [(1230.0, '亩')]
    >>> [(n.value, n.unit, n.upper) for n in find_numbers("增长5%—6%，办好十项民生实事")]
    [(5.0, '%', 6.0), (10.0, '项', None)]
    >>> [(n.value, n.unit) for n in find_numbers("PM2.5平均浓度不超过35微克每立方米")]
    [(35.0, '微克每立方米')]
    """
    out: list[Number] = []
    for m in NUMBER_RE.finditer(sentence):
        if m.group("cn"):
            value = _to_number(m.group("cn"))
            if value is None:
                continue
            out.append(Number(value, m.group("cnunit"), m.start(), m.end(), m.group(0), chinese=True))
            continue
        unit = clean_unit((m.group("scale") or "") + (m.group("unit") or ""))
        if unit == "千":
            unit = ""  # 千 alone counts nothing (10千伏 is read as 千伏 anyway); bare 万 and 亿 may (80万群体)
        upper = _arabic(m.group("num2")) if m.group("num2") else None
        if upper is not None and m.group("unit1") and not unit:
            unit = clean_unit(m.group("unit1"))
        out.append(Number(_arabic(m.group("num")), unit, m.start(), m.end(), m.group(0), upper=upper,
                          more=bool(m.group("more"))))
    return out
