"""The ECharts option of an indicator's chart: actual vs target vs forecast, month by month."""

from __future__ import annotations

from web.indicators.forecast import YEAR_MONTHS


def indicator_chart(indicator, forecast) -> dict:
    months = [f"1-{m}月" if m > 1 else "1月" for m in range(1, YEAR_MONTHS + 1)]
    actuals = {a.month: a for a in indicator.actuals.all()}
    growth = indicator.kind == "growth"
    actual = [(actuals[m].growth if growth else actuals[m].value) if m in actuals else None
              for m in range(1, YEAR_MONTHS + 1)]
    forecast_line = [None] * YEAR_MONTHS
    year_end = forecast.forecast_growth if growth else forecast.forecast_value
    if forecast.month and year_end is not None:
        start = actual[forecast.month - 1]
        forecast_line[forecast.month - 1] = start
        forecast_line[-1] = year_end
    unit = "%" if growth else indicator.value_unit
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 50, "right": 30, "top": 40, "bottom": 40},
        "xAxis": {"type": "category", "data": months},
        "yAxis": {"type": "value", "name": "累计增速(%)" if growth else f"累计数({unit})", "scale": True},
        "series": [
            {"type": "line", "name": "实际", "data": actual, "connectNulls": False, "symbolSize": 8,
             "label": {"show": True}},
            {"type": "line", "name": "目标", "data": [indicator.target_value] * YEAR_MONTHS,
             "lineStyle": {"type": "solid", "color": "#c62828"}, "itemStyle": {"color": "#c62828"}, "symbol": "none"},
            {"type": "line", "name": f"预测({forecast.method_label})", "data": forecast_line, "connectNulls": True,
             "lineStyle": {"type": "dashed"}, "itemStyle": {"color": "#888"}},
        ],
    }
