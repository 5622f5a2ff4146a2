"""Reporting periods (报送周期) as a table of cases: keys, labels and due days, monthly and quarterly."""

from __future__ import annotations

from datetime import date

import pytest

from web.supervision.periods import MONTHLY, QUARTERLY, parse_period, period_of, periods_of_year

# (name, day, cadence, due day, key, label, due date)
CASES = [
    ("a June day, monthly", date(2025, 6, 30), MONTHLY, 25, "2025-06", "2025年6月", date(2025, 6, 25)),
    ("due day past the month's end is its last day", date(2025, 2, 3), MONTHLY, 31, "2025-02", "2025年2月",
     date(2025, 2, 28)),
    ("leap February", date(2024, 2, 3), MONTHLY, 30, "2024-02", "2024年2月", date(2024, 2, 29)),
    ("a May day, quarterly, due in June", date(2025, 5, 2), QUARTERLY, 20, "2025-Q2", "2025年第2季度",
     date(2025, 6, 20)),
    ("New Year's Eve, quarterly", date(2025, 12, 31), QUARTERLY, 25, "2025-Q4", "2025年第4季度", date(2025, 12, 25)),
]


@pytest.mark.parametrize(("day", "cadence", "due_day", "key", "label", "due"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_it_finds_the_period_of_a_day(day, cadence, due_day, key, label, due):
    p = period_of(day, cadence, due_day)
    assert (p.key, p.label, p.due) == (key, label, due)
    assert parse_period(key, due_day) == p


@pytest.mark.parametrize("key", ["2025-13", "2025-00", "2025-Q5", "2025-6", "", "June"])
def test_it_refuses_what_is_not_a_period(key):
    with pytest.raises(ValueError):
        parse_period(key)


def test_a_year_has_twelve_months_or_four_quarters_and_they_chain():
    months = periods_of_year(2025)
    assert len(months) == 12 and len(periods_of_year(2025, QUARTERLY)) == 4
    assert months[5].previous(MONTHLY, 25) == months[4] and months[4].next(MONTHLY, 25) == months[5]
