"""The bulletin as a PDF, read with pdfium: A4, every font embedded, no character without its glyph, the Chinese
text extractable, page 1 as a picture (test-artifacts/bulletin-pdf-page1.png) reading as the reference text."""

from __future__ import annotations

import re

import pytest
import supervision_fixtures as fixtures
from bulletin_pdf import fonts_of, page_sizes, page_text, render_page_one, tofu
from django.urls import reverse
from supervision_fixtures import submit

from web.bulletins import layout, services
from web.bulletins.content import build_bulletin
from web.bulletins.fonts import missing_characters
from web.bulletins.pdf import render_pdf
from web.supervision import services as supervision

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def issued(supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        supervision.approve_progress_report(supervised.supervisor, submit(
            supervised, "t3", "2025-06", 15, difficulties="用地指标不足,需自然资源所协调"))
    services.issue_bulletin(supervised.supervisor, supervised.plan, "2025-06")
    return supervised


@pytest.fixture
def pdf(as_, issued) -> bytes:
    response = as_("supervisor").get(reverse("bulletin_download", args=[issued.plan.pk, "2025-06", "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_page_is_a4(pdf):
    assert set(page_sizes(pdf)) == {(210, 297)}


def test_every_font_is_embedded(pdf):
    fonts = fonts_of(pdf)
    assert fonts and all(f["embedded"] for f in fonts), fonts


def test_no_character_lacks_its_glyph(pdf):
    assert tofu(pdf) == 0


def test_a_character_without_a_glyph_would_be_caught(issued):
    """The tofu check can fail: a private-use character has no glyph in any font."""
    b = build_bulletin(issued.plan, "2025-06")
    b.texts["overview"] += "\ue000"
    assert "\ue000" in missing_characters("body", layout.texts_by_role(b)["body"])
    assert tofu(render_pdf(b)) == 1


def test_the_chinese_text_is_extractable(pdf):
    text = squeeze(page_text(pdf))
    for words in ["督查通报", "第1期", "水口镇人民政府督查室", "2025年6月27日", "一、总体情况"]:
        assert words in text


def test_page_one_reads_as_the_reference_text(pdf, issued):
    """Page 1 rendered as a picture; its text is the document's first blocks, in order, every character present."""
    text = squeeze(render_page_one(pdf, "bulletin-pdf-page1.png"))
    b = build_bulletin(issued.plan, "2025-06")
    reference = [squeeze(block.text + block.right) for block in layout.blocks(b)[:7]]
    position = 0
    for expected in reference:
        found = text.find(expected, position)
        assert found >= 0, f"missing on page 1: {expected}"
        position = found + len(expected)
    assert text.startswith("—1—") or text.endswith("—1—") or "—1—" in text  # the page number


def test_the_page_numbers_are_in_the_official_form(pdf):
    pages = len(page_sizes(pdf))
    assert pages >= 2
    assert "— 2 —" in page_text(pdf, 1)
