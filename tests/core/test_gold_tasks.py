"""The task table against the task gold files (../shared/eval/gold/tasks/*.json), scored by
../shared/eval/score_tasks.py, extracting with the gold's own ``departments`` as the office's list.

Bars (TASKS.md; the office's rows, not the finer clauses): row recall >= 0.97 (a dropped sentence is a
dropped promise), boundary F1 >= 0.80, tasks per row <= 1.3, lead accuracy >= 0.80. The table of scores is
printed at the end of the run (conftest.py) and written into any failing assertion.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
TASK_GOLD = SHARED / "eval" / "gold" / "tasks"
BARS = {"row_recall": (">=", 0.97), "boundary_f1": (">=", 0.80), "tasks_per_row": ("<=", 1.3),
        "lead_accuracy": (">=", 0.80)}
COLUMNS = {"row_recall": "recall", "boundary_f1": "boundary F1", "tasks_per_row": "tasks/row",
           "lead_accuracy": "lead", "task_precision": "precision", "tasks": "tasks", "rows_required": "rows"}

pytestmark = pytest.mark.skipif(not TASK_GOLD.is_dir(), reason="../shared is not beside the repository")


def gold_names() -> list[str]:
    return sorted(p.stem for p in TASK_GOLD.glob("*.json")) if TASK_GOLD.is_dir() else []


def task_table(scores: dict[str, dict[str, Any]]) -> str:
    """The task scores as a fixed-width table, one gold file a row."""
    head = f"{'task gold file':<22}" + "".join(f"{label:>12}" for label in COLUMNS.values())

    def cell(s: dict[str, Any], c: str) -> str:
        v = s.get(c)
        return f"{'-':>12}" if v is None else (f"{v:>12}" if isinstance(v, int) else f"{v:>12.3f}")

    rows = [f"{name:<22}" + "".join(cell(s, c) for c in COLUMNS) for name, s in sorted(scores.items())]
    bars = "bars: " + ", ".join(f"{k} {op} {v}" for k, (op, v) in BARS.items())
    return "\n".join([head, *rows, bars])


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("luoshi_task_score", SHARED / "eval" / "score_tasks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", gold_names())
def test_the_task_table_meets_the_bars_on_every_task_gold_file(name: str, scorer: ModuleType,
                                                               task_scores: dict) -> None:
    from luoshi.departments import Departments
    from luoshi.extract import Options, extract_file

    gold = json.loads((TASK_GOLD / f"{name}.json").read_text(encoding="utf-8"))
    options = Options(departments=Departments.of(gold["departments"], "gold"))
    plan = extract_file(SHARED / gold["document"], options=options).to_dict()
    scores = scorer.score(gold, plan)
    task_scores[name] = scores
    low = {k: scores[k] for k, (op, bar) in BARS.items()
           if scores[k] is None or (scores[k] < bar if op == ">=" else scores[k] > bar)}
    assert not low, f"below the bars on {name}: {low}\n{task_table({name: scores})}"
