"""The bulletin (督查通报) for a period: the .docx opened with python-docx and read; the PDF with CJK text."""

from __future__ import annotations

import io

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from docx import Document
from supervision_fixtures import submit

from web.indicators.services import create_indicators_from_targets, record_indicator_actual
from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def june(supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        services.approve_progress_report(supervised.supervisor, submit(
            supervised, "t3", "2025-06", 20, text="洽谈项目3个", difficulties="用地指标不足,需自然资源所协调"))
        services.approve_progress_report(supervised.supervisor, submit(
            supervised, "t2", "2025-06", 70, department="规划建设办", who="other_staff", text="主体完工"))
    indicator = create_indicators_from_targets(supervised.supervisor, supervised.plan)[0]
    record_indicator_actual(supervised.supervisor, indicator, month=5, value=None, growth=9.0)
    return supervised


def docx_text(content: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    tables = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return text, tables


def test_the_docx_has_the_usual_form(as_, june):
    response = as_("supervisor").get(reverse("bulletin_download", args=[june.plan.pk, "2025-06", "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text, table = docx_text(response.content)
    assert f"{june.plan}落实情况督查通报(2025年6月)" in text
    assert "2025年6月27日" in text  # the date
    assert "共4项任务" in text  # summary figures
    for heading in ["一、总体情况", "二、任务完成情况", "三、进度滞后任务及原因", "四、主要指标完成情况"]:
        assert heading in text
    for category in ["已完成", "超进度", "达进度(", "欠进度("]:
        assert category in text
    assert "超进度(1项)" in text  # t2: 70% against 49%
    assert "经济发展办" in text and "用地指标不足,需自然资源所协调" in text  # lagging by department, with reason
    assert table[0] == ["指标", "目标", "最新累计", "全年预计", "剩余月份需达到", "判断"]
    assert table[1][:4] == ["地方一般公共预算收入", "增长不低于11%", "1-5月 增长9%", "增长9%"]
    assert table[1][5] == "完成有难度"


def test_a_past_period_is_judged_as_it_stood_then(as_, june):
    response = as_("supervisor").get(reverse("bulletin_download", args=[june.plan.pk, "2025-03", "docx"]))
    text, _ = docx_text(response.content)
    assert "截至2025年3月31日" in text and "洽谈项目3个" not in text


def test_the_pdf_is_a_pdf_with_the_cjk_font(as_, june):
    response = as_("supervisor").get(reverse("bulletin_download", args=[june.plan.pk, "2025-06", "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"STSong-Light" in response.content


@pytest.mark.parametrize(("role", "status"), [("leader", 200), ("staff", 200), ("public", 302), ("outsider", 404)])
def test_it_is_for_members(as_, june, role, status):
    response = as_(role).get(reverse("bulletin_download", args=[june.plan.pk, "2025-06", "docx"]))
    assert response.status_code == status


@pytest.mark.parametrize("period", ["2025-13", "2025-Q2", "nonsense"])
def test_a_bad_period_is_not_found(as_, june, period):
    assert as_("supervisor").get(reverse("bulletin_download", args=[june.plan.pk, period, "docx"])).status_code == 404


def test_the_bulletin_content_carries_the_periods_instructions_and_their_replies(supervised):
    import time_machine

    from web.bulletins.content import build_bulletin
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
