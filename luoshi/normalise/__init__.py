"""Normaliser (规范化): pinyin annotations out, traditional → simplified, damage reported, offsets kept.

Stages, each an edit over the previous text with the offset map carried along:

1. ``pinyin``: remove ``(guī)`` after 規 when it is a reading of 規 (on the original text);
2. ``cleanup``: line breaks, indents and odd spaces;
3. ``damage``: find mojibake, lost characters, bopomofo and stray pinyin (the text is kept);
4. ``convert``: OpenCC ``tw2s`` then ``hk2s``, corner brackets to mainland quotes;
5. ``punctuation``: ASCII ``, : ; ( ) ? !`` between Chinese characters back to full width;
6. ``cleanup``: web-page leftovers at the end; damage is reported at its place in the final text.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.normalise.cleanup import layout_edits, leftover_edits
from luoshi.normalise.convert import simplify
from luoshi.normalise.damage import damage_warnings, find_damage
from luoshi.normalise.offsets import apply_edits, identity
from luoshi.normalise.pinyin import annotation_edits
from luoshi.normalise.punctuation import restore_punctuation
from luoshi.plan import Warning

__all__ = ["Normalised", "normalise"]


@dataclass(frozen=True)
class Normalised:
    """Normalised text (规范化文本) with a map back to the original, its warnings and what was removed.

    ``offsets[i]`` is the index in the original text of normalised character ``i``;
    ``offsets[len(text)]`` is the original length (so a span ``[a, b)`` maps to
    ``[offsets[a], offsets[b])``). Monotone non-decreasing, always in range.
    """

    text: str
    offsets: tuple[int, ...]
    warnings: tuple[Warning, ...] = ()
    annotations_removed: int = 0
    punctuation_restored: int = 0  # ASCII marks between Chinese characters made full width again

    def source_offset(self, i: int) -> int:
        """Index in the original text of normalised character ``i`` (原文位置, clamped to the text).

        >>> normalise("規(guī)劃").source_offset(1)
        6
        >>> normalise("規(guī)劃").source_offset(99)
        7
        """
        return self.offsets[max(0, min(i, len(self.offsets) - 1))]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span ``[a, b)`` a normalised span ``[start, end)`` came from (原文区间).

        >>> n = normalise("\u3000\u3000關(guān)鍵一年")
        >>> n.text, n.source_span(0, 2)
        ('关键一年', (2, 10))
        """
        return self.source_offset(start), self.source_offset(end)


def normalise(text: str) -> Normalised:
    """Normalise a report's raw text (规范化). Never raises on any string.

    >>> n = normalise("規(guī)劃收官之年,是關(guān)鍵一年")
    >>> n.text, n.annotations_removed, n.punctuation_restored
    ('规划收官之年，是关键一年', 2, 1)
    >>> normalise("基地(東片區)建設").text
    '基地（东片区）建设'
    >>> [w.kind for w in normalise("長者飯?zhí)媒ㄔO(shè)力度").warnings]
    ['corrupt_text']
    """
    edits = annotation_edits(text)
    out, offsets = apply_edits(text, identity(text), edits)
    out, offsets = apply_edits(out, offsets, layout_edits(out))
    # Damage is looked for before conversion: OpenCC would "simplify" the wrong characters of a
    # mojibake (閲 → 阅) and erase the byte pattern that proves it.
    damage = [(offsets[start], offsets[end], kind, names) for start, end, kind, names in find_damage(out)]
    out, offsets = simplify(out, offsets)
    out, offsets, restored = restore_punctuation(out, offsets)
    out, offsets = apply_edits(out, offsets, leftover_edits(out))
    return Normalised(
        text=out,
        offsets=tuple(offsets),
        warnings=tuple(damage_warnings(out, offsets, damage)),
        annotations_removed=len(edits),
        punctuation_restored=restored,
    )
