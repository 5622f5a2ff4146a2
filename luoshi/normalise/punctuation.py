"""Full-width punctuation (全角标点): ASCII marks a web copy put between Chinese characters, restored.

Web mirrors and some editors replace ``，：；（）？！`` by ``, : ; ( ) ? !``; a report printed from the
normalised text would then read ``2025年6月27日,水口镇…``. Each mark is restored only where it stands
in Chinese text, so that real ASCII stays as written:

- ``, : ;`` after a Chinese character (a Han character, Chinese punctuation or ``%``) and before one
  (or a digit, or the line's end): ``收官之年,是`` → ``收官之年，是``; not ``1,000``, ``10:30``,
  ``http://``, ``a, b``. Blanks after the mark go with it (``水口镇, 推进`` → ``水口镇，推进``).
- ``!`` after a Chinese character and not before a letter or digit: ``各位代表!`` → ``各位代表！``;
  ``?`` only where it ends a sentence (before a line's end, a blank or a closing quote): a ``?``
  between two Han characters is a character the web copy lost (``长者饭?堂``), reported as damage
  and kept as it is.
- ``( )`` as a pair on one line, holding a Han character, with a Chinese character before the ``(``
  or after the ``)``: ``基地(东片区)土地平整`` → ``基地（东片区）土地平整``. A pair that opens a line is
  a heading's or a list item's numeral and stays as printed (``(一)加强平台建设``); a pair holding
  no Han character is ASCII (``(PPP)``, ``(2)``, a URL's brackets).

Decimals, ``5G``, ``PM2.5``, dates and English text hold none of these patterns and are untouched.
The cases are ``tests/core/cases/punctuation_cases.json``.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.normalise.offsets import Edit, apply_edits

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation: CJK symbols (、。《》「」【】〔〕), full-width forms (，：；（）％), quotes, …, —.
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014"
_CHINESE = f"{_HAN}{_CJK_PUNCT}"
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

# A separator (, : ;) between Chinese text and Chinese text, a digit or the line's end.
SEPARATOR = rx.compile(
    rf"""
    (?P<mark>[,:;])             # the ASCII mark (first: the scan looks for it, not for what precedes it)
    (?<=[{_CHINESE}%][,:;])     # after a Chinese character (or 11%,)
    [ \t]*                      # blanks a web copy put after it go with it
    (?=[{_CHINESE}0-9]|\n|$)    # before Chinese text, a digit (日,2025年) or the line's end
    """,
    re.VERBOSE,
)
# A sentence end after Chinese text: ! not inside an ASCII word; ? only before the end of a sentence.
SENTENCE_END = rx.compile(rf"""
    (?: (?P<mark>!)(?<=[{_CHINESE}]!)(?![A-Za-z0-9])          # 各位代表!
      | (?P<ask>\?)(?<=[{_CHINESE}]\?)(?=[\s”’」』）)]|$)    # 怎么办? at a sentence's end, not 饭?堂 (lost)
    )""", re.VERBOSE)
# A bracket pair on one line, not opening the line, holding a Han character.
PAIR = rx.compile(
    r"""
    \(
    (?<=[^\n]\()                # not at a line's start: (一)加强… is a heading's numeral
    (?P<inside>[^()\n]{1,60}) # what it holds, on the same line
    \)
    """,
    re.VERBOSE,
)
_HAN_RE = rx.compile(f"[{_HAN}]")
_CHINESE_RE = rx.compile(f"[{_CHINESE}]")
_ANY = rx.compile(r"[,:;?!(]")  # a text with none of these needs no scan


def restore_punctuation(text: str, offsets: list[int]) -> tuple[str, list[int], int]:
    """Restore full-width punctuation (恢复全角标点): the new text, its map and how many marks changed.

    A restored mark makes its neighbour Chinese (``工程(二期),进一步``: the ``,`` follows ``）`` once
    the pair is restored), so the edits are applied until none is left: the result is its own fixed point.

    >>> restore_punctuation("工程(二期),进一步", list(range(11)))[0::2]
    ('工程（二期），进一步', 3)
    """
    count = 0
    for _ in range(4):  # each round can only turn ASCII to full width: a few rounds reach the end
        edits = punctuation_edits(text)
        if not edits:
            break
        text, offsets = apply_edits(text, offsets, edits)
        count += len(edits)
    return text, offsets, count


def punctuation_edits(text: str) -> list[Edit]:
    """One round of edits restoring full-width punctuation between Chinese characters, sorted.

    >>> punctuation_edits("收官之年,是关键一年")
    [(4, 5, '，')]
    >>> punctuation_edits("基地(东片区)1230亩")
    [(2, 3, '（'), (6, 7, '）')]
    >>> punctuation_edits("(一)加强平台建设。推广5G, 完成1,000户 见 http://x.cn 和 PM2.5(细颗粒物)")
    []
    """
    if not _ANY.search(text):
        return []
    edits = [(m.start(), m.end(), FULL_WIDTH[m["mark"]]) for m in SEPARATOR.finditer(text)]
    edits += [(m.start(), m.end(), FULL_WIDTH[m["mark"] or m["ask"]]) for m in SENTENCE_END.finditer(text)]
    for m in PAIR.finditer(text):
        if not _HAN_RE.search(m["inside"]):
            continue
        before, after = text[m.start() - 1], text[m.end():m.end() + 1]
        if _CHINESE_RE.match(before) or before == "%" or _CHINESE_RE.match(after):
            edits += [(m.start(), m.start() + 1, "（"), (m.end() - 1, m.end(), "）")]
    return sorted(edits)
