"""Layout clean-up (版面清理) and traditional → simplified conversion (繁简转换) in the normaliser."""

from __future__ import annotations

import pytest

from luoshi.normalise import normalise
from luoshi.normalise.convert import simplify


def test_it_removes_a_full_width_space_indent() -> None:
    assert normalise("\u3000\u3000一、总体要求\n\u3000\u3000今年是关键一年。").text == "一、总体要求\n今年是关键一年。"


def test_it_removes_an_nbsp_indent() -> None:
    assert normalise("\u00a0\u00a0(一)加强产业平台建设").text == "(一)加强产业平台建设"


@pytest.mark.parametrize("blank", ["\u2002", "\u2003", "\u2009", "\u200b", "\ufeff", "\t", " "])
def test_it_removes_odd_blanks_in_an_indent(blank: str) -> None:
    assert normalise(blank * 2 + "正文").text == "正文"


def test_it_trims_trailing_blanks_on_every_line() -> None:
    assert normalise("第一段。 \u3000\n第二段。\u00a0").text == "第一段。\n第二段。"


def test_it_turns_odd_blanks_inside_a_line_into_one_space() -> None:
    assert normalise("张三\u3000\u3000李四").text == "张三 李四"


def test_it_keeps_ascii_spaces_inside_a_line() -> None:
    assert normalise("PM2.5 浓度下降").text == "PM2.5 浓度下降"


def test_it_removes_zero_width_characters_inside_a_line() -> None:
    assert normalise("数字\u200b经济\ufeff").text == "数字经济"


def test_it_drops_a_byte_order_mark() -> None:
    assert normalise("\ufeff今年").text == "今年"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029"])
def test_it_writes_every_line_break_as_newline(newline: str) -> None:
    assert normalise(f"第一段。{newline}第二段。").text == "第一段。\n第二段。"


def test_it_keeps_blank_lines_between_paragraphs() -> None:
    assert normalise("第一段。\n\n第二段。").text == "第一段。\n\n第二段。"


def test_it_restores_full_width_punctuation_between_chinese_characters() -> None:
    n = normalise("一、总体要求,主要目标:增长5%；(一)加快建设。")
    assert (n.text, n.punctuation_restored) == ("一、总体要求，主要目标：增长5%；（一）加快建设。", 4)


def test_it_leaves_full_width_punctuation_as_it_is() -> None:
    text = "一、总体要求，主要目标：增长5%；（一）加快建设。"
    assert (normalise(text).text, normalise(text).punctuation_restored) == (text, 0)


@pytest.mark.parametrize(
    "leftover",
    ["相关附件:", "相關附件：", "打印本页", "关闭窗口", "【打印】", "【打印】 【关闭】",
     "分享到：微信 微博", "【字体：大 中 小】"],
)
def test_it_drops_a_web_leftover_at_the_end(leftover: str) -> None:
    assert normalise(f"营造风清气正政治生态。\n{leftover}\n").text == "营造风清气正政治生态。"


def test_it_drops_several_web_leftover_lines_at_the_end() -> None:
    assert normalise("正文。\n相关附件:\n\n打印本页 关闭窗口").text == "正文。"


def test_it_keeps_a_leftover_word_inside_the_report() -> None:
    text = "打印本页\n正文。"
    assert normalise(text).text == text


def test_it_keeps_a_real_appendix_at_the_end() -> None:
    text = "正文。\n附件1\n重点项目表"
    assert normalise(text).text == text


def test_it_converts_taiwan_and_hong_kong_variants() -> None:
    assert normalise("著力推進衞生").text == "着力推进卫生"


def test_it_keeps_mainland_words_a_phrase_config_would_rewrite() -> None:
    assert normalise("整合資源，核心技術").text == "整合资源，核心技术"


def test_it_turns_corner_brackets_into_mainland_quotes() -> None:
    assert normalise("「百千萬工程」和『水口樣板』").text == "“百千万工程”和‘水口样板’"


def test_simplify_keeps_the_map_when_the_length_holds() -> None:
    assert simplify("關鍵", [3, 9, 15]) == ("关键", [3, 9, 15])


def test_simplify_maps_a_line_character_by_character_when_opencc_changes_its_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from luoshi.normalise import convert

    monkeypatch.setattr(convert, "to_simplified", lambda s: s.replace("乾", "干干"))
    text, offsets = simplify("甲\n乾坤", [0, 1, 2, 3, 4])
    assert (text, offsets) == ("甲\n干干坤", [0, 1, 2, 2, 3, 4])


def test_it_drops_attachment_links_under_相关附件_at_the_end() -> None:
    assert normalise("正文。\n相关附件:\n2025年重点项目表.xlsx").text == "正文。"


def test_it_drops_leftover_buttons_in_square_brackets() -> None:
    assert normalise("正文。\n【打印本页】【关闭窗口】").text == "正文。"


@pytest.mark.parametrize("text", ["成效显著，显著提升", "著名品牌和土著文化", "这么近，那么美", "么"])
def test_it_leaves_simplified_characters_opencc_would_rewrite_alone(text: str) -> None:
    assert normalise(text).text == text


def test_it_converts_an_ambiguous_character_on_a_traditional_line() -> None:
    assert normalise("顯著提升，著力推進").text == "显著提升，着力推进"


def test_the_ambiguous_list_is_every_gb2312_character_opencc_changes() -> None:
    from luoshi.normalise.convert import AMBIGUOUS, to_simplified

    hanzi = [chr(c) for c in range(0x4E00, 0xA000) if chr(c).encode("gb2312", errors="ignore")]
    converted = to_simplified("\n".join(hanzi)).split("\n")
    assert "".join(c for c, s in zip(hanzi, converted, strict=True) if c != s) == AMBIGUOUS


def test_it_keeps_u0085_inside_a_line_so_latin1_mojibake_stays_whole() -> None:
    assert "\x85" in normalise("推进å\x85¬共服务").text
