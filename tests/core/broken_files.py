"""Broken files (损坏文件样本), made at test time from good ones, for the fuzz tests of the readers.

Each case is a file name (whose extension picks the reader, as on the command line) and a maker
of its bytes. The good files are the demo report made into each format by ``samples``, and the
real Guangdong report when ``../shared/corpus`` is beside the clone; nothing binary is committed.
Makers are cached: several tests read the same case, and the zip bomb takes a second to build.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from samples import CORPUS, DEMO_TEXT, make_docx, make_encrypted_pdf, make_html, make_pdf, make_zip, simplified

MB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    """One broken file: its name, how to make it, and whether a reader may still find text in it."""

    name: str
    make: Callable[[], bytes]
    readable: bool = False  # True: a Document is as good an answer as a ReadError (damage a reader can skip)
    extract: bool = True  # False: too big to push through the whole pipeline within the CI budget

    def __str__(self) -> str:  # the test id
        return self.name


@functools.cache
def good_docx() -> bytes:
    """A real report when the corpus is there (its quirks are the real ones), else the demo as .docx."""
    real = CORPUS / "guangdong-prov-2025.docx"
    return real.read_bytes() if real.is_file() else make_docx(DEMO_TEXT)


@functools.cache
def good_pdf() -> bytes:
    return make_pdf(simplified(DEMO_TEXT))


def parts_of(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def stored_zip(parts: dict[str, bytes]) -> bytes:
    """A zip with every member stored, not deflated: repetitive XML then passes the compression-ratio check."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


def docx_with_document(xml: bytes) -> bytes:
    """The demo .docx with its ``word/document.xml`` replaced: how a crafted Word file is built."""
    parts = parts_of(make_docx("各位代表"))
    parts["word/document.xml"] = xml
    return stored_zip(parts)


def deep_docx(depth: int = 100_000) -> bytes:
    """``document.xml`` nesting ``depth`` content controls (内容控件), which the reader walks recursively."""
    opening = b"<w:sdt><w:sdtContent>" * depth
    closing = b"</w:sdtContent></w:sdt>" * depth
    return docx_with_document(f'<w:document xmlns:w="{_W}"><w:body>'.encode() + opening
                              + b"<w:p><w:r><w:t>\xe5\x90\x84\xe4\xbd\x8d</w:t></w:r></w:p>" + closing
                              + b"</w:body></w:document>")


def billion_laughs_docx() -> bytes:
    """Ten levels of ten entities each: 10^9 'lol's if a parser expanded them."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return docx_with_document(f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{_W}"><w:body>'
                              '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'.encode())


SECRET = "/etc/hostname"  # a local file every Linux has; its content must never appear in a Document


def external_entity_docx() -> bytes:
    """XXE: an entity that names a local file, used in the text of a paragraph."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{SECRET}">]>'
    return docx_with_document(f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{_W}"><w:body>'
                              '<w:p><w:r><w:t>各位代表[&secret;]</w:t></w:r></w:p></w:body></w:document>'.encode())


def external_entity_numbering_docx() -> bytes:
    """XXE in a part read after document.xml: the numbering definitions."""
    parts = parts_of(make_docx("各位代表"))
    doctype = f'<!DOCTYPE w:numbering [<!ENTITY secret SYSTEM "file://{SECRET}">]>'
    parts["word/numbering.xml"] = (f'<?xml version="1.0"?>{doctype}<w:numbering xmlns:w="{_W}">'
                                   '<w:abstractNum w:abstractNumId="1"><w:name>&secret;</w:name><w:lvl w:ilvl="0">'
                                   '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum></w:numbering>').encode()
    return stored_zip(parts)


