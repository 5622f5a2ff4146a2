"""Comparators (luoshi/rules/comparators.py): the cue that qualifies the number wins over the verb."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import check_negative_case, check_sentence_case, load, negative_params, params

YEAR = load("comparators")["year"]


@pytest.mark.parametrize("case", params("comparators"))
def test_it_reads_the_whole_target(case: dict[str, Any]) -> None:
    check_sentence_case(case, YEAR)


@pytest.mark.parametrize("case", negative_params("comparators"))
def test_it_finds_no_target_in_a_negative_case(case: dict[str, Any]) -> None:
    check_negative_case(case, YEAR)
