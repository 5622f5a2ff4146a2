"""Normaliser (规范化): pinyin annotations out, traditional → simplified, damage reported, offsets kept."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.plan import Warning


@dataclass(frozen=True)
class Normalised:
    """Normalised text with a map back to the original.

    ``offsets[i]`` is the index in the original text of normalised character ``i``;
    ``offsets[len(text)]`` is the original length (so a span ``[a, b)`` maps to
    ``[offsets[a], offsets[b])``). Monotone non-decreasing, always in range.
    """

    text: str
    offsets: tuple[int, ...]
    warnings: tuple[Warning, ...] = ()
    annotations_removed: int = 0

    def source_offset(self, i: int) -> int:
        return self.offsets[max(0, min(i, len(self.offsets) - 1))]


def normalise(text: str) -> Normalised:
    """Normalise a report's raw text. Never raises on any string."""
    raise NotImplementedError
