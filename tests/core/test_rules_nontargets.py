"""Non-targets (luoshi/rules/nontargets.py): names, dates, qualifiers, baselines, the report's own parts."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import check_negative_case, check_sentence_case, load, negative_params, params

YEAR = load("nontargets")["year"]


@pytest.mark.parametrize("case", params("nontargets"))
def test_it_reads_the_whole_target(case: dict[str, Any]) -> None:
    check_sentence_case(case, YEAR)


@pytest.mark.parametrize("case", negative_params("nontargets"))
def test_it_finds_no_target_in_a_negative_case(case: dict[str, Any]) -> None:
    check_negative_case(case, YEAR)
