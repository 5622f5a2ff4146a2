"""Pinyin annotations (拼音注音): ``規(guī)劃`` → ``規劃``, only when the bracket reads the character.

A bracket after a Han character is an annotation when its content is one pinyin syllable that
pypinyin lists among that character's readings: with tone marks, with a tone number, or without
tones. The toneless comparison also absorbs mirrors that applied tone sandhi (一 yī → yí, 不 bù → bú).
Real parentheticals (``(一)``, ``(东片区)``, ``建滔(开平)``) never hold a reading and so stay.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from luoshi import rx
from luoshi.normalise.offsets import Edit

# Han characters that can carry an annotation: URO, Extension A, compatibility ideographs, 〇, Ext. B+.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Letters a syllable may be spelt with: ASCII, tone-marked vowels, ü, and combining tone marks.
PINYIN_LETTER = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêÊńňǹḿ\u0300-\u030c"
TONED_LETTER = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300\u0301\u0304\u030c"

ANNOTATION = rx.compile(
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

_TONE_MARKS = rx.compile("[\u0300-\u0304\u030c]")  # combining tone marks; the diaeresis of ü is not a tone


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


# pypinyin's tone-marked letters (its ``phonetic_symbol``) as the letter and the tone number it writes in
# the TONE2 style; ü alone is spelt v. The two-character keys are a letter and a combining mark.
_TONE_NUMBERS = {
    "ā": "a1", "á": "a2", "ǎ": "a3", "à": "a4", "ē": "e1", "é": "e2", "ě": "e3", "è": "e4",
    "ō": "o1", "ó": "o2", "ǒ": "o3", "ò": "o4", "ī": "i1", "í": "i2", "ǐ": "i3", "ì": "i4",
    "ū": "u1", "ú": "u2", "ǔ": "u3", "ù": "u4", "ü": "v", "ǖ": "v1", "ǘ": "v2", "ǚ": "v3", "ǜ": "v4",
    "ń": "n2", "ň": "n3", "ǹ": "n4", "ḿ": "m2", "ế": "ê2", "ề": "ê4",
}
_TONE_NUMBERS_TWO_CHARS = {"m\u0304": "m1", "m\u0300": "m4", "ê\u0304": "ê1", "ê\u030c": "ê3"}
_TONE3 = rx.compile(r"^([a-zêü]+)([1-5])([a-zêü]*)$")  # the tone number of TONE2 moved to the end
_NO_DIGITS = str.maketrans("", "", "0123456789")  # TONE2 without its numbers is the NORMAL style


def _tone2(reading: str) -> str:
    """A tone-marked reading with its tone as a number after the vowel, as pypinyin's TONE2 style."""
    out = "".join(_TONE_NUMBERS.get(c, c) for c in reading)
    for marked, numbered in _TONE_NUMBERS_TWO_CHARS.items():
        out = out.replace(marked, numbered)
    return out


@cache
def pypinyin_table() -> bytes | None:
    """pypinyin's table of the readings of single characters (``pinyin_dict.json``), as UTF-8 bytes.

    pypinyin loads its phrase dictionary and trains a segmenter on import (a quarter of a second), all
    for phrases; a character's readings are one line of this table. None when the installed pypinyin
    keeps its table elsewhere: then pypinyin itself is asked.
    """
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    if spec is None or spec.origin is None:
        return None
    try:
        return (Path(spec.origin).parent / "pinyin_dict.json").read_bytes()  # only the lines read are decoded
    except OSError:
        return None


def _table_line(table: bytes, code: int) -> str | None:
    """The readings of one character in the table, found by halving: one line a character, ``"code": "…",``
    in ascending order of code (``"19968": "yī"`` is 一).

    >>> _table_line('{\\n"12295": "líng",\\n"19968": "yī",\\n"19969": "dīng"\\n}'.encode(), 19968)
    'yī'
    """
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        end = table.find(b'\n"', mid)  # the first line that starts at or after mid
        if end < 0:
            hi = mid
            continue
        key_end = table.index(b'"', end + 2)
        key = int(table[end + 2:key_end])
        if key == code:
            value = key_end + 4  # past '": "'
            return table[value:table.index(b'"', value)].decode("utf-8")
        if key < code:
            lo = end + 1
        else:
            hi = mid
    return None


@lru_cache(maxsize=8192)
def readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """A character's readings (读音): tone-marked and tone-number forms, and toneless forms, as
    pypinyin's ``pinyin(char, heteronym=True)`` gives them in the TONE, TONE3 and NORMAL styles.

    >>> sorted(readings("行")[1])
    ['hang', 'heng', 'xing']
    >>> sorted(readings("绿")[0])
    ['lu4', 'lv4', 'lù', 'lǜ']
    >>> readings("O")
    (frozenset(), frozenset())
    """
    table = pypinyin_table()
    if table is None:
        return pypinyin_readings(char)
    line = _table_line(table, ord(char))
    if line is None:  # pypinyin does not know it: no reading can match
        return frozenset(), frozenset()
    toned = line.split(",")
    numbered = [_tone2(r) for r in toned]
    return (frozenset([*toned, *(_TONE3.sub(r"\1\3\2", r) for r in numbered)]),
            frozenset(r.translate(_NO_DIGITS) for r in numbered))


def pypinyin_readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """A character's readings asked of pypinyin itself (its import costs a quarter of a second)."""
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
