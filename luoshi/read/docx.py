"""Word reader (Word 文档读取): body paragraphs and tables in document order, numbering rebuilt.

The zip container is checked before python-docx opens it, so a truncated file, a zip bomb or
another Office format gets its own message instead of a library traceback. Every part is then
inflated here, a chunk at a time against the size limit, and handed to python-docx uncompressed:
zipfile's own ``read()`` inflates a member's whole compressed stream in one call, however much
more it holds than the size the directory declares.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from luoshi.document import Document
from luoshi.errors import ReadError
from luoshi.read.numbering import Numbering

if TYPE_CHECKING:  # python-docx is imported when a .docx is read, not when luoshi.read is
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table

MAX_UNPACKED = 200 * 1024 * 1024  # all parts together; a long report's document.xml is a few MB
MAX_RATIO = 100  # XML compresses about 10:1; far beyond that a part is built to explode
CHUNK = 1024 * 1024  # inflate at most this much at a time, so a lying size header costs no more


def read_docx(data: bytes, label: str) -> Document:
    """Read a .docx report (Word 报告): one line per non-empty paragraph, a table row as cells joined by tabs.

    >>> read_docx(b"PK\\x05\\x06" + bytes(18), "报告.docx")
    Traceback (most recent call last):
    luoshi.errors.ReadError: 报告.docx: 是普通 zip 压缩包，不是 Word 文档：请解压后读取其中的报告
    >>> read_docx("各位代表".encode(), "报告.docx")
    Traceback (most recent call last):
    luoshi.errors.ReadError: 报告.docx: 文件已损坏或不完整（不是完整的 zip/docx 包，可能下载中断）
    """
    unpacked = _check_package(data, label)
    from docx import Document as open_docx  # imported here: only .docx input pays for python-docx

    try:
        word = open_docx(io.BytesIO(unpacked))
        numbering = Numbering.of(word)
        lines = list(_lines(word, numbering))
    except ReadError:
        raise
    except etree.XMLSyntaxError as error:
        raise ReadError(label, _xml_problem(error)) from None
    except Exception as error:  # python-docx and lxml raise many types on malformed parts; all mean damage
        raise ReadError(label, f"Word 文件已损坏，无法解析（{type(error).__name__}）") from None
    if not lines:
        raise ReadError(label, "Word 文件里没有文字")
    return Document(label, "docx", "\n".join(lines))


def _check_package(data: bytes, label: str) -> bytes:
    """Refuse what is not a whole, sane .docx package; return it repacked with every part stored uncompressed."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        # NotImplementedError: a damaged directory entry claims a zip version from the future.
        raise ReadError(label, "文件已损坏或不完整（不是完整的 zip/docx 包，可能下载中断）") from None
    with package:
        members = package.infolist()
        names = {member.filename for member in members}
        if "word/document.xml" not in names and not _declares_main_part(package, names):
            raise ReadError(label, _what_zip_is(names))
        # Declared sizes are what zipfile will produce at most, so checking them is enough.
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED:
            raise ReadError(label, f"解压后超过 {MAX_UNPACKED // (1024 * 1024)} MB，疑似 zip 炸弹，拒绝解压")
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise ReadError(label, f"压缩比异常（{member.filename} 超过 {MAX_RATIO} 倍），疑似 zip 炸弹，拒绝解压")
        parts = _inflate(package, label)
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as repacked:
        for name, content in parts.items():
            repacked.writestr(name, content)
    return stored.getvalue()


def _inflate(package: zipfile.ZipFile, label: str) -> dict[str, bytes]:
    """Every part's bytes, inflated a chunk at a time and counted against ``MAX_UNPACKED`` as they come.

    zipfile stops a member at its declared size and checks its CRC, so a stream holding more than
    it declares ends in an error here, after at most ``CHUNK`` bytes more than declared were made.
    """
    parts: dict[str, bytes] = {}
    total = 0
    for member in package.infolist():
        if member.is_dir():
            continue
        chunks = []
        try:
            with package.open(member) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > MAX_UNPACKED:
                        limit = MAX_UNPACKED // (1024 * 1024)
                        raise ReadError(label, f"解压后超过 {limit} MB，疑似 zip 炸弹，拒绝解压")
                    chunks.append(chunk)
        except ReadError:
            raise
        except RuntimeError:  # zipfile's "password required": a member encrypted with the old zip scheme
            raise ReadError(label, "文件已加密（受密码保护）：请先在 Word 中取消密码再读取") from None
        except Exception as error:  # bad CRC, bad local header, an unknown compression method: damage
            raise ReadError(label, f"文件已损坏（{member.filename} 无法解压：{type(error).__name__}），"
                                   "可能下载中断或被篡改") from None
        parts[member.filename] = b"".join(chunks)
    return parts


