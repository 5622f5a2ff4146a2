"""Indicator pages: the plan's indicators with forecasts; one indicator's chart; typing and importing figures."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from web.accounts.uploads import XLSX_TYPES, check_upload
from web.indicators import services
from web.indicators.access import EDIT, get_indicator_for_user
from web.indicators.charts import indicator_chart
from web.plans.access import INTERNAL, get_plan_for_user, role_for_plan
from web.steps import refusal


class ActualForm(forms.Form):
    month = forms.IntegerField(label="截至月份", min_value=1, max_value=12)
    value = forms.FloatField(label="累计数", required=False)
    growth = forms.FloatField(label="累计同比增长(%)", required=False)


@login_required
def indicator_list(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    indicators = [(i, i.forecast()) for i in plan.indicators.prefetch_related("actuals")]
    return render(request, "indicators/indicator_list.html", {
        "plan": plan, "indicators": indicators, "is_supervisor": role_for_plan(request.user, plan).is_supervisor})


@login_required
def indicator_detail(request, indicator_id):
    """One indicator: its chart (actual vs target vs forecast), the method named, the months; typing a month."""
    indicator = get_indicator_for_user(request, indicator_id)
    form = ActualForm(request.POST or None)
    if request.method == "POST":
        indicator = get_indicator_for_user(request, indicator_id, write=EDIT)
        if form.is_valid():
            try:
                services.record_indicator_actual(request.user, indicator, **form.cleaned_data)
                messages.success(request, "已保存")
                return redirect("indicator_detail", indicator.pk)
            except ValidationError as e:
                form.add_error(None, e)
    fc = indicator.forecast()
    return render(request, "indicators/indicator_detail.html", {
        "plan": indicator.plan, "indicator": indicator, "forecast": fc, "form": form,
        "is_supervisor": role_for_plan(request.user, indicator.plan).is_supervisor,
        "charts": {"chart-indicator": indicator_chart(indicator, fc)}}, status=400 if form.errors else 200)


@require_POST
def create_indicators(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=True)
    made = services.create_indicators_from_targets(request.user, plan)
    messages.success(request, f"已从量化目标生成 {len(made)} 个指标")
    return redirect("indicator_list", plan.pk)


@require_POST
def import_indicators(request, plan_id):
    """Import the statistics office's monthly .xlsx: all rows or none; names not matched are listed."""
    plan = get_plan_for_user(request, plan_id, write=True)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择统计月报 .xlsx 文件")
        return redirect("indicator_list", plan.pk)
    try:
        check_upload(upload, XLSX_TYPES)  # size, type, zip bomb: before openpyxl opens it
        saved, unknown = services.import_indicator_actuals(request.user, plan, upload.read())
    except ValidationError as e:
        messages.error(request, refusal(e))
    else:
        messages.success(request, f"已导入 {len(saved)} 条月度数据")
        if unknown:
            messages.warning(request, "以下指标未匹配,未导入:" + "、".join(unknown))
    return redirect("indicator_list", plan.pk)
