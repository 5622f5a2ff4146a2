"""The doctest examples in the supervision modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest

import pytest

from web import text
from web.bulletins import content
from web.dashboards import county
from web.indicators import forecast, services
from web.supervision import periods, status
from web.yearend import accountability


@pytest.mark.parametrize("module", [status, periods, forecast, services, content, text, accountability, county],
                         ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