def _xml_problem(error: etree.XMLSyntaxError) -> str:
    """The user's words for an XML part lxml refused: nesting or entities built to exhaust the reader, or damage."""
    message = str(error)
    if "depth" in message.lower():
        return "Word 文件的 XML 嵌套层数超过上限，疑似恶意构造的文件，拒绝解析"
    if "entity" in message.lower() or "amplification" in message.lower():
        return "Word 文件的 XML 含有实体定义（可用于实体膨胀或读取本机文件），疑似恶意构造的文件，拒绝解析"
    return f"Word 文件已损坏，无法解析（XML 错误：第 {error.lineno} 行）"


def _declares_main_part(package: zipfile.ZipFile, names: set[str]) -> bool:
    """Some generators name the main part otherwise (word/document2.xml); the content types tell."""
    if "[Content_Types].xml" not in names or package.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
        return False
    try:
        types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, zlib.error):
        return False  # a damaged part: the caller reports the package as not a Word document
    return b"wordprocessingml.document.main+xml" in types


def _what_zip_is(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "是 Excel 表格（.xlsx），不是 Word 文档"
    if "ppt/presentation.xml" in names:
        return "是 PowerPoint 演示文稿（.pptx），不是 Word 文档"
    if "[Content_Types].xml" in names:
        return "缺少 word/document.xml，不是有效的 Word 文档（可能已损坏）"
    return "是普通 zip 压缩包，不是 Word 文档：请解压后读取其中的报告"


def _lines(word: WordDocument, numbering: Numbering) -> Iterator[str]:
    from docx.table import Table

    for block in blocks(word.element.body):
        if block.tag == _TABLE:
            yield from _table_rows(Table(block, word))  # python-docx resolves merged cells across the grid
            continue
        text = paragraph_text(block)
        if text.strip():  # empty paragraphs are spacing, not content
            yield numbering.prefix(block) + text


def blocks(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables in document order, including those wrapped in content controls (内容控件)."""
    for child in container.iterchildren():
        if child.tag in (_PARAGRAPH, _TABLE):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from blocks(child)


def paragraph_text(paragraph: BaseOxmlElement) -> str:
    """The text a reader sees in a paragraph (段落文字): every run, tracked insertions included.

    python-docx's ``Paragraph.text`` reads only direct runs and hyperlinks, so text inside a tracked
    insertion, a smart tag, a simple field or an inline content control would be lost. Deleted text
    (``w:delText``) and text boxes anchored here (read by Word as separate paragraphs) are left out.
    A tab inside a paragraph becomes a space: in ``Document.text`` a tab separates table cells.
    """
    parts = []
    for run in _VISIBLE_RUNS(paragraph):
        for child in run.iterchildren():
            tag = child.tag
            if tag == _TEXT:
                parts.append(child.text or "")
            elif tag == _BREAK:
                # A line break shows as a new line; page and column breaks only move the text on.
                parts.append("\n" if child.get(_BREAK_TYPE) in (None, "textWrapping") else "")
            elif tag in _RUN_SPECIALS:
                parts.append(_RUN_SPECIALS[tag])
    return "".join(parts)


def _table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            # A cell spanning several grid columns appears once per column: keep it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts = (paragraph_text(p) for p in cell._tc.iter(_PARAGRAPH))  # nested tables included
            cells.append(" ".join(text.strip() for text in texts if text.strip()))
        if any(cells):
            yield "\t".join(cells)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _TABLE, _SDT, _SDT_CONTENT, _CUSTOM_XML = (f"{_W}{tag}" for tag in ("p", "tbl", "sdt", "sdtContent",
                                                                             "customXml"))
_TEXT, _BREAK, _BREAK_TYPE = f"{_W}t", f"{_W}br", f"{_W}type"
_RUN_SPECIALS = {f"{_W}tab": " ", f"{_W}ptab": " ", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_VISIBLE_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]",
    namespaces={"w": _W[1:-1]})
