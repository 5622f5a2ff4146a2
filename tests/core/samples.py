"""Sample files made from text (样例文件), so tests never commit binaries.

Every maker takes the report text, one paragraph per line, and returns the bytes of a file in
one format. The only real files are the corpus in ``../shared/corpus`` (see ``CORPUS``).
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
from pathlib import Path

DEMO_TEXT = (Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt").read_text(encoding="utf-8")
# The real reports live beside the clone, never in it: /work/shared/corpus next to /work/main.
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# A pure-traditional excerpt without pinyin: the demo's tone letters (ǎ, ǚ) do not exist in Big5.
TRADITIONAL_EXCERPT = (
    "各位代表：\n"
    "現在，我代表鎮人民政府向大會報告工作，請予審議。\n"
    "一、以超常力度推動產業發展，鞏固經濟穩中向好態勢\n"
    "堅持把發展經濟的著力點放在實體經濟上，全力推進新型工業化，加快建設現代化產業體系。"
    "全年計劃完成固定資產投資增長百分之十，新增規模以上工業企業三家。\n"
    "二、以更寬視野推動城鄉融合，繪就美麗鄉村新畫卷\n"
    "統籌推進農村人居環境整治，完善道路、供水、污水處理等基礎設施，讓群眾生活更加便利。\n"
)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a text: what every reader should give back, in order."""
    return [line for line in text.splitlines() if line.strip()]


def simplified(text: str) -> str:
    """Text in simplified characters (简体), for formats whose fonts only cover GB: the PDF samples."""
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def encode(text: str, encoding: str) -> bytes:
    """The text as a file in ``encoding`` would hold it: ``utf-8-sig`` and ``utf-16`` write a BOM.

    >>> encode("落实", "utf-16-le")
    b'=\\x84\\x9e['
    """
    return text.encode(encoding)


def make_docx(text: str, *, table: list[list[str]] | None = None, numbered: tuple[str, str] | None = None) -> bytes:
    """A .docx with one paragraph per line (blank lines become empty paragraphs), and a table at the end.

    With ``numbered=("%1、", "（%2）")`` headings like ``一、…`` and ``(一)…``/``（一）…`` lose their
    typed number and get Word's automatic numbering instead (levels 1 and 2, ``chineseCounting``),
    the way a report written with Word's 编号 button stores them.
    """
    from docx import Document

    document = Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph(line)
        heading = _HEADING.match(line) if numbered else None
        if heading:
            paragraph.text = line[heading.end():]
            _number(paragraph, level=0 if heading.group("top") else 1)
    if numbered:
        _define_numbering(document, *numbered)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_HEADING = re.compile(r"^(?:(?P<top>[一二三四五六七八九十]+、)|[(（][一二三四五六七八九十]+[)）])")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUM_ID = "90"  # far from the ids python-docx's template already uses


def _number(paragraph, level: int) -> None:
    from docx.oxml import parse_xml

    numbering = f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{_NUM_ID}"/></w:numPr>'
    paragraph._p.get_or_add_pPr().append(parse_xml(numbering))


def _define_numbering(document, top: str, sub: str) -> None:
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{_NUM_ID}">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{top}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{sub}"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{_NUM_ID}"><w:abstractNumId w:val="{_NUM_ID}"/>'
                               '</w:num>'))


def make_zip(members: dict[str, bytes], *, declare_size: int | None = None) -> bytes:
    """A zip of the given members; ``declare_size`` forges every member's uncompressed size in the directory.

    Forging is how a zip bomb claims gigabytes without the test having to build them.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    data = bytearray(buffer.getvalue())
    if declare_size is not None:
        start = 0
        while (start := data.find(b"PK\x01\x02", start)) >= 0:  # each central directory entry
            struct.pack_into("<I", data, start + 24, declare_size)  # its "uncompressed size" field
            start += 4
    return bytes(data)


def make_pdf(text: str, *, page_numbers: bool = True) -> bytes:
    """A PDF with a text layer: each paragraph's first line indented two characters, lines wrapped.

    Uses reportlab's built-in CID font STSong-Light, so the text should be simplified Chinese.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                           wordWrap="CJK", spaceAfter=0)

    def number_page(canvas, template) -> None:
        if page_numbers:
            canvas.setFont("STSong-Light", 10)
            canvas.drawCentredString(A4[0] / 2, 30, f"- {canvas.getPageNumber()} -")

    buffer = io.BytesIO()
    story = [Paragraph(html.escape(line), style) for line in paragraphs(text)]
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=number_page, onLaterPages=number_page)
    return buffer.getvalue()


def make_image_pdf() -> bytes:
    """A PDF with no text layer, like a scan: one page holding only a filled rectangle."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(72, 72, 400, 600, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


def make_encrypted_pdf(text: str) -> bytes:
    """A PDF that needs a password to open."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    page.setFont("STSong-Light", 12)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def make_html(text: str, *, charset: str = "utf-8", declare: str | None = None) -> bytes:
    """A page as saved from a government site: menu, breadcrumb, share bar, the article, footer.

    The bytes are in ``charset``; ``declare`` is the charset the ``<meta>`` claims (default: the same).
    """
    body = "\n".join(f'<p style="text-indent:2em;">{html.escape(line)}</p>' for line in paragraphs(text))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={declare or charset}" />
<title>2025年水口镇政府工作报告_政府工作报告_开平市人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript">var _hmt = _hmt || []; document.write("欢迎访问");</script>
<style>.zoom p {{ text-indent: 2em; }}</style>
</head>
<body>
<div class="header">
  <div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a> | 繁體</div>
  <div class="logo"><img src="/images/logo.png" alt="开平市人民政府门户网站" /></div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zjkp">走进开平</a></li></ul>
</div>
<div class="main">
  <div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府工作报告</div>
  <div class="article">
    <h1 class="title">2025年水口镇政府工作报告</h1>
    <div class="info">发布时间：2025-02-10 09:30:00　来源：水口镇人民政府　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
    <div id="zoom" class="zoom">
{body}
    </div>
    <div class="attach">相关附件：</div>
    <div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a>
      <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
  </div>
  <div class="related"><h3>相关文章</h3><ul><li><a href="/a1">2024年水口镇政府工作报告</a></li>
  <li><a href="/a2">开平市2025年政府工作报告全文</a></li></ul></div>
</div>
<div class="footer">
  <p><a href="/about">关于本站</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
  <p>主办：开平市人民政府办公室　版权所有：开平市人民政府　地址：广东省开平市长沙街道</p>
  <p>网站标识码：4407830001　<a href="https://beian.miit.gov.cn/">粤ICP备05081234号</a>　粤公网安备 44078302000123号</p>
</div>
<script src="/js/jquery.js"></script>
</body>
</html>
"""
    # Characters the charset lacks (simplified menus on a Big5 page) become entities, as sites write them.
    return page.encode(charset, "xmlcharrefreplace")
