"""Damage rules (乱码/残缺文字规则): signatures of text the normaliser cannot trust, as commented data.

``luoshi.normalise.damage`` runs every rule over the text before OpenCC (which would rewrite the
wrong characters of a mojibake), with annotations removed, merges hits that touch into
one warning, and reports it; the text itself is kept. The cases that pin these rules down are
``tests/core/cases/damage_cases.json`` (with clean sentences that must yield nothing).

Kinds: ``mojibake`` (bytes decoded with the wrong encoding), ``replacement_char`` (U+FFFD, or a
``?`` standing for a lost character), ``bopomofo`` (注音符号 in a mainland report), ``stray_pinyin``
(tone-marked pinyin outside a valid annotation). Where several kinds meet in one span, the span is
``mojibake`` if a wrong decoding is among them (it explains the rest), otherwise ``corrupt_text``:
the demo report's ``饭?zhí)媒ㄔO(shè)`` is a lost character, stray pinyin and bopomofo together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
PINYIN_LETTER = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêÊńňǹḿ"
TONED_LETTER = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

# UTF-8 continuation bytes 0x80-0xBF as Latin-1 shows them, plus the letters cp1252 puts at 0x80-0x9F.
CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

# Latin-1 characters that bytes of GBK text turn into; signs a report uses itself (×××, 30°, 张·李, ±) are left out.
LATIN1_BYTE = "\u00a1-\u00af\u00b2-\u00b6\u00b8-\u00d6\u00d8-\u00ff"

# A clause that asks (如何落实?): its ? is a question mark. Simplified and traditional forms,
# because the damage rules run before conversion; the clause runs back to the last punctuation.
QUESTION_CLAUSE = rx.compile(
    r"(?:吗|嗎|呢|什么|什麼|甚麼|如何|怎么|怎麼|怎样|怎樣|为何|為何|为什么|為什麼|哪|谁|誰|几|幾|多少|是否|何)"
    r"[^,，.。;；:：!！?？\n]{0,20}$"
)

CORRUPT = "corrupt_text"  # the kind of a span where several signatures meet


@dataclass(frozen=True)
class DamageRule:
    """One signature of damaged text (损坏特征): a name, the kind it reports, a pattern, and why.

    ``trigger`` is a character class (its body) of which every hit holds at least one character:
    one scan for the union of all triggers tells which rules can fire, so clean text costs one pass.
    """

    name: str
    kind: str
    trigger: str
    pattern: re.Pattern[str]
    why: str
    utf8_in_gbk: bool = False  # hits must also decode as UTF-8 once re-encoded as GBK
    unless_after: re.Pattern[str] | None = None  # no hit when the text just before matches this


def _gbk_chars(first: range, second: range) -> str:
    """Every GBK character whose two bytes fall in the given ranges, as a regex class body.

    Every pair is decoded in one call, each on a line of its own: a pair that is no character decodes
    to U+FFFD (its bytes one by one), and the newline after it is read as a newline again.

    >>> _gbk_chars(range(0xB0, 0xB1), range(0xA1, 0xA4))
    '啊阿埃'
    """
    pairs = b"".join(bytes((a, b, 0x0A)) for a in first for b in second).decode("gbk", errors="replace")
    return re.escape("".join(c for c in pairs.split("\n") if len(c) == 1 and c != "\ufffd"))


# UTF-8 read as GBK: a three-byte UTF-8 character (lead 0xE2-0xEF, two continuations 0x80-0xBF)
# spans one and a half GBK characters, so two of them re-encode as three GBK characters shaped
# (lead, cont) (cont, lead) (cont, cont). Such triples of characters are how "鍦ㄥ緢" is made.
_LEAD, _CONT = range(0xE2, 0xF0), range(0x80, 0xC0)
_GBK_A, _GBK_B, _GBK_C = _gbk_chars(_LEAD, _CONT), _gbk_chars(_CONT, _LEAD), _gbk_chars(_CONT, _CONT)

RULES: tuple[DamageRule, ...] = (
    DamageRule(
        "kunjinkao", "mojibake", "锟錕拷", rx.compile("(?:[锟錕]斤拷)+|[锟錕]斤|斤拷"),
        "U+FFFD written as UTF-8 and read back as GBK: the best-known Chinese mojibake",
    ),
    DamageRule(
        "tangtang", "mojibake", "烫燙屯", rx.compile("[烫燙]{2,}|屯{3,}"),
        "uninitialised memory (0xCC / 0xCD bytes) read as GBK; no report doubles 烫",
    ),
    DamageRule(
        "utf8_as_latin1", "mojibake",
        "\u00c2-\u00ef",
        rx.compile(
            rf"""
            (?=[\u00c2-\u00ef])                        # look for a lead first: keeps the scan fast
            (?: [\u00c2-\u00d6\u00d8-\u00df][{CONTINUATION}] # two-byte character (× is a sign, not a lead)
              | [\u00e0-\u00ef][{CONTINUATION}]{{2}}       # three-byte character: every hanzi
            )+
            """,
            re.VERBOSE,
        ),
        "UTF-8 read as Latin-1/cp1252: a lead byte letter (Ã, å, æ, é …) then continuation signs",
    ),
    DamageRule(
        "gbk_as_latin1", "mojibake", LATIN1_BYTE, rx.compile(f"[{LATIN1_BYTE}]{{4,}}"),
        "GBK read as Latin-1: every byte becomes an accented letter or sign; pinyin never has four in a row",
    ),
    DamageRule(
        "rare_cjk_with_latin1", "mojibake",
        "\u00c0-\u00ff",
        rx.compile(
            """
            [\u3400-\u4dbf\ue000-\uf8ff\u00c0-\u00ff]                 # either side first: keeps the scan fast
            (?: (?<=[\u3400-\u4dbf\ue000-\uf8ff])[\u00c0-\u00ff]      # rare CJK, then a Latin-1 letter
              | (?<=[\u00c0-\u00ff])[\u3400-\u4dbf\ue000-\uf8ff] )    # a Latin-1 letter, then rare CJK
            """,
            re.VERBOSE,
        ),
        "an Extension A or private-use character next to a Latin-1 letter: two wrong decodings meeting",
    ),
    DamageRule(
        "utf8_as_gbk", "mojibake", _GBK_A, rx.compile(f"(?:[{_GBK_A}][{_GBK_B}][{_GBK_C}])+"),
        "UTF-8 read as GBK: rare characters that re-encode to valid UTF-8 (checked in code)",
        utf8_in_gbk=True,
    ),
    DamageRule(
        "replacement_char", "replacement_char", "\ufffd", rx.compile("\ufffd+"),
        "U+FFFD: a decoder already gave up on these bytes",
    ),
    DamageRule(
        "question_mark_in_han", "replacement_char",
        "?",
        rx.compile(
            rf"""
            \?                                             # the question mark first: keeps the scan fast
            (?: (?<=[{HAN}]\?)\?*(?=[{HAN}{PINYIN_LETTER}])  # after a hanzi, before a hanzi or a letter
              | (?<=[{PINYIN_LETTER}]\?)\?*(?=[{HAN}])        # after a letter, before a hanzi
              | \?+ )                                       # or doubled anywhere
            """,
            re.VERBOSE,
        ),
        "an ASCII ? glued to Chinese: what an encoder writes for a character it could not map",
        # ... unless the clause asks something: a report typed with ASCII punctuation asks with ? too.
        unless_after=QUESTION_CLAUSE,
    ),
    DamageRule(
        "bopomofo", "bopomofo", "\u3100-\u312f\u31a0-\u31bf", rx.compile("[\u3100-\u312f\u31a0-\u31bf]+"),
        "注音符号 are not used in mainland reports; here they come from UTF-8 read as GBK (ㄔ, ㄥ)",
    ),
    DamageRule(
        "stray_pinyin", "stray_pinyin",
        TONED_LETTER,
        rx.compile(rf"(?=[(（{PINYIN_LETTER}])[(（]?[{PINYIN_LETTER}]*[{TONED_LETTER}][{PINYIN_LETTER}]*[)）]?"),
        "tone-marked pinyin left after annotations were removed: after a non-Chinese character, "
        "unbalanced, or not a reading of the character before it",
    ),
)

# Every character that can start a rule's work, in one class: the one scan clean text pays for.
TRIGGER = rx.compile(f"[{''.join(rule.trigger for rule in RULES)}]")
