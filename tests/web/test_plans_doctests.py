"""The examples in the docstrings of the plans, accounts, exports and settings modules are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["web.env", "web.accounts.models", "web.plans.models", "web.plans.importing", "web.exports.xlsx"]


@pytest.mark.parametrize("name", MODULES)
def test_its_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
