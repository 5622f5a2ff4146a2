"""Shared fixtures of the core tests."""

from __future__ import annotations

from typing import Any

import pytest

# The gold scores (test_gold.py, test_accountability_gold.py) gathered over the run, printed once at its end.
GOLD_SCORES = pytest.StashKey[dict[str, dict[str, Any]]]()
ACCOUNTABILITY_SCORES = pytest.StashKey[dict[str, dict[str, Any]]]()
TASK_SCORES = pytest.StashKey[dict[str, dict[str, Any]]]()


@pytest.fixture
def gold_scores(request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    return request.config.stash.setdefault(GOLD_SCORES, {})


@pytest.fixture
def accountability_scores(request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    return request.config.stash.setdefault(ACCOUNTABILITY_SCORES, {})


@pytest.fixture
def task_scores(request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    return request.config.stash.setdefault(TASK_SCORES, {})


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the tables of gold scores (targets, task rows, 兑现表) whenever their tests ran, passing or not."""
    scores = config.stash.get(GOLD_SCORES, {})
    if scores:
        from test_gold import score_table

        terminalreporter.section("gold scores (../shared/eval/score.py)")
        terminalreporter.write_line(score_table(scores))
    scores = config.stash.get(ACCOUNTABILITY_SCORES, {})
    if scores:
        from test_accountability_gold import score_table as accountability_table

        terminalreporter.section("兑现表 gold scores (../shared/eval/score_accountability.py)")
        terminalreporter.write_line(accountability_table(scores))
    tasks = config.stash.get(TASK_SCORES, {})
    if tasks:
        from test_gold_tasks import task_table

        terminalreporter.section("task table scores (../shared/eval/score_tasks.py)")
        terminalreporter.write_line(task_table(tasks))
