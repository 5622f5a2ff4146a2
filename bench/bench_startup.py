"""Benchmark of the command line's start-up (启动时间): ``luoshi parse`` and ``luoshi extract`` on the demo.

    .venv/bin/python bench/bench_startup.py [--runs N] [--cold]

Each command is run as a user runs it, a fresh interpreter through the installed ``luoshi`` script,
N times; the median wall-clock time and the median CPU time of the whole process are printed beside
those of ``python -c pass`` run in turn with them (the interpreter's own start-up, the yardstick that
does not depend on the machine), and their ratios. Goals: under 0.3 s and at most 5 × ``python -c pass``.

As installed: Python's bytecode and the kept regex programs (``luoshi.rx``) are written by a first,
untimed run of each command into a temporary ``PYTHONPYCACHEPREFIX`` (the Makefile turns bytecode
writing off for the source tree). ``--cold`` times every run without them, as a read-only checkout
with ``PYTHONDONTWRITEBYTECODE`` starts.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = "luoshi/data/shuikou-2025.txt"
SCRIPT = Path(sys.executable).with_name("luoshi")  # the console script pip installed beside the interpreter
GOAL_SECONDS = 0.3
GOAL_RATIO = 5.0
YARDSTICK = "python -c pass"


def commands() -> dict[str, list[str]]:
    """The commands timed, by label; the yardstick first."""
    return {
        YARDSTICK: [sys.executable, "-c", "pass"],
        "luoshi parse demo": [str(SCRIPT), "parse", DEMO],
        "luoshi extract demo": [str(SCRIPT), "extract", DEMO],
    }


def environment(cache: str | None) -> dict[str, str]:
    """The commands' environment: bytecode and regex programs kept under ``cache``, or none kept."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def one_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the child's own) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(runs: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands run in turn so that all meet the same load."""
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands()}
    for _ in range(runs):
        for label, argv in commands().items():
            times[label].append(one_run(argv, env))
    return {label: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for label, t in times.items()}


def report(results: dict[str, tuple[float, float]], runs: int, how: str) -> list[str]:
    base_wall, base_cpu = results[YARDSTICK]
    lines = [f"start-up {how}, median of {runs} runs",
             f"{'command':<22}{'wall ms':>9}{'× pass':>8}{'CPU ms':>9}{'× pass':>8}"]
    lines += [f"{label:<22}{wall * 1e3:>9.0f}{wall / base_wall:>8.1f}{cpu * 1e3:>9.0f}{cpu / base_cpu:>8.1f}"
              for label, (wall, cpu) in results.items()]
    slowest = max(wall for label, (wall, _) in results.items() if label != YARDSTICK)
    ratio = max(wall / base_wall for label, (wall, _) in results.items() if label != YARDSTICK)
    met = slowest < GOAL_SECONDS and ratio <= GOAL_RATIO
    lines.append(f"goal < {GOAL_SECONDS} s and <= {GOAL_RATIO:.0f} × {YARDSTICK} (wall clock): "
                 f"{'met' if met else 'NOT met'} (slowest {slowest * 1e3:.0f} ms, {ratio:.1f} ×)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each command (the median is kept)")
    ap.add_argument("--cold", action="store_true", help="no bytecode or regex programs kept between runs")
    args = ap.parse_args(argv)
    if not SCRIPT.exists():
        raise SystemExit(f"{SCRIPT}: the luoshi script is not installed (make install)")
    with tempfile.TemporaryDirectory() as cache:
        env = environment(None if args.cold else cache)
        if not args.cold:
            for label_argv in commands().values():  # the first run writes what the others read
                one_run(label_argv, env)
        how = "cold (nothing kept)" if args.cold else "as installed (bytecode and regex programs kept)"
        print("\n".join(report(medians(args.runs, env), args.runs, how)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
