"""Traditional → simplified (繁简转换) with OpenCC, keeping the offset map exact.

``tw2s`` then ``hk2s``: plain ``t2s`` leaves Taiwan/Hong Kong variants (著力, 衞) behind, and the
``*2sp`` phrase configs rewrite mainland words (整合→集成), so they are avoided. Corner brackets
become mainland quotes (「」→“” 『』→‘’). OpenCC keeps the length in practice; when a run does not,
that run is converted character by character so every character still knows where it came from.

A few characters are valid simplified Chinese yet OpenCC rewrites them out of context: 显著 would
become 显着, 么 would become 幺. They are converted only on a line that is itself traditional.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from luoshi import rx

# Corner brackets to mainland quotes; str.replace, because str.translate with a table walks the
# text in Python-level lookups (1 ms on the demo report against microseconds).
_QUOTES = (("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"))

# GB2312 (simplified) characters that tw2s + hk2s change when they stand alone: on a simplified line
# they are right as they are (显著, 土著, 么). tests/core/test_normalise_cleanup.py checks this list
# against OpenCC, so a new OpenCC release that changes it is noticed.
AMBIGUOUS = "么乾吒夥後徵拚捱摺於榘菸著薹袷醣麴麽"
_AMBIGUOUS = rx.compile(f"[{AMBIGUOUS}]")


@lru_cache(maxsize=1)
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    # Loading the dictionaries costs milliseconds: do it once, on first use.
    return opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s")


def to_simplified(text: str) -> str:
    """Convert one run of text to simplified Chinese (转为简体); may change length in theory.

    >>> to_simplified("規劃著力")
    '规划着力'
    >>> to_simplified("「長者飯堂」")
    '“长者饭堂”'
    >>> to_simplified("高质量发展")
    '高质量发展'
    """
    tw2s, hk2s = _converters()
    out = hk2s.convert(tw2s.convert(text))
    for corner, quote in _QUOTES:
        if corner in out:
            out = out.replace(corner, quote)
    return out


def keep_simplified(text: str, out: str) -> str:
    """Undo OpenCC on ambiguous characters of lines that were simplified already (保留简体字).

    ``out`` is ``to_simplified(text)`` and has the same length.

    >>> keep_simplified("成效显著", to_simplified("成效显著"))
    '成效显著'
    >>> keep_simplified("著力推進", to_simplified("著力推進"))
    '着力推进'
    """
    chars: list[str] | None = None
    verdicts: dict[int, bool] = {}  # line start → the line is traditional
    for m in _AMBIGUOUS.finditer(text):
        i = m.start()
        start = text.rfind("\n", 0, i) + 1
        if start not in verdicts:
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            pairs = zip(text[start:end], out[start:end], strict=True)
            verdicts[start] = any(a != b and a not in AMBIGUOUS for a, b in pairs)
        if not verdicts[start] and out[i] != text[i]:
            chars = chars if chars is not None else list(out)
            chars[i] = text[i]
    return out if chars is None else "".join(chars)


def _line(text: str) -> str:
    out = to_simplified(text)
    if len(out) == len(text) and _AMBIGUOUS.search(text):
        out = keep_simplified(text, out)
    return out


def simplify(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Simplify ``text`` and carry its map (``offsets``: len + 1 entries) over (繁简转换并保留偏移).

    >>> simplify("關鍵", [0, 6, 12])
    ('关键', [0, 6, 12])
    >>> simplify("", [0])
    ('', [0])
    """
    out = _line(text)
    if len(out) == len(text):
        return out, offsets
    # Rare: some phrase changed length. Redo line by line, and a changed line char by char.
    pieces: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        done = _line(line)
        if len(done) == len(line):
            pieces.append(done)
            new_offsets.extend(offsets[pos : pos + len(line)])
        else:
            for k, char in enumerate(line):
                piece = to_simplified(char)
                pieces.append(piece)
                new_offsets.extend([offsets[pos + k]] * len(piece))
        pos += len(line)
    new_offsets.append(offsets[len(text)])
    return "".join(pieces), new_offsets
