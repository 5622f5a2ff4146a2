"""The 兑现表 on pairs of reports beyond the three of the accountability gold (tests/core/fixtures/accountability/).

Each ``*.json`` there is a small gold file in the ``accountability/1`` form of ../shared/eval/ACCOUNTABILITY.md,
labelled by hand from public excerpts (the README there says which, and from where). A file names its plan-year
report (``plan_report``: an excerpt of its targets here, or a report of ../shared/corpus) and its next report
(``next_report``); the plan is extracted as ``luoshi review`` does it, and the gold items are paired with the
extracted targets as ../shared/eval/score_accountability.py pairs them. Same bars as the gold files.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from test_accountability_gold import BARS, SHARED, load_scorer, score_table

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "accountability"

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score_accountability.py").is_file(),
                                reason="../shared is not beside the repository")


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


def pair_names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.json"))


def located(path: str) -> Path:
    """A fixture of this folder (fixtures/…) or a report of the shared corpus (corpus/…)."""
    return FIXTURES.parents[1] / path if path.startswith("fixtures/") else SHARED / path


@pytest.mark.parametrize("name", pair_names())
def test_it_meets_the_bars_on_every_pair_of_reports_beyond_the_gold(name: str, scorer: ModuleType,
                                                                     accountability_scores: dict) -> None:
    from luoshi.accountability import review
    from luoshi.extract import extract_file
    from luoshi.report import parse

    gold = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    plan_path, next_path = located(gold["plan_report"]), located(gold["next_report"])
    if not (plan_path.is_file() and next_path.is_file()):
        pytest.skip(f"{name}: a report of ../shared/corpus is missing")
    plan = extract_file(plan_path)
    table = review(plan, parse(next_path))
    targets = [{"section": t.section, "indicator": t.indicator, "value": t.value, "unit": t.unit}
               for t in plan.targets]
    scores = scorer.score(gold, table.to_dict(), targets)
    accountability_scores[f"+{name}"] = scores
    low = {k: scores[k] for k, bar in BARS.items() if scores[k] < bar}
    detail = "\n".join([score_table({name: scores}), *(f"wrong    {w}" for w in scores["wrong"])])
    assert not low, f"below the bars on {name}: {low}\n{detail}"
