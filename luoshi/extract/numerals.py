"""Chinese numerals (中文数字): the value of a numeral token such as 十, 二十, 一百零五, 两千三.

``find_numbers`` reads a Chinese numeral only right before a classifier, as a token of at most five
characters from 零〇一二两三四五六七八九十百千. Its value is the one ``cn2an.cn2an(token, "smart")`` gives,
step for step, for exactly that alphabet: the same repairs (千二十 → 千零二十, 百十 → 百一十), the same
grammar of a well-formed numeral, the same fallbacks (digit by digit: 一二 → 12; spoken: 两千三 → 2300)
and the same refusals. cn2an itself takes about 0.2 s to import and a millisecond a call;
``tests/core/cases/numerals_cases.tsv`` holds cn2an's answers, and the tests prove this function gives
every one of them and agrees with cn2an over every token the regex can produce.
"""

from __future__ import annotations

import re
from functools import cache

from luoshi import rx

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
_SPOKEN_NEXT = {"百": "十", "千": "百"}  # 两千三 is 两千三百: the unit after the last one written (none after 十)


@cache
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The well-formed numerals below 10000, the spoken form, and the missing zero after 千 (compiled once)."""
    d, z = "[一二两三四五六七八九]", "[零〇]"
    tens = f"{d}?十{d}?"  # 十, 十五, 二十, 二十五
    tens_with_one = f"{d}十{d}?"  # after 百 the tens digit is written: 一百一十
    below_100 = f"(?:{tens}|{d})"
    hundreds = f"(?:{d}百(?:{z}{d})?|{d}百{tens_with_one})"
    below_1000 = f"(?:{hundreds}|{below_100})"
    thousands = f"(?:{d}千(?:{z}{below_100})?|{d}千{hundreds})"
    well_formed = rx.compile(f"(?:{z}|{thousands}|{below_1000})")
    digit, unit = f"[{''.join(DIGITS)}]", f"[{''.join(UNITS)}]"
    spoken = rx.compile(f"(?:{digit}{{0,2}}{unit})+{digit}")
    missing_zero = rx.compile(f"(千)({digit}?十)")
    return well_formed, spoken, missing_zero


def _value(numeral: str) -> int:
    """Units and digits read from the right, as cn2an adds them (a leading unit counts one of itself)."""
    total, unit = 0, 1
    for i, char in enumerate(reversed(numeral)):
        if char in DIGITS:
            total += DIGITS[char] * unit
        else:
            unit = UNITS[char]
            if i == len(numeral) - 1:
                total += unit
    return total


def numeral_value(token: str) -> int | None:
    """The value of a Chinese numeral token, or None when cn2an would refuse it (中文数字的值).

    >>> [numeral_value(t) for t in ("十", "二十五", "一百零五", "一百十", "两千三", "一二", "三百四", "十十")]
    [10, 25, 105, 110, 2300, 12, 340, None]
    """
    if not token or any(c not in DIGITS and c not in UNITS for c in token):
        return None
    well_formed, spoken, missing_zero = _grammar()
    numeral = token.replace("零十", "零一十").replace("零百", "零一百")
    numeral = missing_zero.sub(r"\1零\2", numeral).replace("百十", "百一十").replace("零十", "零一十")
    if well_formed.fullmatch(numeral):
        return _value(numeral)
    if all(c in DIGITS for c in numeral):  # digit by digit: 一二三 is 123
        return int("".join(str(DIGITS[c]) for c in numeral))
    if len(numeral) >= 3 and spoken.fullmatch(numeral) and numeral[-2] in _SPOKEN_NEXT:
        return _value(numeral + _SPOKEN_NEXT[numeral[-2]])
    return None
