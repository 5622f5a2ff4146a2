"""Benchmark of the command line's start-up (启动时间): ``luoshi parse`` and ``luoshi extract`` on the demo.

    .venv/bin/python bench/bench_startup.py [--runs N]

Each command is run as a user runs it, a fresh interpreter through the installed ``luoshi`` script,
N times; the median wall-clock time of the whole process is printed beside the median of
``python -c pass`` run in turn with it (the interpreter's own start-up, the yardstick that does not
depend on the machine), and their ratio. Goals: under 0.3 s and at most 5 × ``python -c pass``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = "luoshi/data/shuikou-2025.txt"
SCRIPT = Path(sys.executable).with_name("luoshi")  # the console script pip installed beside the interpreter
GOAL_SECONDS = 0.3
GOAL_RATIO = 5.0


def commands() -> dict[str, list[str]]:
    """The commands timed, by label; the yardstick first."""
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "luoshi parse demo": [str(SCRIPT), "parse", DEMO],
        "luoshi extract demo": [str(SCRIPT), "extract", DEMO],
    }


def wall_times(runs: int) -> dict[str, list[float]]:
    """Seconds of each whole process, the commands run in turn so that all meet the same load."""
    times: dict[str, list[float]] = {label: [] for label in commands()}
    for _ in range(runs):
        for label, argv in commands().items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
            times[label].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each command (the median is kept)")
    args = ap.parse_args(argv)
    if not SCRIPT.exists():
        raise SystemExit(f"{SCRIPT}: the luoshi script is not installed (make install)")
    medians = {label: statistics.median(t) for label, t in wall_times(args.runs).items()}
    base = medians["python -c pass"]
    print(f"{'command':<22}{'median ms':>11}{'× python -c pass':>18}")
    for label, seconds in medians.items():
        print(f"{label:<22}{seconds * 1e3:>11.0f}{seconds / base:>18.1f}")
    worst = max(seconds for label, seconds in medians.items() if label.startswith("luoshi"))
    met = worst < GOAL_SECONDS and worst / base <= GOAL_RATIO
    print(f"start-up, median of {args.runs} runs: goal < {GOAL_SECONDS} s and <= {GOAL_RATIO:.0f} × python -c pass: "
          f"{'met' if met else 'NOT met'} (slowest {worst * 1e3:.0f} ms, {worst / base:.1f} ×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
