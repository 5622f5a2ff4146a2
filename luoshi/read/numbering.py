"""Word automatic numbering (自动编号): rebuild the visible prefix such as ``一、`` or ``（一）``.

Word keeps a heading's number in ``numbering.xml`` rather than in the paragraph text, so without
this a heading produced by a numbering definition would lose the very marker the section parser
looks for. Only what reports use is modelled: levels, start values, restart of deeper levels,
``lvlText`` templates and the common number formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx is imported lazily at run time: only .docx input pays for it
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ENDS_PREFIX = ("、", "）", ")", "．", "。", " ", "：", "】", "〕")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def chinese_counting(number: int) -> str:
    """A number in Chinese counting digits (中文计数), as Word's ``chineseCounting`` writes it.

    >>> chinese_counting(3), chinese_counting(10), chinese_counting(12), chinese_counting(21)
    ('三', '十', '十二', '二十一')
    >>> chinese_counting(105)
    '一百零五'
    """
    if number < 10:
        return _DIGITS[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        if not rest:
            return _DIGITS[hundreds] + "百"
        tail = chinese_counting(rest)
        return _DIGITS[hundreds] + "百" + ("零" + tail if rest < 10 else ("一" + tail if rest < 20 else tail))
    return str(number)


def format_number(number: int, fmt: str) -> str:
    """A counter in one of Word's number formats (编号格式).

    >>> format_number(2, "chineseCounting"), format_number(2, "ideographTraditional"), format_number(2, "decimal")
    ('二', '乙', '2')
    >>> format_number(4, "upperRoman"), format_number(3, "decimalEnclosedCircle")
    ('IV', '③')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographDigital"):
        return chinese_counting(number)
    if fmt == "ideographTraditional":
        return _STEMS[(number - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(number - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = ""
        for numeral, value in _ROMAN:
            while number >= value:
                roman += numeral
                number -= value
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("none", "bullet"):
        return ""
    return str(number)  # decimal, decimalZero and anything exotic read best as digits


@dataclass
class Level:
    """One level of a numbering definition (编号级别): start value, format and template like ``（%2）``."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # what Word puts between the number and the text: tab, space or nothing


@dataclass
class Numbering:
    """The numbering definitions of one document and the running counters while its paragraphs are read."""

    definitions: dict[str, BaseOxmlElement] = field(default_factory=dict)  # abstractNumId → <w:abstractNum>
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, starts)
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level, as used
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId → counter per level

    @classmethod
    def of(cls, word: WordDocument) -> Numbering:
        """Load the definitions from a python-docx document; a document without numbering gets none."""
        numbering = cls()
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return numbering
        # Word's templates define dozens of lists a report never uses: their levels are parsed on first use.
        abstracts = root.iter(f"{W}abstractNum")
        numbering.definitions = {abstract.get(f"{W}abstractNumId"): abstract for abstract in abstracts}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            starts = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[_int(override.get(f"{W}ilvl"), 0)] = _int(start.get(f"{W}val"), 1)
            numbering.instances[num.get(f"{W}numId")] = (ref.get(f"{W}val"), starts)
        for style in word.styles.element.xpath("w:style[w:pPr/w:numPr]"):
            found = _num_pr(style)
            if found:
                numbering.style_numbers[style.get(f"{W}styleId")] = found
        return numbering

    def _levels(self, abstract: str) -> dict[int, Level]:
        if abstract not in self.levels:
            definition = self.definitions.get(abstract)
            lvls = () if definition is None else definition.iter(f"{W}lvl")
            self.levels[abstract] = {_int(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in lvls}
        return self.levels[abstract]

    def prefix(self, paragraph: BaseOxmlElement) -> str:
        """The visible number of a paragraph (``一、``), or ``""``; advances the counters."""
        if not self.instances:
            return ""
        found = _num_pr(paragraph)
        if found is None and self.style_numbers:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            found = self.style_numbers.get(style.get(f"{W}val")) if style is not None else None
        if found is None or found[0] not in self.instances:
            return ""  # numId 0 means "numbering switched off here"
        num_id, ilvl = found
        abstract, starts = self.instances[num_id]
        levels = self._levels(abstract)
        if ilvl not in levels:
            return ""
        counters = self.counters.get(abstract)
        if counters is None:
            counters = self.counters[abstract] = [levels[i].start - 1 if i in levels else 0 for i in range(9)]
            for level_index, start in starts.items():
                counters[level_index] = start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):  # a new heading restarts the numbers beneath it
            counters[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        text = levels[ilvl].text
        for index in range(9):
            token = f"%{index + 1}"
            if token in text:
                level = levels.get(index, Level())
                text = text.replace(token, format_number(max(counters[index], level.start), level.fmt))
        # Word's default tab after the number becomes a space (a tab here would mean a table cell);
        # Chinese templates end in their own punctuation and need nothing.
        if text and levels[ilvl].suffix != "nothing" and not text.endswith(_ENDS_PREFIX):
            text += " "
        return text


def _level(lvl: BaseOxmlElement) -> Level:
    def value(tag: str) -> str | None:
        element = lvl.find(f"{W}{tag}")
        return None if element is None else element.get(f"{W}val")

    fmt = value("numFmt") or "decimal"
    text = value("lvlText")
    return Level(_int(value("start"), 1), fmt, "" if fmt == "bullet" else (text or ""), value("suff") or "tab")


def _num_pr(element: BaseOxmlElement) -> tuple[str, int] | None:
    ppr = element.find(f"{W}pPr")
    num_pr = None if ppr is None else ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{W}val"), _int(None if ilvl is None else ilvl.get(f"{W}val"), 0)


def _int(value: str | None, default: int) -> int:
    # A damaged attribute should cost one number, not the whole document.
    return int(value) if value and value.isdigit() else default
