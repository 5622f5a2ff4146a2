"""Web page reader (网页读取): the article body of a page saved from a government site.

The bytes are decoded here, not by the parser: a page that declares gb2312 but holds one
GBK-only character (鄠) comes back from a parser as an empty document without an error. The body
is the first of the usual content containers holding Chinese text, or else the element whose
``<p>`` children hold the most of it; menus, share bars and footers around it are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from luoshi import rx
from luoshi.document import Document
from luoshi.errors import ReadError
from luoshi.read.encoding import MIN_SHARE, SAMPLE_BYTES, EncodingError, decode, share_of_common

if TYPE_CHECKING:
    from bs4 import Tag

# Content containers of the site builders Chinese governments use (TRS, UCAP, 政府网站集约化平台 …),
# the specific ones first: ".content" and "#content" often wrap the whole page.
CONTAINERS = (
    "#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".pages_content", ".article-content", ".article_content",
    ".article-con", ".detail-content", ".news_content", ".view.TRS_UEDITOR", "div.view", "#mainText",
    ".zw", "#zw", "#content", ".content", "article",
)
_FALLBACK_BLOCKS = ["div", "td", "section", "article", "main", "body", "center"]
_INLINE_OR_P = frozenset(("p", "span", "font", "strong", "b", "em", "i", "u", "a"))
MIN_BODY_HANZI = 20  # a container with less is an empty shell or a summary, not the article

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "form", "select",
              "button", "input", "textarea", "head", "title", "svg", "object", "embed")
_BLOCK_TAGS = frozenset(("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody",
                         "thead", "section", "article", "blockquote", "center", "dd", "dt", "dl", "pre", "hr",
                         "figure", "figcaption", "main", "aside", "address", "caption"))

# Page furniture that ends up inside article containers; matched against a whole line without spaces,
# in simplified or traditional characters (pages from Hong Kong, Macao and Taiwan sites).
_FURNITURE = rx.compile(r"""^(?:
      【?打印(?:本[页頁]|此[页頁]|文章)?】?                # 打印本页, 【打印】
    | 【?[关關][闭閉](?:窗口|本[页頁])?】?                # 关闭窗口, 【关闭】
    | 分享到[:：]?.{0,30}                                 # 分享到：微信 微博
    | 【?字[体體号號][:：]?大中小】?                      # 【字体：大 中 小】
    | (?:相[关關])?附件(?:下[载載])?[:：]?                # 相关附件：
    | [扫掃]一[扫掃].{0,20}                               # 扫一扫在手机打开当前页
    | 收藏本?[页頁]? | 返回[顶頂]部 | 【?返回】? | 【?[顶頂]部】?
    | [上下]一篇[:：].{0,60}                              # 上一篇：…
    | [责責]任[编編][辑輯][:：].{0,20}                    # 责任编辑：…
    | (?:【[^】]{1,8}】){2,}                               # 【打印】【关闭】: a row of buttons
)$""", re.VERBOSE)
_PINYIN_GROUP = rx.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_META_CHARSET = rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HANZI = rx.compile(r"[\u3400-\u9fff]")
_SPACE_RUN = rx.compile(r"[ \t\n\r\f]+")
_SPACE_IN_CJK = rx.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")

# Declared charsets mapped to the codec that reads every page declaring them: GB18030 is a superset
# of GB2312 and GBK, Big5-HKSCS of Big5.
_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "gb18030": "gb18030",
           "euc-cn": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
           "utf-8": "utf-8", "utf8": "utf-8"}


def read_html(data: bytes, label: str) -> Document:
    """Read the article of a saved web page (网页正文), one paragraph per line.

    >>> page = "<html><body><div class='nav'>首页</div><div id='zoom'><p>各位代表：</p>"
    >>> page += "<p>现在，我代表镇人民政府向大会报告工作。</p><p>打印本页</p></div></body></html>"
    >>> read_html(page.encode(), "报告.html").text
    '各位代表：\\n现在，我代表镇人民政府向大会报告工作。'
    """
    text, encoding, note = decode_page(data, label)
    from bs4 import BeautifulSoup  # imported here: only .html input pays for the parser

    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    body = article(soup)
    lines = [line for line in _lines(body) if not _is_furniture(line)]
    if not lines:
        raise ReadError(label, "网页里没有找到正文文字（可能是只含图片或由脚本加载的页面）")
    return Document(label, "html", "\n".join(lines), encoding, note)


def decode_page(data: bytes, label: str) -> tuple[str, str, str]:
    """Decode a page: BOM, then the charset it declares if the text bears it out, then text-file detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        name = declared.group(1).decode("ascii", "replace").lower() if declared else ""
        codec = _CODECS.get(name)
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None  # the declaration lies (a page re-saved in another encoding): detect instead
            # Big5 bytes often decode as GBK and back: a legacy charset must also give common hanzi.
            if text is not None and (codec == "utf-8" or share_of_common(text[:SAMPLE_BYTES]) >= MIN_SHARE):
                return text, codec, f"网页声明 charset={name}，按 {codec} 解码"
    try:
        decoded = decode(data)
    except EncodingError as error:
        raise ReadError(label, str(error)) from None
    return decoded.text, decoded.encoding, decoded.note


