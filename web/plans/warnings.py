"""Import warnings as sentences (导入警告的中文说明): what the extractor found, said as a person would, never its
codes. Data: the kinds of damage and the signatures that found them, in words."""

from __future__ import annotations

import re

# the extractor's kinds of damaged text (``luoshi.plan.Warning.kind``)
KINDS = {
    "corrupt_text": "疑似乱码", "mojibake": "疑似编码错误造成的乱码", "replacement_char": "有无法识别的字符",
    "bopomofo": "夹杂注音符号", "stray_pinyin": "夹杂残留的拼音",
}
# the signatures that found it (``luoshi.rules.damage.RULES``), in words
SIGNS = {
    "kunjinkao": "“锟斤拷”字样", "tangtang": "“烫烫烫”字样", "utf8_as_latin1": "西文重音字母",
    "gbk_as_latin1": "成串的西文符号", "rare_cjk_with_latin1": "生僻字夹杂西文字母", "utf8_as_gbk": "成串的生僻字",
    "replacement_char": "替换符“�”", "question_mark_in_han": "汉字间的问号", "bopomofo": "注音符号",
    "stray_pinyin": "带声调的拼音",
}
_SIGNS_IN_MESSAGE = re.compile(r"[（(]([a-z_、,， ]+)[)）]")


def warning_sentence(warning) -> str:
    """One warning (a dict as stored on the plan, or the extractor's dataclass) as one sentence.

    >>> warning_sentence({"kind": "corrupt_text", "text": "?zhí)媒", "context": "长者饭?zhí)媒建设",
    ...                   "message": "可疑文字（bopomofo、question_mark_in_han）：原文可能已损坏，请核对原件"})
    '“长者饭?zhí)媒建设”中的“?zhí)媒”疑似乱码(发现注音符号、汉字间的问号),请对照原件核对这段文字。'
    """
    get = warning.get if isinstance(warning, dict) else (lambda k, d=None: getattr(warning, k, d))
    kind, text, context, message = get("kind", ""), get("text", ""), get("context", ""), get("message", "") or ""
    if kind not in KINDS:  # a kind this page does not know: its own message, which the extractor writes in Chinese
        return message or "报告中有一处需要核对的内容。"
    found = _SIGNS_IN_MESSAGE.search(message)
    signs = [SIGNS[s] for s in re.split(r"[、,， ]+", found[1]) if s in SIGNS] if found else []
    because = f"(发现{'、'.join(signs)})" if signs else ""
    where = f"“{context}”中的“{text}”" if context and text and text in context else f"“{text or context}”"
    return f"{where}{KINDS[kind]}{because},请对照原件核对这段文字。"
