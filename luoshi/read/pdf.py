"""PDF reader (PDF 读取): the text layer, page by page, with paragraphs rebuilt from lines.

A PDF stores lines, not paragraphs. A line starts a new paragraph when it is indented past the
page's left margin (the first-line indent of Chinese typesetting) or when the line before it
stopped short of the right margin. Only in a PDF without any indented line does a line ending in
。；：！？ end a paragraph, since in indented text a sentence may end exactly at the margin.
Wrapped lines are joined without a space, except between two Latin letters.
"""

from __future__ import annotations

import re
import statistics
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from luoshi import rx
from luoshi.document import Document
from luoshi.errors import ReadError

if TYPE_CHECKING:
    from pypdfium2 import PdfPage

# PDFium is not thread-safe and the web app may read two uploads at once.
_PDFIUM_LOCK = threading.Lock()

_PAGE_NUMBER = rx.compile(r"""
    ^\s*(?:
        [-—–－·•]*\s*\d{1,4}\s*[-—–－·•]*          # - 3 -, —3—, 3
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第3页 共10页
      | \d{1,4}\s*/\s*\d{1,4}                      # 3/10
      | page\s*\d{1,4}(?:\s*of\s*\d{1,4})?          # Page 3 of 10
    )\s*$""", re.VERBOSE | re.IGNORECASE)
_ENDS_SENTENCE = ("。", "；", "：", "！", "？", ";", ":", "!", "?")
# Justified Chinese fills every line to the margin, but a line cannot break inside a Latin word or a
# pinyin group like (chǎn), so wrapped lines may stop up to three characters short.
SHORT_LINE_EMS = 4
_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


@dataclass(frozen=True)
class Line:
    """One line of the text layer (文本行) with the geometry that tells paragraphs apart."""

    text: str
    left: float
    right: float
    size: float  # font size of its first character: the "em" that indents and gaps are measured in
    page: int


def read_pdf(data: bytes, label: str) -> Document:
    """Read a PDF report (PDF 报告) from its text layer; a scan without one is refused, it needs OCR.

    >>> read_pdf(b"%PDF-1.7 cut off in the middle", "报告.pdf")
    Traceback (most recent call last):
    luoshi.errors.ReadError: 报告.pdf: PDF 文件已损坏或不完整，无法打开
    """
    import pypdfium2 as pdfium  # imported here: only .pdf input pays for PDFium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            # PDFium's last error is global and not reset by a failure that sets none (a PDF without
            # pages): only a file that declares encryption is called encrypted.
            if getattr(error, "err_code", None) == _PDFIUM_PASSWORD_ERROR and b"/Encrypt" in data:
                raise ReadError(label, "PDF 已加密，需要密码才能打开：请提供未加密的文件") from None
            raise ReadError(label, "PDF 文件已损坏或不完整，无法打开") from None
        try:
            pages = [_page_lines(pdf[index], index) for index in range(len(pdf))]
        except pdfium.PdfiumError:
            raise ReadError(label, "PDF 文件已损坏，无法读取页面内容") from None
        finally:
            pdf.close()
    lines = _without_furniture(pages)
    if not lines:
        raise ReadError(label, "PDF 没有文字层（可能是扫描件），需要先做 OCR 识别")
    return Document(label, "pdf", "\n".join(paragraphs(lines)))


def _page_lines(page: PdfPage, number: int) -> list[Line]:
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count)
        lines = []
        start = 0
        # PDFium's generated "\r\n" count as characters, so text index i is character i.
        for match in re.finditer(r"\r\n|\r|\n|$", text):
            raw = text[start:match.start()]
            stripped = raw.strip()
            if stripped and len(text) == count:
                first = start + (len(raw) - len(raw.lstrip()))
                last = start + len(raw.rstrip()) - 1
                left = textpage.get_charbox(first)[0]
                right = textpage.get_charbox(last)[2]
                # Glyph boxes vary (一 is flat, “ is tiny); the font size is the steady measure.
                size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first)
                lines.append(Line(stripped, left, right, size, number))
            elif stripped:
                lines.append(Line(stripped, 0.0, 0.0, 0.0, number))  # no geometry: join by punctuation alone
            start = match.end()
            if match.start() == len(text):
                break
        return lines
    finally:
        textpage.close()
        page.close()


def _without_furniture(pages: list[list[Line]]) -> list[Line]:
    """Drop page numbers and a running header or footer repeated on most pages (页码、页眉页脚)."""
    repeated: set[str] = set()
    if len(pages) >= 3:
        edges: dict[str, int] = {}
        for lines in pages:
            for line in {*(lines[:1]), *(lines[-1:])}:
                key = re.sub(r"\d+", "#", line.text)
                edges[key] = edges.get(key, 0) + 1
        repeated = {key for key, seen in edges.items() if seen >= max(3, len(pages) * 0.6)}
    kept = []
    for lines in pages:
        for position, line in enumerate(lines):
            at_edge = position in (0, 1, len(lines) - 2, len(lines) - 1)
            if at_edge and (_PAGE_NUMBER.match(line.text) or re.sub(r"\d+", "#", line.text) in repeated):
                continue
            kept.append(line)
    return kept


def paragraphs(lines: list[Line]) -> list[str]:
    """Join wrapped lines into paragraphs (段落重建) using indents, short lines and end punctuation."""
    margins = _margins(lines)
    sizes = [line.size for line in lines if line.size > 0]
    em = statistics.median(sizes) if sizes else 12.0
    indented = any(line.left - margins[line.page][0] > em for line in lines if line.size)
    result: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(line, previous, margins, em, indented):
            result.append(line.text)
        else:
            result[-1] = _join(result[-1], line.text)
        previous = line
    return result


def _margins(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Left and right text margins per page (pages may alternate); the widest lines define them."""
    margins: dict[int, tuple[float, float]] = {}
    for line in lines:
        if not line.size:
            continue
        left, right = margins.get(line.page, (line.left, line.right))
        margins[line.page] = (min(left, line.left), max(right, line.right))
    return margins


def _starts_paragraph(line: Line, previous: Line, margins: dict[int, tuple[float, float]], em: float,
                      indented: bool) -> bool:
    if not line.size or not previous.size:
        return previous.text.endswith(_ENDS_SENTENCE)
    left_margin = margins[line.page][0]
    right_margin = margins[previous.page][1]
    if line.left - left_margin > em:
        return True  # first-line indent
    gap = right_margin - previous.right
    if gap > SHORT_LINE_EMS * em:
        return True  # the line before stopped short: a paragraph's last line
    # In indented text a sentence may end at the margin mid-paragraph: there the indent decides alone.
    return not indented and previous.text.endswith(_ENDS_SENTENCE)


def _join(head: str, tail: str) -> str:
    # Chinese wraps anywhere without a space; only two Latin words need one between them.
    if head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha():
        return f"{head} {tail}"
    return head + tail