def article(soup: Tag) -> Tag:
    """The element holding the article body (正文容器); ``<body>`` when nothing holds Chinese text.

    One pass over the page counts every element's hanzi and matches every container selector, so a
    page of 100 000 nested elements costs seconds, not the minutes that a ``select`` and a ``get_text``
    per candidate would (each is a walk of the subtree, and nested candidates make that quadratic).
    """
    from bs4 import NavigableString

    counts = _hanzi_counts(soup)
    matches: dict[int, tuple[int, Tag]] = {}  # selector index → (hanzi, first element with that many)
    elements = soup.find_all(True)
    for element in elements:
        for index in _matching(element):
            hanzi = counts[id(element)]
            if index not in matches or hanzi > matches[index][0]:
                matches[index] = (hanzi, element)
    # A selector may also match a sidebar box: of its matches, the one with the most Chinese wins.
    for index in range(len(CONTAINERS)):
        hanzi, best = matches.get(index, (0, None))
        if hanzi >= MIN_BODY_HANZI:
            return best
    # No known container: the block whose own text and paragraphs hold the most Chinese. Counting only
    # direct children keeps the page wrapper, which holds everything, from winning.
    best, most = None, 0
    for block in elements:
        if block.name not in _FALLBACK_BLOCKS:
            continue
        hanzi = sum(counts.get(id(child), 0) for child in block.children
                    if type(child) is NavigableString or child.name in _INLINE_OR_P)
        if hanzi > most:
            best, most = block, hanzi
    return best if best is not None else soup.body or soup


def _hanzi(text: str) -> int:
    return len(_HANZI.findall(text))


def _hanzi_counts(root: Tag) -> dict[int, int]:
    """The hanzi under every element and text node (by ``id``), as ``get_text()`` would count them, in one pass."""
    from bs4 import CData, NavigableString

    counts: dict[int, int] = {}
    # In reversed document order every node comes after all of its descendants.
    for node in reversed([root, *root.descendants]):
        if type(node) in (NavigableString, CData):
            counts[id(node)] = _hanzi(node)
        elif not isinstance(node, NavigableString):  # comments and doctypes count nothing
            counts[id(node)] = sum(counts.get(id(child), 0) for child in node.children)
    return counts


def _selector(css: str) -> tuple[str | None, str | None, frozenset[str]]:
    """A simple CSS selector (``div.view``, ``#zoom``, ``.a.b``) as (tag, id, classes)."""
    tag = re.match(r"[a-z]+", css)
    ident = re.search(r"#([\w-]+)", css)
    return (tag.group() if tag else None, ident.group(1) if ident else None,
            frozenset(re.findall(r"\.([\w-]+)", css)))


_SELECTORS = [_selector(css) for css in CONTAINERS]


def _matching(element: Tag) -> list[int]:
    """The indexes of the ``CONTAINERS`` selectors the element matches."""
    classes = element.get("class") or ()
    if isinstance(classes, str):  # multi-valued in HTML; a plain string if a builder did not split it
        classes = classes.split()
    ident = element.get("id")
    found = []
    for index, (tag, wanted_id, wanted_classes) in enumerate(_SELECTORS):
        if ((tag is None or element.name == tag) and (wanted_id is None or ident == wanted_id)
                and wanted_classes.issubset(classes)):
            found.append(index)
    return found


def _lines(root: Tag) -> list[str]:
    """The text of an element as lines: a block element or ``<br>`` ends a line, table cells split by tabs."""
    from bs4 import NavigableString, Tag

    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE_IN_CJK.sub("", _SPACE_RUN.sub(" ", "".join(current)))
        # Cells were marked with a control character so whitespace folding could not eat the tab.
        line = re.sub(r" ?\x1f ?", "\t", line.strip(" \u00a0\u3000\x1f"))
        current.clear()
        if line.strip():
            lines.append(line)

    # Walked with an explicit stack, not recursion: a page may nest elements 100 000 deep.
    # An entry is a node to visit, or FLUSH to end the line a block element opened.
    stack: list[object] = list(reversed(list(root.children)))
    while stack:
        child = stack.pop()
        if child is FLUSH:
            flush()
        elif isinstance(child, Tag):
            name = child.name
            if name == "br":
                flush()
                continue
            if name in ("td", "th"):
                if current:
                    current.append("\x1f")
            elif name in _BLOCK_TAGS:
                flush()
                stack.append(FLUSH)
            stack.extend(reversed(list(child.children)))
        elif type(child) is NavigableString:  # not comments, CDATA or doctype
            current.append(str(child))
    flush()
    return lines


FLUSH = object()  # marks where a block element ends in _lines' stack


def _is_furniture(line: str) -> bool:
    compact = _PINYIN_GROUP.sub("", re.sub(r"\s+", "", line))
    return bool(_FURNITURE.match(compact))
