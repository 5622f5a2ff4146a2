"""The 兑现表 against the accountability gold (../shared/eval/gold/accountability/*.json), scored by
../shared/eval/score_accountability.py.

Bars: on every gold file verdict accuracy >= 0.90 and claim recall >= 0.90. The plan is extracted from the
plan year's report as ``luoshi review`` does it, so extraction errors count too. The table of scores is printed
at the end of the run (conftest.py) and written into any failing assertion.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the repository
GOLD_DIR = SHARED / "eval" / "gold" / "accountability"
BARS = {"verdict_accuracy": 0.90, "claim_recall": 0.90}
COLUMNS = {"targets": "targets", "verdict_accuracy": "verdicts", "claim_recall": "claims",
           "claim_precision": "precision", "actual_accuracy": "actuals"}

pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="../shared is not beside the repository")


def gold_names() -> list[str]:
    return sorted(p.stem for p in GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []


def score_table(scores: dict[str, dict[str, Any]]) -> str:
    """The scores as a fixed-width table, one gold file a row."""
    head = f"{'accountability gold':<22}" + "".join(f"{label:>11}" for label in COLUMNS.values())

    def cell(s: dict[str, Any], c: str) -> str:
        return f"{s[c]:>11}" if isinstance(s.get(c), int) else f"{s.get(c, 0):>11.3f}"

    rows = [f"{name:<22}" + "".join(cell(s, c) for c in COLUMNS) for name, s in sorted(scores.items())]
    return "\n".join([head, *rows])


def load_scorer() -> ModuleType:
    """../shared/eval/score_accountability.py as a module."""
    spec = importlib.util.spec_from_file_location("luoshi_accountability_score",
                                                  SHARED / "eval" / "score_accountability.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


@pytest.mark.parametrize("name", gold_names())
def test_it_meets_the_bars_on_every_accountability_gold_file(name: str, scorer: ModuleType,
                                                               accountability_scores: dict) -> None:
    from luoshi.accountability import review
    from luoshi.extract import extract_file
    from luoshi.report import parse

    gold = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
    plan_gold = json.loads((SHARED / "eval" / gold["plan_gold"]).read_text(encoding="utf-8"))
    table = review(extract_file(SHARED / plan_gold["document"]), parse(SHARED / gold["next_report"]))
    scores = scorer.score(gold, table.to_dict(), plan_gold.get("targets", []))
    accountability_scores[name] = scores
    low = {k: scores[k] for k, bar in BARS.items() if scores[k] < bar}
    detail = "\n".join([score_table({name: scores}), *(f"wrong    {w}" for w in scores["wrong"])])
    assert not low, f"below the bars on {name}: {low}\n{detail}"
