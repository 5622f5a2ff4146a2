"""Saved web pages (网页): the article body only, whatever charset the site declared."""

from __future__ import annotations

import pytest
from samples import DEMO_TEXT, TRADITIONAL_EXCERPT, make_html, paragraphs, simplified

from luoshi.errors import ReadError
from luoshi.read import read

# The demo's last line, 相關(guān)附件:, is the site's attachment label: page furniture, not the report.
BODY = paragraphs(DEMO_TEXT)[:-1]
FURNITURE = ("首页", "政务公开", "您当前的位置", "发布时间", "字体", "分享到", "打印本页", "关闭窗口", "相关文章",
             "版权所有", "ICP", "公网安备", "欢迎访问", "text-indent")
SPEECH = "各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。"
GOAL = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_it_reads_the_22_body_paragraphs_of_a_government_page() -> None:
    document = read(make_html(DEMO_TEXT), name="水口.html")
    assert (document.format, document.text.split("\n")) == ("html", BODY)


@pytest.mark.parametrize("furniture", FURNITURE)
def test_it_leaves_out_the_page_around_the_article(furniture: str) -> None:
    assert furniture not in read(make_html(DEMO_TEXT), name="水口.html").text


def test_it_reads_a_page_declaring_gb2312_that_holds_a_gbk_only_character() -> None:
    text = simplified(DEMO_TEXT) + "\n西安市鄠邑区"  # 鄠 is in GBK, not in GB2312
    document = read(make_html(text, charset="gb18030", declare="gb2312"), name="报告.htm")
    assert (document.text.split("\n")[-1], document.encoding) == ("西安市鄠邑区", "gb18030")


def test_it_says_the_page_declared_its_charset() -> None:
    note = read(make_html(simplified(DEMO_TEXT), charset="gbk"), name="报告.htm").encoding_note
    assert note == "网页声明 charset=gbk，按 gb18030 解码"


def test_it_reads_a_big5_page() -> None:
    document = read(make_html(TRADITIONAL_EXCERPT, charset="big5"), name="報告.html")
    assert (document.text.split("\n"), document.encoding) == (paragraphs(TRADITIONAL_EXCERPT), "big5hkscs")


def test_it_detects_the_encoding_of_a_page_that_declares_none() -> None:
    html = f"<html><body><div id='zoom'><p>{SPEECH}</p></div></body></html>"
    document = read(html.encode("gb18030"), name="报告.html")
    assert (document.text, document.encoding) == (SPEECH, "gb18030")


def test_it_detects_the_encoding_when_the_declared_charset_is_wrong() -> None:
    html = f"<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>{SPEECH}</p></div></body></html>"
    assert read(html.encode("gb18030"), name="报告.html").text == SPEECH


def test_it_takes_the_trs_editor_container() -> None:
    body = "<div class='menu'><p>网站首页新闻中心政务公开政务服务互动交流</p></div>" \
           f"<div class='TRS_Editor'><p>一、总体要求</p><p>{GOAL}</p></div>"
    assert read(page(body), name="a.html").text == f"一、总体要求\n{GOAL}"


def test_it_falls_back_to_the_element_with_the_most_chinese_in_paragraphs() -> None:
    body = "<div class='left'><p>网站首页</p><p>政务公开</p></div>" \
           f"<div class='wrap'><p>一、总体要求</p><p>{GOAL}</p></div>"
    assert read(page(body), name="a.html").text == f"一、总体要求\n{GOAL}"


def test_it_makes_a_line_of_each_br() -> None:
    body = "<div id='zoom'>一、总体要求<br/>坚持稳中求进工作总基调。<br><br>二、主要任务</div>"
    assert read(page(body), name="a.html").text == "一、总体要求\n坚持稳中求进工作总基调。\n二、主要任务"


def test_it_joins_chinese_broken_across_source_lines_without_a_space() -> None:
    body = "<div id='zoom'><p>坚持稳中求进工作总基调，\n    完整准确全面贯彻新发展理念。</p></div>"
    assert read(page(body), name="a.html").text == GOAL


def test_it_drops_scripts_and_furniture_inside_the_article() -> None:
    body = f"<div id='zoom'><p>{GOAL}</p><script>var a='脚本';</script>" \
           "<p>【字体：大 中 小】</p><p>分享到：微信 微博</p><p>【打印】【关闭】</p><p>相关附件：</p></div>"
    assert read(page(body), name="a.html").text == GOAL


def test_it_writes_a_table_row_as_tab_separated_cells() -> None:
    body = "<div id='zoom'><p>主要预期目标如下，请各部门认真抓好落实：</p><table><tr><td>指标</td><td>目标</td></tr>" \
           "<tr><td>地区生产总值</td><td>增长5%</td></tr></table></div>"
    assert read(page(body), name="a.html").text.split("\n")[1:] == ["指标\t目标", "地区生产总值\t增长5%"]


def test_it_recognises_a_page_given_without_a_name() -> None:
    assert read(make_html(DEMO_TEXT)).format == "html"


def test_it_refuses_a_page_without_any_text() -> None:
    with pytest.raises(ReadError, match=r"网页里没有找到正文") as error:
        read(page("<div id='zoom'><img src='scan.png'></div>"), name="图片.html")
    assert str(error.value).startswith("图片.html: ")


def test_it_prefers_the_container_match_with_the_most_chinese() -> None:
    body = "<div class='content'><p>热点专题：优化营商环境，百县千镇万村高质量发展工程进行时</p></div>" \
           f"<div class='content'><p>{SPEECH}</p><p>{GOAL}</p></div>"
    assert read(page(body), name="a.html").text == f"{SPEECH}\n{GOAL}"


def test_it_recognises_a_page_saved_by_a_browser_without_a_name() -> None:
    saved = b"<!-- saved from url=(0040)http://www.kaiping.gov.cn/ -->\r\n" + page(f"<p>{GOAL}</p>")
    document = read(saved)
    assert (document.format, document.text) == ("html", GOAL)


def test_it_detects_the_encoding_when_a_page_claims_big5_but_holds_gbk() -> None:
    # These GBK bytes also decode as Big5, into nonsense (深入学习 → 旮⻌悝炾): the declaration must be checked.
    text = "深入学习贯彻习近平总书记对广东系列重要讲话和重要指示精神"
    html = f"<html><head><meta charset='big5'></head><body><div id='zoom'><p>{text}</p></div></body></html>"
    document = read(html.encode("gbk"), name="报告.html")
    assert (document.text, document.encoding) == (text, "gb18030")


def test_it_finds_the_body_of_an_old_table_layout_page_without_paragraph_tags() -> None:
    body = "<table><tr><td class='nav'><a>首页</a> <a>政务公开</a> <a>政务服务</a></td></tr>" \
           f"<tr><td class='bt'>一、总体要求<br>{GOAL}<br>二、主要任务</td></tr>" \
           "<tr><td>版权所有：开平市人民政府 粤ICP备05081234号</td></tr></table>"
    assert read(page(body), name="a.html").text == f"一、总体要求\n{GOAL}\n二、主要任务"
