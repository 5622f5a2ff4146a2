"""Plain-text reader (纯文本读取): decode, then make every line end in ``\\n``."""

from __future__ import annotations

from luoshi.document import Document
from luoshi.errors import ReadError
from luoshi.read.encoding import EncodingError, decode


def read_txt(data: bytes, label: str) -> Document:
    """Read a plain-text report (纯文本报告).

    ``text`` is the decoded text with ``\\r\\n`` and lone ``\\r`` turned into ``\\n`` (and a leading
    BOM dropped by its codec); nothing else changes, so later offsets stay meaningful.

    >>> read_txt("一、总体要求\\r\\n二、主要任务".encode("utf-8"), "报告.txt").text
    '一、总体要求\\n二、主要任务'
    >>> read_txt("各位代表：现在，我代表镇人民政府向大会报告工作。".encode("gb18030"), "报告.txt").encoding
    'gb18030'
    """
    try:
        decoded = decode(data)
    except EncodingError as error:
        raise ReadError(label, str(error)) from None
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise ReadError(label, "文件是空的")
    return Document(label, "txt", text, decoded.encoding, decoded.note)


def normalise_newlines(text: str) -> str:
    """Turn Windows (``\\r\\n``) and old Mac (``\\r``) line ends into ``\\n`` (换行统一).

    >>> normalise_newlines("甲\\r\\n乙\\r丙\\n")
    '甲\\n乙\\n丙\\n'
    >>> normalise_newlines("无换行")
    '无换行'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
