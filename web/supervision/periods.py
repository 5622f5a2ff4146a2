"""Reporting periods (报送周期): monthly by default, or quarterly; each due on a day of its last month.

Pure: a period is a key (``2025-06`` or ``2025-Q2``), its first and last day and its due date.

>>> p = period_of(date(2025, 6, 30), MONTHLY, due_day=25)
>>> p.key, p.label, p.due.isoformat()
('2025-06', '2025年6月', '2025-06-25')
>>> period_of(date(2025, 5, 2), QUARTERLY, due_day=31).due.isoformat()
'2025-06-30'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHLY, QUARTERLY = "monthly", "quarterly"


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date
    end: date
    due: date

    def previous(self, cadence: str, due_day: int) -> Period:
        return period_of(self.start - timedelta(days=1), cadence, due_day)

    def next(self, cadence: str, due_day: int) -> Period:
        return period_of(self.end + timedelta(days=1), cadence, due_day)


def _due(year: int, month: int, due_day: int) -> date:
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def period_of(day: date, cadence: str = MONTHLY, due_day: int = 25) -> Period:
    """The period that contains ``day``."""
    if cadence == QUARTERLY:
        q = (day.month - 1) // 3 + 1
        first, last = 3 * q - 2, 3 * q
        end = date(day.year, last, calendar.monthrange(day.year, last)[1])
        return Period(f"{day.year}-Q{q}", f"{day.year}年第{q}季度", date(day.year, first, 1), end,
                      _due(day.year, last, due_day))
    end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return Period(f"{day.year}-{day.month:02d}", f"{day.year}年{day.month}月", date(day.year, day.month, 1), end,
                  _due(day.year, day.month, due_day))


# The whole key, ASCII digits only: ``$`` would also accept a trailing line break (which then reaches a
# download's header) and ``\d`` full-width digits.
_KEY = re.compile(r"(?P<year>[0-9]{4})-(?:Q(?P<q>[1-4])|(?P<month>0[1-9]|1[0-2]))")


def parse_period(key: str, due_day: int = 25) -> Period:
    """The period named by ``key``; ValueError for anything else.

    >>> parse_period("2025-Q3").label
    '2025年第3季度'
    """
    m = _KEY.fullmatch(key or "")
    if not m:
        raise ValueError(f"not a reporting period: {key!r}")
    year = int(m["year"])
    if m["q"]:
        return period_of(date(year, 3 * int(m["q"]), 1), QUARTERLY, due_day)
    return period_of(date(year, int(m["month"]), 1), MONTHLY, due_day)


def periods_of_year(year: int, cadence: str = MONTHLY, due_day: int = 25) -> list[Period]:
    """Every period of a plan year, in order.

    >>> [p.key for p in periods_of_year(2025, QUARTERLY)]
    ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
    """
    months = range(1, 13, 3) if cadence == QUARTERLY else range(1, 13)
    return [period_of(date(year, m, 1), cadence, due_day) for m in months]
