"""Kinds (luoshi/rules/kinds.py): growth, rate, rank or quantity, and decreases as negative growth."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import check_negative_case, check_sentence_case, load, negative_params, params

YEAR = load("kinds")["year"]


@pytest.mark.parametrize("case", params("kinds"))
def test_it_reads_the_whole_target(case: dict[str, Any]) -> None:
    check_sentence_case(case, YEAR)


@pytest.mark.parametrize("case", negative_params("kinds"))
def test_it_finds_no_target_in_a_negative_case(case: dict[str, Any]) -> None:
    check_negative_case(case, YEAR)
