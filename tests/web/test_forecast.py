"""The year-end forecast (全年预测) of headline indicators as a table of cases.

Figures are round so that each row can be checked by hand: a target of 11% growth, last year's total
100; after six months at 9% cumulative growth the year ends at 9% and the second half must grow 13%.
"""

from __future__ import annotations

import pytest

from web.indicators.forecast import (
    GROWTH_EVEN_MONTHS,
    GROWTH_WITH_BASE,
    LINEAR,
    NONE,
    IndicatorFacts,
    MonthActual,
    forecast,
)


def growth(target, *months, baseline=None, comparator=">="):
    return IndicatorFacts(kind="growth", comparator=comparator, target=target, baseline=baseline,
                          months=tuple(MonthActual(*m) for m in months))


def quantity(target, *months, comparator=">="):
    return IndicatorFacts(kind="quantity", comparator=comparator, target=target,
                          months=tuple(MonthActual(*m) for m in months))


# (name, facts, method, forecast growth, needed growth, forecast value, on course)
GROWTH_CASES = [
    ("half year behind target, even months", growth(11, (6, None, 9.0)), GROWTH_EVEN_MONTHS, 9.0, 13.0, None, False),
    ("half year on target", growth(11, (6, None, 11.0)), GROWTH_EVEN_MONTHS, 11.0, 11.0, None, True),
    ("half year ahead", growth(11, (6, None, 15.0)), GROWTH_EVEN_MONTHS, 15.0, 7.0, None, True),
    ("with last year's total: weights from the base", growth(11, (6, 54.5, 9.0), baseline=100), GROWTH_WITH_BASE,
     9.0, 13.0, 109.0, False),
    ("with base, a light first half (40% of last year)", growth(11, (6, 44.0, 10.0), baseline=100), GROWTH_WITH_BASE,
     10.0, 11.7, 110.0, False),
    ("the latest month is used, whatever the order", growth(4.6, (5, None, 3.0), (3, None, 8.0)), GROWTH_EVEN_MONTHS,
     3.0, 5.7, None, False),
    ("December: nothing left to need", growth(5, (12, None, 5.2)), GROWTH_EVEN_MONTHS, 5.2, None, None, True),
    ("falling indicator under a ceiling", growth(-2, (6, None, -3.0), comparator="<="), GROWTH_EVEN_MONTHS,
     -3.0, -1.0, None, True),
    ("negative growth so far", growth(6, (3, None, -4.0)), GROWTH_EVEN_MONTHS, -4.0, 9.3, None, False),
]


@pytest.mark.parametrize(("facts", "method", "fc_growth", "needed", "fc_value", "on_course"),
                         [c[1:] for c in GROWTH_CASES], ids=[c[0] for c in GROWTH_CASES])
def test_it_forecasts_growth_indicators(facts, method, fc_growth, needed, fc_value, on_course):
    f = forecast(facts)
    assert (f.method, f.forecast_growth, f.needed_growth, f.forecast_value, f.on_course) == (
        method, fc_growth, needed, fc_value, on_course)


# (name, facts, forecast value, needed per month, on course)
QUANTITY_CASES = [
    ("8 projects: 5 by June runs to 10", quantity(8, (6, 5)), 10.0, 0.5, True),
    ("8 projects: 3 by June runs to 6", quantity(8, (6, 3)), 6.0, 0.83, False),
    ("already reached", quantity(8, (9, 9)), 12.0, 0.0, True),
    ("a ceiling, overshooting", quantity(100, (4, 40), comparator="<="), 120.0, 7.5, False),
]


@pytest.mark.parametrize(("facts", "fc_value", "per_month", "on_course"), [c[1:] for c in QUANTITY_CASES],
                         ids=[c[0] for c in QUANTITY_CASES])
def test_it_extrapolates_quantity_indicators_linearly(facts, fc_value, per_month, on_course):
    f = forecast(facts)
    assert (f.method, f.forecast_value, f.needed_per_month, f.on_course) == (LINEAR, fc_value, per_month, on_course)


@pytest.mark.parametrize("facts", [growth(11), quantity(8), growth(11, (3, 50.0, None)),
                                   IndicatorFacts(kind="rank", comparator="<=", target=400,
                                                  months=(MonthActual(6, 420),))],
                         ids=["growth without months", "quantity without months", "growth without a growth figure",
                              "a rank is not forecast"])
def test_it_names_no_method_when_it_cannot_forecast(facts):
    f = forecast(facts)
    assert (f.method, f.on_course, f.forecast_value) == (NONE, None, None)
    assert f.method_label == "暂无数据,无法预测"


def test_every_method_has_a_name_and_an_explanation_for_the_page():
    f = forecast(growth(11, (6, None, 9.0)))
    assert f.method_label.startswith("累计增速平移法")
    assert "累计同比增速" in f.method_explanation


def test_case_names_are_unique():
    names = [c[0] for c in GROWTH_CASES + QUANTITY_CASES]
    assert len(names) == len(set(names))
