"""The bulletin (督查通报) as an official document: what it says, its 期号, the office's edits, the .docx.

The PDF is read in ``test_bulletin_pdf.py``.
"""

from __future__ import annotations

import io

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from docx import Document
from supervision_fixtures import submit

from web.audit.models import AuditEvent
from web.bulletins import services as bulletins
from web.bulletins.content import NO_DIFFICULTY, UNREPORTED
from web.bulletins.models import Bulletin
from web.indicators.services import create_indicators_from_targets, record_indicator_actual
from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def june(supervised):
    """June 2025 as a town lives it: t1 overdue (due in March, never reported), t2 ahead (规划建设办), t3 red
    with a reviewed difficulty, t4 not reported."""
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        services.approve_progress_report(supervised.supervisor, submit(
            supervised, "t3", "2025-06", 15, text="洽谈项目3个", difficulties="用地指标不足,需自然资源所协调"))
        services.approve_progress_report(supervised.supervisor, submit(
            supervised, "t2", "2025-06", 70, department="规划建设办", who="other_staff", text="主体完工"))
    indicator = create_indicators_from_targets(supervised.supervisor, supervised.plan)[0]
    record_indicator_actual(supervised.supervisor, indicator, month=5, value=None, growth=9.0)
    return supervised


def download(client, plan, fmt="docx", period="2025-06"):
    response = client.get(reverse("bulletin_download", args=[plan.pk, period, fmt]))
    assert response.status_code == 200, response.content[:300]
    return response


def docx_of(content: bytes):
    return Document(io.BytesIO(content))


def text_of(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def part(text: str, heading: str, following: str) -> str:
    return text.split(heading, 1)[1].split(following, 1)[0]


def test_the_docx_is_an_a4_page_with_the_official_margins(as_, june):
    section = docx_of(download(as_("supervisor"), june.plan).content).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]


def test_the_docx_body_is_fangsong_sanhao_and_the_title_xiaobiaosong_erhao(as_, june):
    doc = docx_of(download(as_("supervisor"), june.plan).content)
    title = next(p for p in doc.paragraphs if p.text.startswith("关于"))
    body = next(p for p in doc.paragraphs if p.text.startswith("截至"))
    assert (title.runs[0].font.name, title.runs[0].font.size.pt) == ("方正小标宋简体", 22)
    assert (body.runs[0].font.name, body.runs[0].font.size.pt) == ("仿宋_GB2312", 16)


def test_the_issued_docx_has_the_red_masthead_with_number_office_and_date(as_, june):
    bulletins.issue_bulletin(june.supervisor, june.plan, "2025-06")
    doc = docx_of(download(as_("supervisor"), june.plan).content)
    lines = [p.text for p in doc.paragraphs[:3]]
    assert lines[0] == "督查通报" and lines[1] == "第1期"
    assert lines[2] == "水口镇人民政府督查室\t2025年6月27日"
    assert doc.paragraphs[0].runs[0].font.color.rgb == (0xE6, 0x00, 0x12)
    assert "草稿" not in text_of(doc)


def test_the_docx_numbers_its_pages_with_a_page_field_between_dashes(as_, june):
    section = docx_of(download(as_("supervisor"), june.plan).content).sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_the_parts_come_in_the_usual_order(as_, june):
    text = text_of(docx_of(download(as_("supervisor"), june.plan).content))
    positions = [text.index(h) for h in ["一、总体情况", "二、进展较好", "三、滞后与问题", "四、下一步要求"]]
    assert positions == sorted(positions)


def test_the_overview_gives_the_figures_and_the_indicator_table(as_, june):
    doc = docx_of(download(as_("supervisor"), june.plan).content)
    overview = part(text_of(doc), "一、总体情况", "二、进展较好")
    assert "共4项任务" in overview and "红灯" in overview and "逾期未完成1项" in overview
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["指标", "年度目标", "完成情况", "序时进度要求", "评价"]
    assert rows[1] == ["地方一般公共预算收入", "增长不低于11%", "1-5月增长9%", "增长11%", "低于序时进度"]


def test_it_praises_by_name_the_departments_on_time_and_ahead(as_, june):
    praise = part(text_of(docx_of(download(as_("supervisor"), june.plan).content)), "二、进展较好", "三、")
    assert "规划建设办" in praise and "超序时进度" in praise
    assert "经济发展办" not in praise and "党政办" not in praise


def test_it_criticises_by_name_red_overdue_and_unreported_tasks_with_their_reasons(as_, june):
    problems = part(text_of(docx_of(download(as_("supervisor"), june.plan).content)), "三、滞后与问题", "四、")
    assert "经济发展办" in problems and "党政办" in problems and "规划建设办" not in problems
    assert "用地指标不足\uff0c需自然资源所协调" in problems  # t3: red, its reviewed difficulty (full-width comma)
    assert "逾期未完成" in problems  # t1
    assert UNREPORTED in problems  # t4


