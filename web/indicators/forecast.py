"""Year-end forecast of a headline indicator (主要指标全年预测) from the months reported so far. Pure.

Statistics offices publish cumulative figures: the value for January to month *m* (1–m月累计) and its
year-on-year growth (累计同比增长). From the latest month this module gives

* the year-end forecast, by a method whose Chinese name the page shows;
* the growth still needed in the remaining months to meet the target (剩余月份需达到的增速);
* whether the indicator is on course (能否完成).

Growth indicators use **累计增速平移法**: the remaining months are assumed to grow as fast as the months so
far, so the year-end growth equals the cumulative growth. The growth still needed is exact once we know
which share *s* of last year's total fell in months 1–m:

    (1 + T) = s·(1 + g) + (1 − s)·(1 + r)   ⇒   r = ((1 + T) − s·(1 + g)) / (1 − s) − 1

*s* comes from last year's full-year value (上年基数) when it is known (prior cumulative = value ÷ (1 + g));
otherwise the months are taken as equal (s = m / 12) and the method's name says so.

Quantity indicators (counts, amounts to reach) use **按月均进度线性外推**: year-end = cumulative × 12 / m.

>>> f = forecast(IndicatorFacts(kind="growth", comparator=">=", target=11.0,
...                             months=(MonthActual(6, value=None, growth=9.0),)))
>>> f.method_label, f.forecast_growth, f.needed_growth, f.on_course
('累计增速平移法(按上年各月均等估算基数)', 9.0, 13.0, False)
>>> forecast(IndicatorFacts(kind="quantity", comparator=">=", target=8,
...                         months=(MonthActual(6, value=5),))).forecast_value
10.0
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR_MONTHS = 12

GROWTH_WITH_BASE = "growth_carry_base"
GROWTH_EVEN_MONTHS = "growth_carry_even"
LINEAR = "linear"
NONE = "none"

METHOD_LABELS = {
    GROWTH_WITH_BASE: "累计增速平移法(以上年全年数为基数)",
    GROWTH_EVEN_MONTHS: "累计增速平移法(按上年各月均等估算基数)",
    LINEAR: "按月均进度线性外推",
    NONE: "暂无数据,无法预测",
}

METHOD_EXPLANATIONS = {
    GROWTH_WITH_BASE: "假定剩余月份保持1至当月累计同比增速;"
                      "上年同期累计数=本年累计数÷(1+累计增速),与上年全年数之比为已过月份权重。",
    GROWTH_EVEN_MONTHS: "假定剩余月份保持1至当月累计同比增速;"
                        "缺少上年全年数,按上年各月数值相同估算已过月份权重(月数÷12)。",
    LINEAR: "全年预计数=1至当月累计数×12÷月数;剩余月份月均需完成=(目标−累计)÷剩余月数。",
    NONE: "尚无月度数据。",
}


@dataclass(frozen=True)
class MonthActual:
    """One month's cumulative figures (1–m月累计): value and year-on-year growth in percent."""

    month: int
    value: float | None = None
    growth: float | None = None


@dataclass(frozen=True)
class IndicatorFacts:
    """An indicator's target and its monthly actuals, as the caller reads them from the database."""

    kind: str  # growth (增长率目标) | quantity (数量目标) | other (rank, rate: not forecast)
    comparator: str  # ">=" | "<=" | "~" | "="
    target: float  # growth in percent, or the quantity to reach
    months: tuple[MonthActual, ...] = ()
    baseline: float | None = None  # last year's full-year value (上年全年数)


@dataclass(frozen=True)
class Forecast:
    """The forecast for one indicator; ``method`` names how it was made."""

    method: str
    month: int | None  # the latest month used
    actual_value: float | None = None
    actual_growth: float | None = None
    forecast_value: float | None = None
    forecast_growth: float | None = None
    needed_growth: float | None = None  # growth indicators: % needed in the remaining months
    needed_per_month: float | None = None  # quantity indicators: amount needed per remaining month
    on_course: bool | None = None

    @property
    def method_label(self) -> str:
        return METHOD_LABELS[self.method]

    @property
    def method_explanation(self) -> str:
        return METHOD_EXPLANATIONS[self.method]


def meets(comparator: str, actual: float, target: float) -> bool:
    """Whether ``actual`` meets ``target`` by ``comparator``.

    >>> meets(">=", 11.0, 11.0), meets("<=", 3.2, 3.0)
    (True, False)
    """
    if comparator == "<=":
        return actual <= target
    if comparator == ">=":
        return actual >= target
    return round(actual, 6) == round(target, 6)


def forecast(facts: IndicatorFacts) -> Forecast:
    """The year-end forecast from the latest month that has the figure the method needs."""
    if facts.kind == "growth":
        usable = [m for m in facts.months if m.growth is not None]
        if not usable:
            return Forecast(NONE, None)
        return _growth(facts, max(usable, key=lambda m: m.month))
    if facts.kind == "quantity":
        usable = [m for m in facts.months if m.value is not None]
        if not usable:
            return Forecast(NONE, None)
        return _linear(facts, max(usable, key=lambda m: m.month))
    return Forecast(NONE, None)


def _growth(facts: IndicatorFacts, latest: MonthActual) -> Forecast:
    m, g = latest.month, latest.growth
    method, share = GROWTH_EVEN_MONTHS, m / YEAR_MONTHS
    forecast_value = None
    if facts.baseline and latest.value is not None:
        prior_cumulative = latest.value / (1 + g / 100)
        method, share = GROWTH_WITH_BASE, min(prior_cumulative / facts.baseline, 1.0)
        forecast_value = round(facts.baseline * (1 + g / 100), 2)
    needed = None
    if share < 1.0:
        needed = ((1 + facts.target / 100) - share * (1 + g / 100)) / (1 - share) - 1
        needed = round(needed * 100, 1)
    return Forecast(
        method=method,
        month=m,
        actual_value=latest.value,
        actual_growth=g,
        forecast_value=forecast_value,
        forecast_growth=round(g, 1),
        needed_growth=needed,
        on_course=meets(facts.comparator, round(g, 1), facts.target),
    )


def _linear(facts: IndicatorFacts, latest: MonthActual) -> Forecast:
    m, value = latest.month, latest.value
    year_end = round(value * YEAR_MONTHS / m, 2)
    remaining = YEAR_MONTHS - m
    needed = round(max(facts.target - value, 0) / remaining, 2) if remaining else None
    return Forecast(
        method=LINEAR,
        month=m,
        actual_value=value,
        actual_growth=latest.growth,
        forecast_value=year_end,
        needed_per_month=needed,
        on_course=meets(facts.comparator, year_end, facts.target),
    )
