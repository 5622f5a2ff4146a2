"""Text encoding detection (编码识别): BOM, then strict UTF-8, then GB18030 against Big5-HKSCS.

Nothing is guessed silently: the result carries the encoding and how it was decided, and bytes
that two legacy encodings read equally well are refused with both candidates named.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from luoshi import rx
from luoshi.read.common_hanzi import COMMON

# A legacy decoding is accepted when this share of its hanzi are common ones ...
MIN_SHARE = 0.30
# ... and it beats the other candidate by this margin; wrong decodings score around 0.05.
MIN_LEAD = 0.15
# Only the first part of a long text is scored: 8 KB (some 4 000 hanzi) settle it and keep big files fast.
SAMPLE_BYTES = 8192

# Characters that differ between decodings: everything beyond ASCII except whitespace, general and CJK
# punctuation, full-width forms and the Latin letters of pinyin (ā, ǚ), which are neutral.
_TELLING = rx.compile(r"[^\x00-\x7f\s\u00a0-\u024f\u2000-\u206f\u3000-\u303f\uff00-\uffef]")
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and Ctrl-Z (old DOS end
# of file), and C1 controls: text files do not contain them, binary files are full of them.
_CONTROL = rx.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")

_NON_ASCII = rx.compile(rb"[\x80-\xff]")
_NON_ASCII_TEXT = rx.compile(r"[^\x00-\x7f]")

NOT_TEXT = "不是文本文件（含有二进制数据），请提供 .txt、.docx、.pdf 或 .html"
LABELS = {"gb18030": "GB18030（简体，含 GBK/GB2312）", "big5hkscs": "Big5-HKSCS（繁体）",
          "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}


class EncodingError(ValueError):
    """Bytes that are not text, or text whose encoding cannot be decided; the message is for the user."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text (解码结果) with the codec name (``bytes.decode(encoding)`` gives ``text`` back) and why."""

    text: str
    encoding: str
    note: str


