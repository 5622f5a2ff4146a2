"""Readers (读取): one entry point, ``read(path_or_bytes) -> Document``, for every format a report arrives in.

What ``Document.text`` is, since every later offset (``source_start``/``source_end``) indexes it:

- txt: the decoded file (a BOM dropped by its codec) with ``\\r\\n`` and ``\\r`` turned into ``\\n``,
  nothing else changed; ``Document.encoding`` names a codec that decodes the file's bytes again;
- docx: the non-empty paragraphs in body order, one per line, as Word holds them (indents kept),
  with the number of automatically numbered headings put back (``一、``); a table row is one line
  of cells joined by ``\\t``;
- pdf: paragraphs rebuilt from the text layer's lines, page numbers and running headers dropped;
- html: the article body's blocks, one per line, whitespace folded as a browser shows it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from luoshi.document import Document
from luoshi.errors import ReadError

MAX_BYTES = 50 * 1024 * 1024  # a work report is well under 5 MB; beyond 50 MB it is not one

# Extensions we read, by format; anything else named on the command line is refused by name.
FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html",
           ".htm": "html", ".shtml": "html", ".xhtml": "html"}

# Extensions users are likely to try, each with the advice that helps them.
KNOWN_OTHERS = {
    ".doc": "是旧版 Word（.doc）文件，暂不支持：请在 Word 中另存为 .docx 后再读取",
    ".wps": "是 WPS 文字文件，暂不支持：请另存为 .docx 后再读取",
    ".rtf": "是 RTF 文件，暂不支持：请另存为 .docx 或 .txt 后再读取",
    ".xls": "是 Excel 表格，不是工作报告：请提供 .txt、.docx、.pdf 或 .html",
    ".xlsx": "是 Excel 表格，不是工作报告：请提供 .txt、.docx、.pdf 或 .html",
    ".ofd": "是 OFD 版式文件，暂不支持：请导出为 PDF 或 .docx",
    ".zip": "是压缩包：请解压后读取其中的报告",
    ".rar": "是压缩包：请解压后读取其中的报告",
    ".7z": "是压缩包：请解压后读取其中的报告",
}
_IMAGE = "是图片，没有文字层：扫描件需要先做 OCR 识别，或提供 .txt、.docx、.pdf 或 .html"
KNOWN_OTHERS.update(dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), _IMAGE))


def read(source: str | Path | bytes, *, name: str | None = None) -> Document:
    """Read a report (读取工作报告) from a path, ``"-"`` (standard input) or raw bytes.

    The format comes from the extension when there is one, otherwise from the first bytes.
    Raises ``luoshi.errors.ReadError`` naming the input and the problem.

    >>> read("各位代表：\\r\\n现在，我代表镇人民政府作报告。".encode("gb18030")).text
    '各位代表：\\n现在，我代表镇人民政府作报告。'
    >>> read("一、2024年工作回顾".encode("utf-8-sig"), name="报告.txt").encoding
    'utf-8-sig'
    >>> read(b"", name="empty.txt")
    Traceback (most recent call last):
    luoshi.errors.ReadError: empty.txt: 文件是空的
    """
    data, label, suffix = _load(source, name)
    fmt = _format(data, label, suffix)
    reader = _reader(fmt)
    return reader(data, label)


def _load(source: str | Path | bytes, name: str | None) -> tuple[bytes, str, str]:
    """The bytes, the label used in messages, and the lower-case extension ('' when unknown)."""
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or "<bytes>"
        data = bytes(source)
    elif str(source) == "-":
        label = name or "<stdin>"
        data = _read_limited(sys.stdin.buffer)
    else:
        path = Path(source)
        label = name or str(source)
        _check_path(path, label)
        try:
            with path.open("rb") as handle:
                data = _read_limited(handle)
        except PermissionError:
            raise ReadError(label, "没有读取权限") from None
        except OSError as error:
            raise ReadError(label, f"无法打开文件（{error.strerror or error}）") from None
    if len(data) > MAX_BYTES:
        raise ReadError(label, f"文件超过 {MAX_BYTES // (1024 * 1024)} MB 的上限，不像一份工作报告")
    if not data.strip():
        raise ReadError(label, "文件是空的")
    # A path's own extension decides; for bytes and standard input the name given stands in for it.
    named = label if isinstance(source, bytes | bytearray | memoryview) or str(source) == "-" else str(source)
    return data, label, Path(named).suffix.lower()


def _read_limited(stream: BinaryIO) -> bytes:
    """At most one byte past ``MAX_BYTES``, so an oversized stream is refused without holding all of it.

    Read a megabyte at a time: ``read(MAX_BYTES + 1)`` would allocate 50 MB up front for every file,
    however small.
    """
    chunks = []
    left = MAX_BYTES + 1
    while left > 0 and (chunk := stream.read(min(left, 1024 * 1024))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_path(path: Path, label: str) -> None:
    """Refuse what is not a readable regular file before opening it, with the reason the user can act on."""
    if not path.exists():
        raise ReadError(label, "文件不存在")
    if path.is_dir():
        raise ReadError(label, "这是一个目录，不是文件")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(label, f"文件超过 {MAX_BYTES // (1024 * 1024)} MB 的上限，不像一份工作报告")


def _format(data: bytes, label: str, suffix: str) -> str:
    """Decide the format from the extension, checked against the magic bytes; sniff when no extension."""
    sniffed = sniff(data)
    if suffix in KNOWN_OTHERS:
        raise ReadError(label, KNOWN_OTHERS[suffix])
    if sniffed == "ole":
        # An OLE compound file is either a legacy .doc/.xls or an encrypted OOXML package.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise ReadError(label, "文件已加密（受密码保护）：请先在 Word 中取消密码再读取")
        raise ReadError(label, KNOWN_OTHERS[".doc"])
    if sniffed == "binary":
        raise ReadError(label, "不是文本文件（看起来是图片、压缩包或程序），请提供 .txt、.docx、.pdf 或 .html")
    if suffix == ".pdf" and b"%PDF-" in data[:1024]:
        return "pdf"  # readers accept a PDF header after up to 1 KB of junk (some mail gateways prepend it)
    if suffix and suffix not in FORMATS:
        raise ReadError(label, f"不支持的文件类型 {suffix}：请提供 .txt、.docx、.pdf 或 .html")
    expected = FORMATS.get(suffix)
    if expected in (None, "txt"):
        # A report saved without an extension, or a .txt that is really another format: trust the bytes.
        return sniffed if sniffed in ("docx", "pdf", "html") else "txt"
    if expected == "html" and sniffed == "txt":
        return "html"  # a page fragment without <html> is still html to parse
    if expected != sniffed:
        raise ReadError(label, f"扩展名是 {suffix}，但内容不是 {expected.upper()} 文件（{_describe(sniffed)}）")
    return expected


def sniff(data: bytes) -> str:
    """The format the first bytes announce (文件类型嗅探): docx, pdf, html, ole, binary or txt.

    >>> sniff(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff(b"\\xef\\xbb\\xbf<!-- saved from url=(0040)http://www.gov.cn/ -->\\n<html>")
    'html'
    >>> sniff("各位代表".encode())
    'txt'
    """
    head = data[:1024]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(_BINARY_MAGIC) or (head.startswith(b"MZ") and b"\x00" in head[:64]):
        return "binary"
    # UTF-16 pages carry a zero byte beside every ASCII letter: drop them to see the markup.
    markup = _strip_bom(head).replace(b"\x00", b"").lstrip().lower()
    if markup.startswith(_HTML_STARTS) or (markup.startswith(b"<") and b"<html" in markup):
        return "html"  # the second case covers <?xml …> and the "saved from url" comment browsers add
    return "txt"


_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"\x7fELF", b"\x1f\x8b",
                 b"Rar!", b"7z\xbc\xaf", b"RIFF", b"\x00\x00\x01\x00")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body")


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def _describe(sniffed: str) -> str:
    return {"txt": "像是纯文本", "binary": "是其他二进制文件", "docx": "是 zip 压缩包",
            "pdf": "是 PDF", "html": "是网页"}.get(sniffed, sniffed)


def _reader(fmt: str) -> Callable[[bytes, str], Document]:
    # Imported lazily: reading a .txt should not pay for python-docx, pypdfium2 or lxml.
    if fmt == "docx":
        from luoshi.read.docx import read_docx
        return read_docx
    if fmt == "pdf":
        from luoshi.read.pdf import read_pdf
        return read_pdf
    if fmt == "html":
        from luoshi.read.html import read_html
        return read_html
    from luoshi.read.txt import read_txt
    return read_txt

