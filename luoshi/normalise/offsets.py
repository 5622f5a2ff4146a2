"""Offset map (偏移映射): apply edits to a text while keeping each character's index in the original.

Every stage of the normaliser describes its work as a sorted list of edits ``(start, end, replacement)``
over its input; :func:`apply_edits` builds the new text and the composed map in one pass of slices,
so the cost is per edit, not per character.
"""

from __future__ import annotations

from collections.abc import Iterable

Edit = tuple[int, int, str]  # replace text[start:end] by the string (empty string: delete)


def identity(text: str) -> list[int]:
    """The map of an untouched text (原样映射): character ``i`` comes from index ``i``.

    >>> identity("规划")
    [0, 1, 2]
    >>> identity("")
    [0]
    """
    return list(range(len(text) + 1))


def apply_edits(text: str, offsets: list[int], edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping, sorted edits; return the new text and its map into the original (编辑).

    ``offsets`` maps ``text`` (len + 1 entries) to the original; the result maps the new text there too.
    A same-length replacement keeps each character's place; otherwise the inserted characters
    point at the start of what they replace, which keeps the map monotone.

    >>> apply_edits("規(guī)劃", [0, 1, 2, 3, 4, 5, 6, 7], [(1, 6, "")])
    ('規劃', [0, 6, 7])
    >>> apply_edits("甲\\u3000乙", [0, 1, 2, 3], [(1, 2, " ")])
    ('甲 乙', [0, 1, 2, 3])
    >>> apply_edits("甲\\r\\n乙", [0, 1, 2, 3, 4], [(1, 3, "\\n")])
    ('甲\\n乙', [0, 1, 3, 4])
    """
    pieces: list[str] = []
    out: list[int] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:  # an overlapping edit would break monotonicity: the earlier one wins
            continue
        pieces.append(text[pos:start])
        out.extend(offsets[pos:start])
        if replacement:
            pieces.append(replacement)
            if len(replacement) == end - start:  # a character for a character: each keeps its own place
                out.extend(offsets[start:end])
            else:
                out.extend([offsets[start]] * len(replacement))
        pos = end
    pieces.append(text[pos:])
    out.extend(offsets[pos:])  # includes the final entry, offsets[len(text)]
    return "".join(pieces), out
