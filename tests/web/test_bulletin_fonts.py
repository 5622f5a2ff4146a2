"""Which font each part of the bulletin PDF is set in: the office's when the server has it, else Noto CJK."""

from __future__ import annotations

import pytest

from web.bulletins import fonts


@pytest.fixture
def installed(monkeypatch):
    """The fonts the server has, as ``fc-list`` would report them, replaced for one test."""
    noto = fonts._installed()

    def have(extra: dict[str, fonts.FontFile]):
        monkeypatch.setattr(fonts, "installed_fonts", lambda: {**noto, **extra})

    return have


def test_the_free_noto_serif_cjk_is_found(installed):
    installed({})
    assert fonts.font_for("body").family == "Noto Serif CJK SC"
    assert fonts.font_for("title").family == "Noto Serif CJK SC"


def test_the_offices_fangsong_and_xiaobiaosong_come_first_when_installed(installed):
    stand_in = fonts.font_for("body")  # any installed CJK file stands in for the office's fonts
    installed({"仿宋_GB2312": fonts.FontFile("仿宋_GB2312", stand_in.path, stand_in.index),
               "方正小标宋简体": fonts.FontFile("方正小标宋简体", stand_in.path, stand_in.index)})
    assert fonts.font_for("body").family == "仿宋_GB2312" and fonts.font_for("title").family == "方正小标宋简体"


def test_no_chinese_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "installed_fonts", dict)
    with pytest.raises(fonts.FontsMissing, match="未安装中文字体"):
        fonts.font_for("body")


def test_a_subset_holds_the_characters_asked_for_with_truetype_outlines():
    from io import BytesIO

    from fontTools.ttLib import TTFont

    font = fonts.font_for("body")
    subset = TTFont(BytesIO(fonts.truetype_subset(font.path, font.index, "督查通报第1期")))
    assert "glyf" in subset and "CFF " not in subset
    assert {chr(c) for c in subset.getBestCmap()} == set("督查通报第1期")


def test_a_server_without_chinese_fonts_says_so_instead_of_a_pdf(as_, cast, monkeypatch):
    from django.urls import reverse

    monkeypatch.setattr(fonts, "installed_fonts", dict)
    response = as_("supervisor").get(reverse("bulletin_download", args=[cast.plan.pk, "2025-06", "pdf"]), follow=True)
    assert "未安装中文字体" in response.content.decode()
