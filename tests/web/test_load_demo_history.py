"""``load_demo_history``: plausible, clearly marked demo history so that every page has content."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from web.indicators.models import IndicatorActual
from web.supervision.models import ProgressReport, ReportingCadence


@pytest.fixture
def history(cast):
    out = StringIO()
    call_command("load_demo_history", plan=cast.plan.pk, stdout=out)
    cast.output = out.getvalue()
    return cast


def test_it_marks_everything_it_makes_as_demo_data(history):
    reports = ProgressReport.objects.filter(task__plan=history.plan)
    assert reports.exists() and not reports.filter(demo=False).exists()
    assert not IndicatorActual.objects.filter(indicator__plan=history.plan).exclude(source="demo").exists()
    assert "演示数据" in history.output


def test_it_shows_the_plan_in_the_middle_of_its_year(history):
    assert ReportingCadence.for_plan(history.plan).today() == dt.date(2025, 6, 27)
    statuses = set(ProgressReport.objects.filter(task__plan=history.plan).values_list("status", flat=True))
    assert {"approved", "submitted"} <= statuses
    assert history.plan.indicators.filter(actuals__month=5).exists()


def test_it_publishes_the_plan_and_is_idempotent(history):
    history.plan.refresh_from_db()
    count = ProgressReport.objects.count()
    assert history.plan.published
    call_command("load_demo_history", plan=history.plan.pk, stdout=StringIO())
    assert ProgressReport.objects.count() == count


def test_it_says_what_to_do_without_a_demo_plan(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_history", plan=987654, stdout=StringIO())


def test_every_page_has_content_after_it(history, as_):
    plan = history.plan
    client = as_("supervisor")
    pages = {
        reverse("dashboard", args=[plan.pk]): "滞后任务",
        reverse("leader_view", args=[plan.pk]): "主要指标",
        reverse("indicator_list", args=[plan.pk]): "地方一般公共预算收入",
        reverse("alerts", args=[plan.pk]): "预警清单",
        reverse("review_queue", args=[plan.pk]): "待审核",
        reverse("bulletin", args=[plan.pk]): "督查通报",
        reverse("my_tasks", args=[plan.pk]) + f"?department={history.departments['经济发展办'].pk}": "报送进展",
        reverse("department_dashboard", args=[plan.pk, history.departments["经济发展办"].pk]): "经济发展办",
        reverse("progress_report", args=[history.tasks["t3"].pk]): "报送记录",
        reverse("indicator_detail", args=[plan.indicators.first().pk]): "预测方法",
        reverse("public_plan", args=[plan.pk]): "落实情况",
        reverse("public_index"): str(plan),
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
