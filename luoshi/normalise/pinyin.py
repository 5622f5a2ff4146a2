"""Pinyin annotations (拼音注音): ``規(guī)劃`` → ``規劃``, only when the bracket reads the character.

A bracket after a Han character is an annotation when its content is one pinyin syllable that
pypinyin lists among that character's readings: with tone marks, with a tone number, or without
tones. The toneless comparison also absorbs mirrors that applied tone sandhi (一 yī → yí, 不 bù → bú).
Real parentheticals (``(一)``, ``(东片区)``, ``建滔(开平)``) never hold a reading and so stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from luoshi.normalise.offsets import Edit

# Han characters that can carry an annotation: URO, Extension A, compatibility ideographs, 〇, Ext. B+.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Letters a syllable may be spelt with: ASCII, tone-marked vowels, ü, and combining tone marks.
PINYIN_LETTER = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêÊńňǹḿ\u0300-\u030c"
TONED_LETTER = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300\u0301\u0304\u030c"

ANNOTATION = re.compile(
    rf"""
    [(（]                        # ASCII or full-width opening bracket (scanned for first: fast)
    (?<=[{HAN}][(（])            # right after a Han character, which stays
    [ \t]*                       # some mirrors pad the syllable
    ([{PINYIN_LETTER}]{{1,7}}    # one syllable (zhuang is the longest, six letters)
     (?::)?[0-5]?)               # u: for ü, and an optional tone number
    [ \t]*
    [)）]                        # either closing bracket (mirrors mix them)
    """,
    re.VERBOSE | re.IGNORECASE,  # mirrors sometimes capitalise: GUĪ
)

_TONE_MARKS = re.compile("[\u0300-\u0304\u030c]")  # combining tone marks; the diaeresis of ü is not a tone


def toneless(syllable: str) -> str:
    """The syllable without tones, ü spelt v, as pypinyin's NORMAL style writes it (无声调拼音).

    >>> toneless("guī")
    'gui'
    >>> toneless("lǜ")
    'lv'
    >>> toneless("Hua4")
    'hua'
    """
    s = unicodedata.normalize("NFD", syllable.lower())
    s = _TONE_MARKS.sub("", s).rstrip("012345")
    s = unicodedata.normalize("NFC", s)
    return s.replace("ü", "v").replace("u:", "v")


@lru_cache(maxsize=8192)
def readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """A character's readings (读音): tone-marked and tone-number forms, and toneless forms.

    >>> sorted(readings("行")[1])
    ['hang', 'heng', 'xing']
    >>> readings("O")
    (frozenset(), frozenset())
    """
    # Imported here: pypinyin loads its phrase dictionary on import (about 0.5 s), and most texts
    # (every simplified report) never hold a bracket of letters after a hanzi.
    from pypinyin import Style, pinyin

    toned = pinyin(char, style=Style.TONE, heteronym=True)[0] + pinyin(char, style=Style.TONE3, heteronym=True)[0]
    plain = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    if plain == [char]:  # pypinyin does not know it: no reading can match
        return frozenset(), frozenset()
    return frozenset(toned), frozenset(plain)


@lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    """Whether ``syllable`` is a reading of ``char`` (是否为该字读音), exactly or up to tones.

    >>> is_reading("規", "guī")
    True
    >>> is_reading("劃", "hua4")
    True
    >>> is_reading("区", "东片")
    False
    """
    toned, plain = readings(char)
    s = unicodedata.normalize("NFC", syllable.lower())
    return s in toned or toneless(s) in plain


def annotation_edits(text: str) -> list[Edit]:
    """Edits that delete every valid annotation (删除注音), in text order.

    >>> annotation_edits("規(guī)劃(huà)")
    [(1, 6, ''), (7, 12, '')]
    >>> annotation_edits("建滔(开平)的(一期)")
    []
    """
    return [(m.start(), m.end(), "") for m in ANNOTATION.finditer(text) if is_reading(text[m.start() - 1], m[1])]
