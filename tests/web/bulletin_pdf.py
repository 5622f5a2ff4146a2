"""Reading a PDF as a reader would: page size, its fonts (embedded? any character without a glyph?), its text,
and page 1 as a picture under ``test-artifacts/``."""

from __future__ import annotations

import ctypes
import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from fontTools.ttLib import TTFont

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(content)
    return [tuple(round(x / 72 * 25.4) for x in pdf[i].get_size()) for i in range(len(pdf))]


def page_text(content: bytes, index: int = 0) -> str:
    return pdfium.PdfDocument(content)[index].get_textpage().get_text_range()


def tofu(content: bytes) -> int:
    """How many characters of the PDF are drawn with no glyph behind them (code 0, .notdef: a box, "tofu")."""
    count = 0
    for page in pdfium.PdfDocument(content):
        textpage = page.get_textpage()
        count += sum(raw.FPDFText_GetUnicode(textpage.raw, i) == 0 for i in range(textpage.count_chars()))
    return count


def fonts_of(content: bytes) -> list[dict]:
    """Every font a text object of any page uses: its name and whether its program is embedded."""
    pdf = pdfium.PdfDocument(content)
    found: dict[str, dict] = {}
    for page in pdf:
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
            font = raw.FPDFTextObj_GetFont(obj.raw)
            name = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, name, 256)
            key = name.value.decode()
            if key in found:
                continue
            size = ctypes.c_size_t()
            raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))
            data = (ctypes.c_uint8 * size.value)()
            raw.FPDFFont_GetFontData(font, data, size.value, ctypes.byref(size))
            program = TTFont(io.BytesIO(bytes(data))) if size.value else None
            found[key] = {"name": key, "embedded": bool(raw.FPDFFont_GetIsEmbedded(font)) and program is not None}
    return list(found.values())


def render_page_one(content: bytes, artefact: str) -> str:
    """Page 1 rendered to ``test-artifacts/<artefact>``; returns its extracted text."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = pdfium.PdfDocument(content)[0]
    page.render(scale=1.5).to_pil().save(ARTIFACTS / artefact)
    return page.get_textpage().get_text_range()
