"""Learning from the office (历史分工): does a previous task table raise lead accuracy on new rows?

On the Hebei task gold (../shared/eval/gold/tasks/hebei-prov-2025.json), the office's rows are split in two
halves (odd and even row numbers). The rows of one half, with the leads the office gave them, are the
history (``Options.history``, what ``luoshi extract --history TABLE.xlsx`` reads); lead accuracy is measured
on the rows of the other half only, with and without that history, both halves in turn. The gold's own
``departments`` are the office's list in both runs.

    .venv/bin/python bench/bench_history.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from luoshi.departments import Departments  # noqa: E402
from luoshi.extract import Options, extract_file  # noqa: E402
from luoshi.history import History, PastRow  # noqa: E402


def _scorer():
    spec = importlib.util.spec_from_file_location("score_tasks", SHARED / "eval" / "score_tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lead_accuracy(st, gold: dict, plan: dict, rows: list[int], known: list[int]) -> tuple[int, int]:
    """(right, counted) over the gold rows numbered in ``rows``, as score_tasks.py counts lead accuracy.

    A row whose task also holds a row of the history (``known``: one sentence the office cut in two, one
    half in each) is left out: the history holds that task's words, so it would not be a new row."""
    text = st.canon(gold["text"])
    row_iv = st.locate([st.canon(r["quote"]) for r in gold["rows"]], text)
    known_iv = [iv for r, iv in zip(gold["rows"], row_iv, strict=True) if r["n"] in known]
    tasks = plan["tasks"]
    task_iv = st.locate([st.canon(t["text"]) for t in tasks], text)
    right = counted = 0
    for r, iv in zip(gold["rows"], row_iv, strict=True):
        if r["n"] not in rows or r.get("optional"):
            continue
        hits = [(j, st.overlap(iv, tv)) for j, tv in enumerate(task_iv) if tv and st.overlap(iv, tv) >= 4]
        if not hits:
            continue
        best = max(hits, key=lambda x: x[1])[0]
        if any(st.overlap(task_iv[best], k) >= 4 for k in known_iv):
            continue
        counted += 1
        right += tasks[best].get("lead") in set(r["lead"]) | set(r.get("cooperate", []))
    return right, counted


def main() -> int:
    st = _scorer()
    gold = json.loads((SHARED / "eval" / "gold" / "tasks" / "hebei-prov-2025.json").read_text(encoding="utf-8"))
    departments = Departments.of(gold["departments"], "gold")
    document = SHARED / gold["document"]
    plain = extract_file(document, options=Options(departments=departments)).to_dict()
    halves = {"odd": [r["n"] for r in gold["rows"] if r["n"] % 2],
              "even": [r["n"] for r in gold["rows"] if not r["n"] % 2]}
    totals = {"without": [0, 0], "with": [0, 0]}
    print(f"{'history from':<14}{'measured on':<13}{'without':>10}{'with history':>15}")
    for known, unknown in (("odd", "even"), ("even", "odd")):
        past = History.of([PastRow(r["quote"], r["lead"][0], tuple(r.get("cooperate", [])))
                           for r in gold["rows"] if r["n"] in halves[known]], f"{known} rows")
        learnt = extract_file(document, options=Options(departments=departments, history=past)).to_dict()
        a = lead_accuracy(st, gold, plain, halves[unknown], halves[known])
        b = lead_accuracy(st, gold, learnt, halves[unknown], halves[known])
        for key, (right, counted) in (("without", a), ("with", b)):
            totals[key][0] += right
            totals[key][1] += counted
        print(f"{known + ' rows':<14}{unknown + ' rows':<13}{a[0] / a[1]:>10.3f}{b[0] / b[1]:>15.3f}   ({a[1]} rows)")
    w, h = (totals[k][0] / totals[k][1] for k in ("without", "with"))
    print(f"{'both halves':<27}{w:>10.3f}{h:>15.3f}   (lead accuracy on rows the history does not hold)")
    # The same report imported again (or next year's row in the same words): every row is in the history.
    everything = History.of([PastRow(r["quote"], r["lead"][0]) for r in gold["rows"]], "all rows")
    again = extract_file(document, options=Options(departments=departments, history=everything)).to_dict()
    numbers = [r["n"] for r in gold["rows"]]
    a, b = lead_accuracy(st, gold, plain, numbers, []), lead_accuracy(st, gold, again, numbers, [])
    print(f"{'all rows':<14}{'all rows':<13}{a[0] / a[1]:>10.3f}{b[0] / b[1]:>15.3f}   (re-import: {a[1]} rows)")
    return 0 if h > w and b[0] >= a[0] else 1


if __name__ == "__main__":
    sys.exit(main())
