"""Headline indicators (主要指标): made from the plan's growth targets, typed in or imported from the
statistics office's monthly .xlsx, each with its forecast and the method named on the page."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from web.audit.models import AuditEvent
from web.indicators.models import Indicator, IndicatorActual
from web.indicators.services import create_indicators_from_targets, import_indicator_actuals


def stat_report(rows, title="水口镇2025年1-5月主要经济指标", header=("指标名称", "单位", "1-5月累计", "同比增长(%)")):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def indicator(cast):
    return create_indicators_from_targets(cast.supervisor, cast.plan)[0]


def test_it_makes_one_indicator_per_headline_growth_target(cast):
    made = create_indicators_from_targets(cast.supervisor, cast.plan)
    assert [(i.name, i.kind, i.comparator, i.target_value) for i in made] == [
        ("地方一般公共预算收入", "growth", ">=", 11.0)]
    assert create_indicators_from_targets(cast.supervisor, cast.plan) == []  # not twice
    assert AuditEvent.objects.filter(action="indicator.create").count() == 1


def test_the_supervisor_types_in_a_month(as_, indicator):
    response = as_("supervisor").post(reverse("indicator_detail", args=[indicator.pk]),
                                      {"month": "6", "value": "1.42", "growth": "9.0"})
    assert response.status_code == 302
    actual = IndicatorActual.objects.get(indicator=indicator)
    assert (actual.month, actual.value, actual.growth, actual.source) == (6, 1.42, 9.0, "typed")


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("leader", 403), ("public", 302), ("outsider", 404)])
def test_only_the_supervisor_types_in(as_, indicator, role, status):
    response = as_(role).post(reverse("indicator_detail", args=[indicator.pk]), {"month": "6", "growth": "9"})
    assert response.status_code == status
    assert not IndicatorActual.objects.exists()


def test_it_names_the_forecast_method_on_the_page(as_, indicator):
    as_("supervisor").post(reverse("indicator_detail", args=[indicator.pk]), {"month": "6", "growth": "9.0"})
    page = as_("leader").get(reverse("indicator_detail", args=[indicator.pk])).content.decode()
    assert "预测方法:累计增速平移法(按上年各月均等估算基数)" in page
    assert "剩余月份需增长 13.0%" in page and "完成有难度" in page
    assert 'data-chart="chart-indicator"' in page and "echarts.min.js" in page


def test_it_imports_the_statistics_office_report(as_, indicator):
    data = stat_report([("地方一般公共预算收入", "亿元", 1.18, 9.6), ("税收收入", "亿元", 0.8, 3.0)])
    response = as_("supervisor").post(reverse("import_indicators", args=[indicator.plan_id]),
                                      {"file": SimpleUploadedFile("统计月报.xlsx", data)}, format="multipart")
    assert response.status_code == 302
    actual = IndicatorActual.objects.get(indicator=indicator)
    assert (actual.month, actual.value, actual.growth, actual.source) == (5, 1.18, 9.6, "imported")


def test_it_lists_names_it_could_not_match(indicator):
    saved, unknown = import_indicator_actuals(None, indicator.plan, stat_report([("税收收入", "亿元", 0.8, 3.0)]))
    assert saved == [] and unknown == ["税收收入"]


@pytest.mark.parametrize(("data", "message"), [
    (stat_report([("地方一般公共预算收入", "亿元", "一点二", 9.6)]), "第3行“1-5月累计”列不是数字"),
    (stat_report([("地方一般公共预算收入", "亿元", 1.2, 9.6)], title="主要经济指标",
                 header=("指标名称", "单位", "累计", "同比增长(%)")), "找不到月份"),
    (stat_report([], header=("名称", "数值")), "找不到表头"),
    (b"not a spreadsheet", "无法读取"),
])
def test_it_names_the_problem_in_a_bad_file_and_imports_nothing(indicator, data, message):
    with pytest.raises(ValidationError, match=message):
        import_indicator_actuals(None, indicator.plan, data)
    assert not IndicatorActual.objects.exists()


def test_the_month_may_be_a_column(indicator):
    data = stat_report([("地方一般公共预算收入", 3, 0.7, 8.8), ("地方一般公共预算收入", 4, 0.95, 9.1)],
                       title="统计月报", header=("指标", "月份", "累计数", "增速(%)"))
    saved, _ = import_indicator_actuals(None, indicator.plan, data)
    assert [(a.month, a.growth) for a in saved] == [(3, 8.8), (4, 9.1)]


def test_the_list_shows_every_indicator_with_its_forecast(as_, indicator):
    Indicator.objects.create(plan=indicator.plan, name="新引进超亿元项目", kind="quantity", target_value=8,
                             value_unit="个")
    page = as_("staff").get(reverse("indicator_list", args=[indicator.plan_id])).content.decode()
    assert "地方一般公共预算收入" in page and "新引进超亿元项目" in page and "暂无数据,无法预测" in page
