"""Web page reader (网页读取): the article body of a page saved from a government site.

The bytes are decoded here, not by the parser: a page that declares gb2312 but holds one
GBK-only character (鄠) comes back from a parser as an empty document without an error. The body
is the first of the usual content containers holding Chinese text, or else the element whose
``<p>`` children hold the most of it; menus, share bars and footers around it are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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
_FURNITURE = re.compile(r"""^(?:
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
_PINYIN_GROUP = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HANZI = re.compile(r"[\u3400-\u9fff]")
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_SPACE_IN_CJK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")

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
    """The element holding the article body (正文容器); ``<body>`` when nothing holds Chinese text."""
    from bs4 import NavigableString

    for selector in CONTAINERS:
        # A selector may also match a sidebar box: of its matches, the one with the most Chinese wins.
        scored = [(_hanzi(candidate.get_text()), candidate) for candidate in soup.select(selector)]
        hanzi, best = max(scored, key=lambda pair: pair[0], default=(0, None))
        if hanzi >= MIN_BODY_HANZI:
            return best
    # No known container: the block whose own text and paragraphs hold the most Chinese. Counting only
    # direct children keeps the page wrapper, which holds everything, from winning.
    best, most = None, 0
    for block in soup.find_all(_FALLBACK_BLOCKS):
        hanzi = sum(_hanzi(child if type(child) is NavigableString else child.get_text())
                    for child in block.children if type(child) is NavigableString or child.name in _INLINE_OR_P)
        if hanzi > most:
            best, most = block, hanzi
    return best if best is not None else soup.body or soup


def _hanzi(text: str) -> int:
    return len(_HANZI.findall(text))


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

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                name = child.name
                if name == "br":
                    flush()
                elif name in ("td", "th"):
                    if current:
                        current.append("\x1f")
                    walk(child)
                elif name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            elif type(child) is NavigableString:  # not comments, CDATA or doctype
                current.append(str(child))

    walk(root)
    flush()
    return lines


def _is_furniture(line: str) -> bool:
    compact = _PINYIN_GROUP.sub("", re.sub(r"\s+", "", line))
    return bool(_FURNITURE.match(compact))
