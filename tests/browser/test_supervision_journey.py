"""The supervision loop in a real browser, on the demo plan with its simulated half year (演示数据):
a department submits a report with evidence, the supervisor returns it, the department resubmits, the
supervisor approves; the dashboards draw their ECharts charts; the bulletin downloads as .docx and PDF.
Screenshots go to test-artifacts/screenshots/supervision-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import log_in
from docx import Document
from playwright.sync_api import expect

from web.supervision.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def open_june_task(plan):
    """A task led by 经济发展办 with nothing reported for June yet."""
    reported = ProgressReport.objects.filter(period="2025-06").values_list("task_id", flat=True)
    return (plan.tasks.filter(assignments__department__name="经济发展办", assignments__role="lead", archived=False)
            .exclude(pk__in=reported).order_by("pk").first())


def submit_report(page, text: str, percent: str, evidence: Path | None = None) -> None:
    page.select_option("select[name=period]", "2025-06")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=percent]", percent)
    page.fill("textarea[name=difficulties]", "企业用工紧张,需人社部门协调")
    if evidence:
        page.set_input_files("input[name=evidence]", str(evidence))
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("已报送")


def test_a_department_submits_and_the_supervisor_returns_then_approves(page, shot, demo, tmp_path):
    task = open_june_task(demo)
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    log_in(page, "jingji")
    page.goto(f"/plans/{demo.pk}/my-tasks/")
    expect(page.locator("h1")).to_contain_text("经济发展办任务")
    shot("supervision-01-my-tasks")
    page.goto(f"/tasks/{task.pk}/progress/")
    submit_report(page, "完成企业走访5家,签订意向协议1份", "40", evidence=photo)
    june = page.locator(".version", has_text="2025-06 第1版")
    expect(june).to_contain_text("待审核")
    expect(june.locator("a", has_text="现场照片.png")).to_be_visible()
    shot("supervision-02-submitted")

    log_in(page, "duban")
    page.goto(f"/plans/{demo.pk}/review/")
    expect(page.locator(f"#report-{ProgressReport.objects.get(task=task, period='2025-06').pk}")).to_be_visible()
    shot("supervision-03-review-queue")
    page.goto(f"/tasks/{task.pk}/progress/")
    page.fill("input[aria-label=退回意见]", "请补充意向协议的企业名称和投资额")
    page.click("button[name=return]")
    returned = page.locator(".version.returned", has_text="2025-06 第1版")
    expect(returned).to_contain_text("请补充意向协议的企业名称和投资额")
    shot("supervision-04-returned")

    log_in(page, "jingji")
    page.goto(f"/tasks/{task.pk}/progress/")
    returned = page.locator(".version.returned", has_text="2025-06 第1版")
    expect(returned.locator(".comment")).to_contain_text("请补充意向协议")
    submit_report(page, "完成企业走访5家,与某卫浴企业签订意向协议1份,计划投资1.2亿元", "42")
    shot("supervision-05-resubmitted")

    log_in(page, "duban")
    page.goto(f"/tasks/{task.pk}/progress/")
    page.click("button[name=approve]")
    expect(page.locator(".version.approved", has_text="2025-06 第2版")).to_contain_text("已通过")
    shot("supervision-06-approved")
    versions = list(ProgressReport.objects.filter(task=task, period="2025-06").values_list("version", "status"))
    assert versions == [(1, "returned"), (2, "approved")]

    log_in(page, "jingji")
    page.goto(f"/tasks/{task.pk}/progress/")
    expect(page.locator("select[name=period] option[value='2025-06']")).to_have_count(0)  # June is locked
    expect(page.locator(".version.approved", has_text="2025-06 第2版")).to_be_visible()


def charts_drawn(page, count: int) -> None:
    expect(page.locator("[data-chart][data-rendered='1']")).to_have_count(count)
    expect(page.locator("[data-chart] canvas")).to_have_count(count)


def test_the_dashboards_draw_their_charts_and_the_bulletin_downloads(page, shot, demo):
    log_in(page, "lingdao")
    page.goto(f"/plans/{demo.pk}/dashboard/")
    charts_drawn(page, 5)
    expect(page.locator("table.lagging tr")).not_to_have_count(1)
    shot("supervision-07-dashboard")
    page.goto(f"/plans/{demo.pk}/leader/")
    charts_drawn(page, 1)
    expect(page.locator("h1")).to_contain_text("落实情况一页纸")
    shot("supervision-08-leader")
    indicator = demo.indicators.first()
    page.goto(f"/indicators/{indicator.pk}/")
    charts_drawn(page, 1)
    expect(page.locator("body")).to_contain_text("预测方法")
    shot("supervision-09-indicator")
    page.goto(f"/plans/{demo.pk}/indicators/")
    expect(page.locator("table.data")).to_contain_text("地方一般公共预算收入")
    shot("supervision-09b-indicator-list")
    page.goto(f"/plans/{demo.pk}/alerts/")
    expect(page.locator("h1")).to_contain_text("预警清单")
    shot("supervision-10-alerts")
    page.goto(f"/plans/{demo.pk}/leader/")
    page.locator("table.ranking a", has_text="经济发展办").click()
    expect(page.locator("h1")).to_contain_text("经济发展办")
    charts_drawn(page, 2)
    shot("supervision-10b-department")

    page.goto(f"/plans/{demo.pk}/bulletin/?period=2025-06")
    expect(page.locator("article.bulletin .bulletin-masthead")).to_contain_text("督查通报")
    expect(page.locator("article.bulletin h1")).to_contain_text("关于2025年6月")
    shot("supervision-11-bulletin")
    with page.expect_download() as info:
        page.click("#download-docx")
    docx_path = ARTIFACTS / "督查通报-2025-06.docx"
    docx_path.parent.mkdir(parents=True, exist_ok=True)
    info.value.save_as(docx_path)
    assert info.value.suggested_filename.endswith("2025-06.docx")
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "督查通报" in text and "三、滞后与问题" in text and "欠序时进度" in text and "本通报含演示数据" in text
    with page.expect_download() as info:
        page.click("#download-pdf")
    pdf_path = ARTIFACTS / "督查通报-2025-06.pdf"
    info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    page.context.clear_cookies()
    page.goto(f"/public/plans/{demo.pk}/")
    expect(page.locator("h1")).to_contain_text("落实情况")
    shot("supervision-12-public")