def test_a_progress_text_is_never_printed_as_a_difficulty(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        services.approve_progress_report(supervised.supervisor, submit(
            supervised, "t3", "2025-06", 10, text="洽谈项目3个,签约1个", difficulties=""))
    problems = part(text_of(docx_of(download(as_("supervisor"), supervised.plan).content)), "三、滞后与问题", "四、")
    assert "洽谈项目3个" not in problems and NO_DIFFICULTY in problems


def test_only_reviewed_difficulties_are_printed(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit(supervised, "t3", "2025-06", 10, difficulties="尚未审核的困难")
    problems = part(text_of(docx_of(download(as_("supervisor"), supervised.plan).content)), "三、滞后与问题", "四、")
    assert "尚未审核的困难" not in problems


def test_numbers_follow_the_order_of_issue_and_reissuing_keeps_the_number(june):
    first = bulletins.issue_bulletin(june.supervisor, june.plan, "2025-06")
    second = bulletins.issue_bulletin(june.supervisor, june.plan, "2025-05")
    again = bulletins.issue_bulletin(june.supervisor, june.plan, "2025-06")
    assert (first.number, second.number, again.number) == (1, 2, 1)
    assert Bulletin.objects.filter(plan=june.plan).count() == 2


def test_a_draft_shows_the_number_it_would_get_and_says_it_is_a_draft(as_, june):
    bulletins.issue_bulletin(june.supervisor, june.plan, "2025-05")
    text = text_of(docx_of(download(as_("supervisor"), june.plan).content))
    assert "第2期" in text and "草稿" in text


def test_the_office_edits_the_draft_and_the_file_prints_its_text(as_, june):
    client = as_("supervisor")
    page = client.get(reverse("bulletin", args=[june.plan.pk]) + "?period=2025-06")
    fields = {k: t for k, _, t in page.context["fields"]}
    fields["praise"] = "规划建设办主动作为,予以表扬。"
    response = client.post(reverse("bulletin_save", args=[june.plan.pk, "2025-06"]),
                           {"title": "关于6月重点任务落实情况的通报", **fields})
    assert response.status_code == 302
    text = text_of(docx_of(download(client, june.plan).content))
    assert "关于6月重点任务落实情况的通报" in text and "规划建设办主动作为,予以表扬。" in text
    event = AuditEvent.objects.get(action="bulletin.draft")
    assert event.actor == june.supervisor and event.after["praise"] == "规划建设办主动作为,予以表扬。"


def test_issuing_is_audited_with_its_number(as_, june):
    response = as_("supervisor").post(reverse("bulletin_issue", args=[june.plan.pk, "2025-06"]))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="bulletin.issue")
    assert event.after["number"] == 1 and event.after["state"] == "issued"


def test_an_empty_overview_is_refused(as_, june):
    client = as_("supervisor")
    client.post(reverse("bulletin_save", args=[june.plan.pk, "2025-06"]), {"title": "通报", "overview": " "})
    assert not Bulletin.objects.exists()


@pytest.mark.parametrize("role", ["leader", "staff"])
def test_only_the_office_edits_and_issues(as_, june, role):
    client = as_(role)
    assert client.post(reverse("bulletin_issue", args=[june.plan.pk, "2025-06"])).status_code == 403
    assert client.post(reverse("bulletin_save", args=[june.plan.pk, "2025-06"]),
                       {"title": "x", "overview": "y"}).status_code == 403
    assert not Bulletin.objects.exists()


def test_a_past_period_is_judged_as_it_stood_then(as_, june):
    text = text_of(docx_of(download(as_("supervisor"), june.plan, period="2025-03").content))
    assert "截至2025年3月31日" in text and "用地指标不足" not in text


@pytest.mark.parametrize(("role", "status"), [("leader", 200), ("staff", 200), ("public", 302), ("outsider", 404)])
def test_it_is_for_members(as_, june, role, status):
    response = as_(role).get(reverse("bulletin_download", args=[june.plan.pk, "2025-06", "docx"]))
    assert response.status_code == status


@pytest.mark.parametrize("period", ["2025-13", "2025-Q2", "nonsense"])
def test_a_bad_period_is_not_found(as_, june, period):
    assert as_("supervisor").get(reverse("bulletin_download", args=[june.plan.pk, period, "docx"])).status_code == 404


def test_the_page_shows_the_bulletin_and_the_form_to_the_office_only(as_, june):
    url = reverse("bulletin", args=[june.plan.pk]) + "?period=2025-06"
    page = as_("supervisor").get(url).content.decode()
    assert "督查通报" in page and "三、滞后与问题" in page and 'name="praise"' in page
    assert 'name="praise"' not in as_("leader").get(url).content.decode()


def test_the_docx_page_one_renders_through_libreoffice(as_, june, tmp_path):
    """Page 1 of the .docx as a picture (test-artifacts/bulletin-docx-page1.png), where LibreOffice is installed."""
    from bulletin_pdf import render_page_one, soffice

    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (Debian package libreoffice-writer-nogui) is not installed: no picture of the .docx")
    source = tmp_path / "bulletin.docx"
    source.write_bytes(download(as_("supervisor"), june.plan).content)
    import subprocess

    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    text = render_page_one((tmp_path / "bulletin.pdf").read_bytes(), "bulletin-docx-page1.png")
    assert "督查通报" in text and "一、总体情况" in text


def test_the_bulletin_prints_the_periods_instructions_and_their_replies(supervised):
    import time_machine

    from web.bulletins.content import build_bulletin
    from web.bulletins.layout import blocks
    from web.directives.instructions import reply_to_instruction, write_instruction

    with time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        instruction = write_instruction(supervised.leader, supervised.plan, task=supervised.tasks["t3"],
                                        text="请抓紧对接签约企业")
        reply_to_instruction(supervised.staff, instruction, supervised.departments["经济发展办"], "已对接3家")
    with time_machine.travel("2025-07-02 10:00+08:00", tick=False):
        june, may = build_bulletin(supervised.plan, "2025-06"), build_bulletin(supervised.plan, "2025-05")
    line = june.instructions[0]
    assert (line.leader, line.text, line.addressees) == ("lingdao", "请抓紧对接签约企业", ["经济发展办", "财政所"])
    assert line.replies == [("经济发展办", "已对接3家")] and may.instructions == []
    printed = [b.text for b in blocks(june)]
    assert any("请抓紧对接签约企业" in t for t in printed) and "经济发展办回复：已对接3家" in printed
