"""Damage detection (乱码检测): run the rules of ``luoshi.rules.damage`` and report merged spans.

Hits closer than ``GAP`` characters are one damaged span: the demo report's ``饭?zhí)媒ㄔO(shè)``
sets off four rules but is one place to fix, so it is one warning. Nothing is removed here.
"""

from __future__ import annotations

from bisect import bisect_left

from luoshi import rx
from luoshi.plan import Warning
from luoshi.rules.damage import CORRUPT, RULES, TRIGGER, DamageRule

GAP = 3  # hits separated by at most this many characters belong to one damaged span
CONTEXT = 10  # characters of context on each side (GUIDELINES.md)

Hit = tuple[int, int, str, str]  # start, end, kind, rule name
Damage = tuple[int, int, str, tuple[str, ...]]  # start, end, kind, names of the rules that fired


def _decodes_as_utf8(chunk: str) -> bool:
    """Whether GBK bytes of ``chunk`` are valid UTF-8 holding Chinese: the proof of UTF-8 read as GBK."""
    try:
        decoded = chunk.encode("gbk").decode("utf-8")
    except UnicodeError:
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in decoded)


def _hits(text: str, rule: DamageRule) -> list[Hit]:
    hits: list[Hit] = []
    for m in rule.pattern.finditer(text):
        if m.end() == m.start() or (rule.utf8_in_gbk and not _decodes_as_utf8(m[0])):
            continue
        if rule.unless_after and rule.unless_after.search(text, max(0, m.start() - 30), m.start()):
            continue
        hits.append((m.start(), m.end(), rule.kind, rule.name))
    return hits


_TRIGGERS = {rule.name: rx.compile(f"[{rule.trigger}]") for rule in RULES}


def _triggered(rule: DamageRule, present: str) -> bool:
    """Whether any character the rule needs is in the text (``present``: its distinct trigger characters)."""
    return _TRIGGERS[rule.name].search(present) is not None


def _kind(kinds: set[str]) -> str:
    """One kind for a merged span: a wrong decoding explains the rest; other mixes are corrupt text."""
    if "mojibake" in kinds:
        return "mojibake"
    return next(iter(kinds)) if len(kinds) == 1 else CORRUPT


def find_damage(text: str) -> list[Damage]:
    """Damaged spans (损坏片段) as ``(start, end, kind, rule names)``, in text order.

    >>> find_damage("长者饭?zhí)媒ㄔO(shè)力度")
    [(3, 16, 'corrupt_text', ('bopomofo', 'question_mark_in_han', 'stray_pinyin'))]
    >>> find_damage("加强产业平台建设")
    []
    >>> find_damage("锟斤拷锟斤拷")
    [(0, 6, 'mojibake', ('kunjinkao',))]
    """
    present = "".join(set(TRIGGER.findall(text)))
    if not present:
        return []
    hits = [hit for rule in RULES if _triggered(rule, present) for hit in _hits(text, rule)]
    mojibake = [(s, e) for s, e, kind, _ in hits if kind == "mojibake"]
    # Accented letters inside a mojibake span are bytes, not pinyin: do not count them twice.
    hits = [h for h in hits if h[2] != "stray_pinyin" or not any(s <= h[0] and h[1] <= e for s, e in mojibake)]
    hits.sort()
    merged: list[tuple[int, int, set[str], set[str]]] = []
    for start, end, kind, name in hits:
        if merged and start <= merged[-1][1] + GAP:
            s, e, kinds, names = merged[-1]
            merged[-1] = (s, max(e, end), kinds | {kind}, names | {name})
        else:
            merged.append((start, end, {kind}, {name}))
    spans = [(s, e, _kind(kinds), tuple(sorted(names))) for s, e, kinds, names in merged]
    return spans


def damage_warnings(text: str, offsets: list[int], damage: list[Damage]) -> list[Warning]:
    """Warnings for damaged spans given in original offsets, placed in the normalised text (损坏警告).

    ``offsets`` maps ``text`` back to the original; a span whose text was dropped (a leftover line)
    gives no warning.

    >>> [w.text for w in damage_warnings("长者饭?zhí力度", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [(3, 7, "x", ("r",))])]
    ['?zhí']
    >>> damage_warnings("全面贯彻落实", list(range(7)), [])
    []
    """
    warnings = []
    for source_start, source_end, kind, names in damage:
        start, end = bisect_left(offsets, source_start), bisect_left(offsets, source_end)
        if start >= len(text):
            continue
        warnings.append(
            Warning(
                kind=kind,
                offset=start,
                text=text[start:end],
                context=text[max(0, start - CONTEXT) : end + CONTEXT],
                source_offset=offsets[start],
                message=f"可疑文字（{'、'.join(names)}）：原文可能已损坏，请核对原件",
            )
        )
    return warnings