def inflating_stream(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes (about 1 KB per MB), made without deflating them all.

    A full flush resets the compressor, so every megabyte of zeros after one compresses to the same
    bytes: the stream is that block repeated, then the final empty block.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size // MB) + compressor.flush()


def zip_bomb(*, declared: int | None = None, crc: int = 0) -> bytes:
    """A .docx whose ``word/document.xml`` really inflates to 1.1 GB (about 1 MB on disk).

    ``declared`` forges the uncompressed size written in both headers, to hide the bomb from a
    check of declared sizes alone. The CRC is 0 unless given: the real one would take seconds to
    compute, and no reader gets far enough to compare it with a bomb it has refused. Given the CRC of
    the first ``declared`` bytes, the lie holds up to a reader that stops at the declared size.
    """
    size = 1100 * MB
    small = parts_of(make_docx("各位代表"))
    small.pop("word/document.xml")
    buffer = io.BytesIO(make_zip(small))
    with zipfile.ZipFile(buffer, "a") as package:
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        package.writestr(info, b"")  # a placeholder entry, its data replaced below
    return _replace_last_member(buffer.getvalue(), inflating_stream(size), crc,
                                declared if declared is not None else size)


def _replace_last_member(data: bytes, stream: bytes, crc: int, size: int) -> bytes:
    """Swap the (empty) last member's compressed data for ``stream``, fixing both headers and the directory."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        last = package.infolist()[-1]
    local = last.header_offset
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    body_at = local + 30 + name_len + extra_len
    old = last.compress_size
    head = bytearray(data[:body_at])
    struct.pack_into("<III", head, local + 14, crc, len(stream), size)
    directory = bytearray(data[body_at + old:])
    growth = len(stream) - old
    # The central directory entry of the last member is the one pointing at its local header.
    at = 0
    while (at := directory.find(b"PK\x01\x02", at)) >= 0:
        if struct.unpack_from("<I", directory, at + 42)[0] == local:
            struct.pack_into("<III", directory, at + 16, crc, len(stream), size)
        at += 4
    end = directory.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", directory, end + 16)[0]
    struct.pack_into("<I", directory, end + 16, offset + growth)
    return bytes(head) + stream + bytes(directory)


def deep_html(depth: int = 100_000) -> bytes:
    text = "各位代表：现在，我代表镇人民政府向大会报告工作。".encode()
    return b"<!DOCTYPE html><html><body>" + b"<div>" * depth + text + b"</div>" * depth + b"</body></html>"


def truncated(data: Callable[[], bytes], fraction: float) -> Callable[[], bytes]:
    return lambda: data()[: int(len(data()) * fraction)]


def broken_xref_pdf() -> bytes:
    """The demo PDF with its cross-reference table and trailer overwritten with junk."""
    data = bytearray(good_pdf())
    at = data.rfind(b"xref")
    data[at:] = b"xref\n0 99\nthis is not a cross-reference table\ntrailer\n<< /Root 999 0 R >>\n%%EOF\n"
    return bytes(data)


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree holds no page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_bytes(encoding: str) -> bytes:
    return DEMO_TEXT.encode(encoding)


def mixed_encodings() -> bytes:
    """Half the report in UTF-8, half in GB18030: a file pasted together from two sources."""
    half = len(DEMO_TEXT) // 2
    return DEMO_TEXT[:half].encode("utf-8") + DEMO_TEXT[half:].encode("gb18030")


def invalid_utf8() -> bytes:
    """The UTF-8 report with stray continuation bytes, an overlong form and a cut character sprinkled in."""
    data = bytearray(demo_bytes("utf-8"))
    for at, junk in ((100, b"\x80\x80"), (2000, b"\xc0\xaf"), (5000, b"\xed\xa0\x80"), (9000, b"\xe5\x90")):
        data[at:at] = junk
    return bytes(data)


def odd_utf16() -> bytes:
    return demo_bytes("utf-16")[:-1]


def odd_utf16_without_bom() -> bytes:
    return demo_bytes("utf-16-le") + b"\x00"


def nul_bytes() -> bytes:
    """The report with a NUL byte after every paragraph (text exported by a broken tool)."""
    return demo_bytes("utf-8").replace(b"\n", b"\x00\n")


def one_nul() -> bytes:
    return demo_bytes("utf-8")[:300] + b"\x00" + demo_bytes("utf-8")[300:]


def huge_line(size: int = 50 * MB - 1) -> bytes:
    """One line just under the 50 MB limit: the demo's sentences without a single line break."""
    line = DEMO_TEXT.replace("\n", "").encode("utf-8")
    return (line * (size // len(line) + 1))[:size].decode("utf-8", "ignore").encode("utf-8")


def line_without_punctuation(size: int) -> bytes:
    """``size`` bytes of hanzi and digits in one line, with no punctuation to split sentences at."""
    unit = "推进项目建设新增企业3家投资增长百分之十".encode()
    return (unit * (size // len(unit) + 1))[:size].decode("utf-8", "ignore").encode("utf-8")


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(17) + b"IEND\xaeB`\x82"


def over_limit() -> bytes:
    return b"a" * (50 * MB + 1)


CASES = [
    # Truncated zip: cut inside the local files, inside the central directory, and one byte short.
    *(Case(f"truncated-{int(f * 100)}pct.docx", truncated(good_docx, f)) for f in (0.1, 0.5, 0.9, 0.999)),
    Case("truncated-end-record.docx", lambda: good_docx()[:-10]),
    Case("truncated-first-header.docx", lambda: good_docx()[:20]),
    # Wrong magic numbers.
    Case("pdf-named.docx", good_pdf),
    Case("docx-named.pdf", good_docx),
    Case("png-named.txt", png),
    Case("png-named.docx", png),
    Case("empty.txt", lambda: b""),
    Case("zero-length.docx", lambda: b""),
    Case("whitespace.pdf", lambda: b" \n\t \r\n"),
    Case("html-named.docx", lambda: make_html("各位代表：现在，我代表镇人民政府向大会报告工作。")),
    Case("ole-named.txt", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
    # Deep and hostile XML.
    Case("deep-100k.docx", deep_docx),
    Case("deep-100k.html", deep_html, readable=True, extract=False),  # 24 characters: read, not extracted
    Case("billion-laughs.docx", billion_laughs_docx),
    Case("external-entity.docx", external_entity_docx, readable=True),
    Case("external-entity-numbering.docx", external_entity_numbering_docx, readable=True),
    # Zip bombs: honest sizes (1.1 GB declared), and a forged small declared size hiding the real one.
    Case("zip-bomb.docx", functools.cache(zip_bomb)),
    Case("zip-bomb-forged-size.docx", functools.cache(lambda: zip_bomb(declared=900 * 1024))),
    Case("zip-bomb-forged-size-and-crc.docx",
         functools.cache(lambda: zip_bomb(declared=900 * 1024, crc=zlib.crc32(bytes(900 * 1024))))),
    # Huge lines.
    Case("line-50mb.txt", functools.cache(huge_line), readable=True, extract=False),
    Case("over-50mb.txt", over_limit, extract=False),
    Case("line-10mb-no-punctuation.txt", functools.cache(lambda: line_without_punctuation(10 * MB)), readable=True,
         extract=False),
    Case("line-1mb-no-punctuation.txt", lambda: line_without_punctuation(MB), readable=True, extract=False),
    # Encodings.
    Case("invalid-utf8.txt", invalid_utf8, readable=True),
    Case("mixed-utf8-gb18030.txt", mixed_encodings, readable=True),
    Case("odd-length-utf16.txt", odd_utf16, readable=True),
    Case("odd-length-utf16-no-bom.txt", odd_utf16_without_bom, readable=True),
    Case("nul-bytes.txt", nul_bytes, readable=True),
    Case("one-nul.txt", one_nul, readable=True),
    Case("invalid-utf8.html", lambda: make_html(DEMO_TEXT)[:3000] + b"\xff\xfe\x80" + make_html(DEMO_TEXT)[3000:],
         readable=True),
    # PDF damage.
    Case("broken-xref.pdf", broken_xref_pdf, readable=True),
    Case("encrypted.pdf", lambda: make_encrypted_pdf("各位代表")),
    Case("zero-pages.pdf", zero_page_pdf),
    Case("truncated-half.pdf", truncated(good_pdf, 0.5)),
    Case("header-only.pdf", lambda: b"%PDF-1.7\n"),
]
