"""The fonts of an official document (公文字体), found on the server and embedded in the PDF as subsets.

Each role names the office's font first (方正小标宋 for titles, 仿宋_GB2312 for the body, 黑体 and 楷体
for headings), then the free Noto Serif CJK SC (SIL OFL, Debian package ``fonts-noto-cjk``, installed by
``make``). Fonts are found through fontconfig (``fc-list``), with the Debian paths as a fallback.

reportlab embeds TrueType outlines only; Noto CJK ships PostScript (CFF) outlines, so the characters a
document uses are cut out with fontTools and converted to TrueType outlines first. Either way the PDF
carries an embedded subset and reads the same on every machine.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# role → font families, the office's first. Each family name as fontconfig lists it.
FAMILIES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "Noto Serif CJK SC:bold",
              "Source Han Serif SC:bold", "Source Han Serif CN:bold"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC",
             "Source Han Serif SC", "Source Han Serif CN"),
    "heading": ("黑体", "SimHei", "Noto Sans CJK SC:bold", "Noto Serif CJK SC:bold",
                "Source Han Serif SC:bold"),
}
# Where Debian's fonts-noto-cjk puts them, for a server without fontconfig's tools: (family, file, index).
DEBIAN_FILES = {
    "Noto Serif CJK SC": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "Noto Serif CJK SC:bold": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    "Noto Sans CJK SC:bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
}
# The names a .docx asks for: the office's fonts, which Word finds on the office's machines.
DOCX_NAMES = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "subheading": "楷体_GB2312",
              "page_number": "宋体"}


class FontsMissing(RuntimeError):
    """No Chinese font for a role is installed on the server."""


@dataclass(frozen=True)
class FontFile:
    family: str
    path: str
    index: int = 0


def _installed() -> dict[str, FontFile]:
    """Installed Chinese fonts by family name (regular) and ``family:bold``."""
    found: dict[str, FontFile] = {}
    fc_list = shutil.which("fc-list")
    if fc_list:
        out = subprocess.run([fc_list, "-f", "%{family}|%{style}|%{file}|%{index}\n", ":lang=zh"],
                             capture_output=True, text=True, timeout=30, check=False).stdout
        for line in out.splitlines():
            families, style, path, index = [*line.split("|"), "", "", "", "0"][:4]
            bold = "bold" in style.lower()
            for family in families.split(","):
                key = f"{family}:bold" if bold else family
                if bold or "regular" in style.lower() or not style:
                    found.setdefault(key, FontFile(family, path, int(index or 0)))
    for key, (path, index) in DEBIAN_FILES.items():
        if key not in found and Path(path).exists():
            found[key] = FontFile(key.split(":")[0], path, index)
    return found


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, FontFile]:
    return _installed()


def font_for(role: str) -> FontFile:
    """The font of ``role`` (title / body / heading): the office's if installed and embeddable, else the free one."""
    fonts = installed_fonts()
    for family in FAMILIES[role]:
        if family in fonts and embeddable(fonts[family]):
            return fonts[family]
    raise FontsMissing("服务器未安装中文字体,无法生成 PDF,请联系系统管理员")  # they install fonts-noto-cjk


RESTRICTED = 0x0002  # OS/2 fsType: the vendor forbids embedding


@functools.lru_cache(maxsize=8)
def _source(path: str, index: int):
    from fontTools.ttLib import TTFont

    return TTFont(path, fontNumber=index, lazy=True)


def embeddable(font: FontFile) -> bool:
    return not _source(font.path, font.index)["OS/2"].fsType & RESTRICTED


@functools.lru_cache(maxsize=32)
def truetype_subset(path: str, index: int, text: str, ps_name: str = "LuoshiCJK") -> bytes:
    """The glyphs of ``text`` drawn out of the font into a small font with TrueType outlines, which reportlab
    embeds (Noto CJK's own outlines are PostScript/CFF, which reportlab cannot read)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    source = _source(path, index)
    cmap, glyph_set, hmtx = source.getBestCmap(), source.getGlyphSet(), source["hmtx"]
    chars = sorted({ord(c) for c in text if ord(c) in cmap})
    names = [".notdef", *sorted({cmap[c] for c in chars} - {".notdef"})]
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({c: cmap[c] for c in chars})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: hmtx[name] for name in names})
    builder.setupHorizontalHeader(ascent=source["hhea"].ascent, descent=source["hhea"].descent)
    family = source["name"].getBestFamilyName() or "CJK"
    builder.setupNameTable({"familyName": family, "styleName": source["name"].getBestSubFamilyName() or "Regular",
                            "psName": ps_name})  # unique per subset: readers cache embedded fonts by name
    os2 = source["OS/2"]
    builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                     usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent, fsType=os2.fsType)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def register_pdf_font(role: str, text: str) -> str:
    """Register the font of ``role`` with reportlab, holding (at least) the characters of ``text``; its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = font_for(role)
    chars = "".join(sorted(set(text) | set("—0123456789 ")))
    name = f"Luoshi{role.title()}{hashlib.sha1(f'{font.path}{font.index}{chars}'.encode()).hexdigest()[:12]}"
    if name not in pdfmetrics.getRegisteredFontNames():
        data = truetype_subset(font.path, font.index, chars, name)
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    return name


def missing_characters(role: str, text: str) -> set[str]:
    """Characters of ``text`` (spaces aside) that the font of ``role`` has no glyph for (they would print as tofu)."""
    font = font_for(role)
    cmap = _source(font.path, font.index).getBestCmap()
    return {c for c in set(text) if not c.isspace() and ord(c) not in cmap}
