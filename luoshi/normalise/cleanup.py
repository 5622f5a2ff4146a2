"""Layout clean-up (版面清理): odd spaces, line endings, and web-page leftovers at the end.

One paragraph per line is kept. Indents made of U+3000, NBSP and other odd spaces are removed, so
are trailing spaces and zero-width characters; odd spaces inside a line become one ASCII space.
Lone surrogates (undecodable bytes escaped by a reader) become U+FFFD, so the text stays printable
and the damage check reports them. Punctuation is left to ``punctuation``, which restores full width
only between Chinese characters.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.normalise.offsets import Edit

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # invisible: dropped wherever they are
ODD_SPACE = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # visible blanks a Word or web page leaves
BLANK = rf" \t\f\v{ZERO_WIDTH}{ODD_SPACE}"

# One scan finds every line break and every run of blanks; what a run becomes depends on where it
# stands (see ``layout_edits``). A single character class keeps the scan fast on long reports.
# Line breaks other than \n, all rewritten to \n. Not U+0085: in UTF-8 read as Latin-1 it is a
# continuation byte (公 → å\x85¬), and the damage check needs the mojibake in one piece.
BREAK = "\r\u2028\u2029"
SURROGATE = "\ud800-\udfff"  # bytes a decoder escaped (surrogateescape): unprintable, become U+FFFD
LAYOUT = rx.compile(f"\r\n|[{BREAK}]|[{BLANK}]+|[{SURROGATE}]+")
_LINE_END = frozenset("\n" + BREAK)
_ODD = rx.compile(f"[{ODD_SPACE}]")
_DROP_ZERO_WIDTH = str.maketrans("", "", ZERO_WIDTH)

# Lines a government web page adds after the article. Dropped only at the end of the text, where
# they cannot be part of the report (附件1 in the body is a real appendix and stays).
LEFTOVER_WORD = r"""
    (?: 相关附件 | 相关链接 | 附件下载 | 打印本页 | 关闭窗口 | 关闭本页 | 返回顶部 | 网站地图 | 收藏本页
      | 打印 | 关闭 | 返回 | 收藏 | 分享 | 【?字[体号][:：][大中小\s]*】? )
"""
LEFTOVER_TOKEN = rf"""
    (?: {LEFTOVER_WORD}                      # 打印本页, 关闭窗口, 相关附件 …
      | 【\s*{LEFTOVER_WORD}\s*】             # … as a button: 【打印】 【关闭】
      | \[\s*{LEFTOVER_WORD}\s*\]
      | 分享到[:：]?.* | 扫一扫.* | 责任编辑[:：].*  # share bar, QR code, editor's name
      | .{{1,80}}\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar)  # an attachment link under 相关附件
    )
    [:：]?
"""
LEFTOVER_LINE = rx.compile(rf"(?:{LEFTOVER_TOKEN}\s*)+", re.VERBOSE)


def layout_edits(text: str) -> list[Edit]:
    """Edits for line breaks, indents, trailing and odd blanks (空白整理).

    >>> layout_edits("\\u3000\\u3000一、总体要求 \\r\\n")
    [(0, 2, ''), (8, 9, ''), (9, 11, '\\n')]
    >>> layout_edits("甲\\u00a0乙")
    [(1, 2, ' ')]
    >>> layout_edits("一、总体要求")
    []
    """
    edits: list[Edit] = []
    n = len(text)
    for m in LAYOUT.finditer(text):
        start, end, run = m.start(), m.end(), m[0]
        if run[0] in _LINE_END:
            edits.append((start, end, "\n"))
        elif "\ud800" <= run[0] <= "\udfff":
            edits.append((start, end, "\ufffd" * len(run)))  # flagged later as replacement_char
        elif start == 0 or text[start - 1] in _LINE_END or end == n or text[end] in _LINE_END:
            edits.append((start, end, ""))  # an indent or trailing blanks
        elif _ODD.search(run):
            edits.append((start, end, " "))
        elif run.strip(ZERO_WIDTH) == "":
            edits.append((start, end, ""))  # only invisible characters
        elif any(c in ZERO_WIDTH for c in run):
            edits.append((start, end, run.translate(_DROP_ZERO_WIDTH)))  # ASCII spaces stay, invisibles go
    return edits


def leftover_edits(text: str) -> list[Edit]:
    """An edit that drops web-page leftover lines at the end of the text (网页残留), if any.

    Blank lines between them go too, and so does the line break before the first one.

    >>> leftover_edits("营造风清气正政治生态。\\n相关附件:")
    [(11, 17, '')]
    >>> leftover_edits("正文。\\n【打印】 【关闭】\\n")
    [(3, 14, '')]
    >>> leftover_edits("附件1\\n重点项目表")
    []
    """
    cut = len(text)
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not LEFTOVER_LINE.fullmatch(line):
            break
        cut = start
        end = start - 1 if start else 0
    if cut >= len(text):
        return []
    # Keep the text's own last line intact; drop the break that led into the leftovers.
    return [(max(cut - 1, 0), len(text), "")]
