"""The one layout of a bulletin, read by both the .docx and the PDF writer: GB/T 9704-2012 measures and the
document as an ordered list of blocks.

A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; title 二号 (22 pt) 小标宋; body 三号 (16 pt) 仿宋, 22 lines
of 28 characters a page; first-level headings 黑体, second-level 楷体; page numbers 四号 (14 pt) as
``— 1 —``, odd pages right and even pages left, one character in from the edge of the 版心.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from web.bulletins.content import CN_NUMBERS, INDICATOR_HEADER, BulletinDocument, chinese_date
from web.bulletins.models import SECTIONS

PAGE_MM = (210.0, 297.0)
MARGIN_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
MASTHEAD_PT = 42.0  # 发文机关标志 (督查通报), red 小标宋
TITLE_PT = 22.0  # 二号
BODY_PT = 16.0  # 三号
TABLE_PT = 10.5  # 五号, in the indicator table
PAGE_NUMBER_PT = 14.0  # 四号
LINES_PER_PAGE = 22
LINE_PT = 225.0 / 25.4 * 72 / LINES_PER_PAGE  # 28.95 pt: 22 lines fill the 225 mm 版心
PAGE_NUMBER_BELOW_MM = 7.0  # below the 版心's bottom edge
RED = (0xE6, 0x00, 0x12)  # 版头 red
SUBHEADING = re.compile("^[(\uff08][一二三四五六七八九十]+[)\uff09]")  # (一)…


@dataclass(frozen=True)
class Block:
    """One printed piece: kind is masthead_title / masthead_number / masthead_line / title / note /
    heading / subheading / paragraph / table."""

    kind: str
    text: str = ""
    right: str = ""  # masthead_line: the date on the right
    rows: tuple[tuple[str, ...], ...] = ()


def page_number(n: int) -> str:
    """The official page number: ``— 1 —``."""
    return f"— {n} —"


def blocks(doc: BulletinDocument) -> list[Block]:
    """The bulletin from top to bottom."""
    out = [Block("masthead_title", "督查通报"), Block("masthead_number", f"第{doc.number}期"),
           Block("masthead_line", doc.office, right=chinese_date(doc.issued)), Block("title", doc.title)]
    out += [Block("note", n) for n in doc.notes]
    for n, (key, label) in enumerate(SECTIONS):
        out.append(Block("heading", f"{CN_NUMBERS[n]}、{label}"))
        for line in doc.texts.get(key, "").splitlines():
            if line.strip():
                kind = "subheading" if SUBHEADING.match(line.strip()) and len(line.strip()) <= 30 else "paragraph"
                out.append(Block(kind, line.strip()))
        if key == "problems" and doc.instructions:
            out += instruction_blocks(doc)
        if key == "overview" and doc.indicators:
            out.append(Block("paragraph", "主要指标完成情况如下\uff1a"))
            out.append(Block("table", rows=(tuple(INDICATOR_HEADER), *(tuple(r) for r in doc.indicators))))
    return out


def instruction_blocks(doc: BulletinDocument) -> list[Block]:
    """领导批示办理情况: each 批示 of the period, who must act by when, and what they answered."""
    out = [Block("paragraph", "本期领导批示及办理情况如下\uff1a")]
    for k, line in enumerate(doc.instructions, 1):
        due = f"，要求{chinese_date(line.due)}前办结" if line.due else ""
        who = f"，交{'、'.join(line.addressees)}办理" if line.addressees else ""
        out.append(Block("paragraph", f"{k}.{line.leader}就“{line.subject}”批示\uff1a“{line.text}”{who}{due}。"))
        for department, text in line.replies:
            out.append(Block("paragraph", f"{department}回复\uff1a{text}"))
        if not line.replies:
            out.append(Block("paragraph", "尚未回复。"))
    return out


ROLE_OF = {"masthead_title": "title", "title": "title", "heading": "heading"}


def texts_by_role(doc: BulletinDocument) -> dict[str, str]:
    """Every character the document prints, by font role (title / heading / body): what each font's subset holds."""
    out = {"title": "", "heading": "", "body": ""}
    for b in blocks(doc):
        if b.kind == "table":
            out["heading"] += "".join(b.rows[0])
            out["body"] += "".join("".join(r) for r in b.rows[1:])
        else:
            out[ROLE_OF.get(b.kind, "body")] += b.text + b.right
    return out