def decode(data: bytes) -> Decoded:
    """Decode the bytes of a text file (解码文本), deciding the encoding as the text itself shows it.

    >>> decode("落实".encode("utf-8")).encoding
    'utf-8'
    >>> decode("各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。".encode("gb18030")).encoding
    'gb18030'
    >>> decode("各位代表：現在，我代表鎮人民政府向大會報告工作，請予審議。".encode("big5hkscs")).encoding
    'big5hkscs'
    """
    bom = _by_bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        _refuse_stray_nul(data)
        # Text in UTF-16 without a BOM: ASCII characters carry a zero byte, and so do a few hanzi.
        if len(data) % 2:
            _refuse_odd_utf16(data)
            raise EncodingError(NOT_TEXT)
        return _best(data, ("utf-16-le", "utf-16-be"), "无 BOM 且含零字节")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        candidates = ("gb18030", "big5hkscs") + (("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())
        try:
            return _best(data, candidates, "不是 UTF-8")
        except EncodingError:
            if _mostly_utf8(data, error.start):
                # Saying "not text" or "unknown encoding" would send the user after the wrong problem.
                line = data.count(b"\n", 0, error.start) + 1
                raise EncodingError(f"不是合法的 UTF-8：第 {line} 行（第 {error.start} 字节）起有无法解码的字节，"
                                    "文件可能已损坏或混用了编码：请修复后另存为 UTF-8 再读取") from None
            raise
    _refuse_controls(text)
    return Decoded(text, "utf-8", "合法的 UTF-8（无 BOM）")


def _mostly_utf8(data: bytes, first_error: int) -> bool:
    """UTF-8 text with some damage: a long valid start, or more valid multi-byte characters than bad bytes.

    A legacy-encoded file almost never forms valid multi-byte UTF-8 sequences, so either sign is telling.
    """
    if len(_NON_ASCII_TEXT.findall(data[:first_error].decode("utf-8"))) >= 20:
        return True
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return len(_NON_ASCII_TEXT.findall(text)) - bad >= max(10, bad)


def _refuse_odd_utf16(data: bytes) -> None:
    """UTF-16 holds whole pairs of bytes: one that reads as UTF-16 but for its last byte was cut short."""
    try:
        _best(data[:-1], ("utf-16-le", "utf-16-be"), "")
    except EncodingError:
        return
    raise EncodingError("像是没有 BOM 的 UTF-16 文本，但字节数是奇数（最后一个字符不完整），文件可能被截断："
                        "请另存为 UTF-8 后再读取")


def _refuse_stray_nul(data: bytes) -> None:
    """A few NUL bytes in otherwise valid UTF-8: name the line, rather than call the file UTF-16 or binary."""
    nuls = data.count(b"\x00")
    if nuls * 100 > len(data):
        return  # UTF-16 (a zero byte beside every ASCII letter) or binary: the callers decide
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    raise EncodingError(f"第 {line} 行起含有 {nuls} 个 NUL 空字节（\\x00），文件可能已损坏：请删除这些字节后再读取")


def _by_bom(data: bytes) -> Decoded | None:
    """A byte order mark settles it; bytes that then fail to decode are damaged, not another encoding."""
    for bom, encoding, name in ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"), (b"\xff\xfe", "utf-16", "UTF-16 LE"),
                                (b"\xfe\xff", "utf-16", "UTF-16 BE")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                problem = f"文件以 {name} 的 BOM 开头，但第 {error.start} 字节起无法按 {name} 解码，文件可能已损坏"
                raise EncodingError(problem) from None
            _refuse_controls(text)
            return Decoded(text, encoding, f"{name} BOM")
    return None


def _best(data: bytes, candidates: tuple[str, ...], why: str) -> Decoded:
    """Score every decoding that succeeds by its share of common hanzi; take a clear winner or refuse."""
    # Score from the first non-ASCII byte (kept at an even offset for UTF-16): an English preface tells nothing.
    first = _NON_ASCII.search(data)
    start = first.start() & ~1 if first and b"\x00" not in data else 0
    sample = data[start : start + SAMPLE_BYTES]
    scores: dict[str, float] = {}
    for encoding in candidates:
        try:
            # Not final: a character cut in two at the end of the sample is not an error.
            final = start + len(sample) == len(data)
            text = codecs.getincrementaldecoder(encoding)().decode(sample, final=final)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text)) <= 2:
            scores[encoding] = share_of_common(text)
    if not scores:
        if b"\x00" in data or len(_CONTROL.findall(data[:SAMPLE_BYTES].decode("latin-1"))) > 2:
            raise EncodingError(NOT_TEXT)
        raise EncodingError("无法识别文字编码：不是 UTF-8，也不能按 GB18030 或 Big5-HKSCS 解码，请另存为 UTF-8 再读取")
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best, share = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    if share >= MIN_SHARE and (runner_up is None or share - runner_up[1] >= MIN_LEAD):
        text = _full(data, best)
        versus = f"，{LABELS[runner_up[0]]} 仅 {runner_up[1]:.0%}" if runner_up else ""
        return Decoded(text, best, f"{why}；按 {LABELS[best]} 解码后常用汉字占 {share:.0%}{versus}")
    if b"\x00" in data and share < MIN_SHARE:
        raise EncodingError(NOT_TEXT)
    named = "、".join(f"{LABELS[encoding]}（常用字 {score:.0%}）" for encoding, score in ranked)
    raise EncodingError(f"无法确定文字编码，可能是 {named}：请另存为 UTF-8 后再读取")


def _full(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(f"按 {LABELS[encoding]} 解码时在第 {error.start} 字节出错，文件可能已损坏或混用了编码"
                            ) from None


def share_of_common(text: str) -> float:
    """The share of common hanzi among the characters that tell encodings apart (常用字比例).

    ASCII, whitespace, punctuation and pinyin letters decode alike or are neutral, so they do not
    count; a text made only of them scores 1.0.

    >>> share_of_common("各位代表：现在，我代表镇人民政府作报告。")
    1.0
    >>> share_of_common("鍚勪綅浠ｈ〃") < 0.3
    True
    """
    telling = _TELLING.findall(text)
    if not telling:
        return 1.0 if text.strip() else 0.0
    return sum(1 for char in telling if char in COMMON) / len(telling)


def _refuse_controls(text: str) -> None:
    # A few stray controls happen in real files; many mean binary data that happens to decode.
    if len(_CONTROL.findall(text, 0, SAMPLE_BYTES)) > 2:
        raise EncodingError(NOT_TEXT)
