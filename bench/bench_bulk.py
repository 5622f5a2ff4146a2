"""Benchmark of bulk extraction (批量抽取): ``luoshi extract DIR -o OUT`` over many reports.

    .venv/bin/python bench/bench_bulk.py [--copies N] [--repeat R]

Builds a directory of the corpus reports (the demo .txt and the three provincial .docx when
../shared/corpus is beside the repo) copied N times each, runs the command as a user would, in a
fresh process, once with one worker process and once with one per core, and prints files/s,
characters/s, the speedup, and the ratio against one ``jieba.lcut`` pass over the same text in
one process in the same run (the machine-independent yardstick of bench_pipeline.py).
Timings are best-of-R wall clock of the whole command, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba  # the yardstick only; luoshi never imports it
from bench_pipeline import ROOT, corpus_reports

from luoshi.report import parse

# The command as installed, ``luoshi extract DIR -o OUT --jobs N``.
RUN = "import sys; from luoshi.cli import main; sys.exit(main(sys.argv[1:]))"


def build_directory(directory: Path, reports: list[Path], copies: int) -> list[Path]:
    """``copies`` copies of every report, named so that the files of one report are spread over the run."""
    files = []
    for copy in range(copies):
        for report in reports:
            target = directory / f"{copy:04d}-{report.name}"
            shutil.copyfile(report, target)
            files.append(target)
    return files


def run_extract(directory: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall and CPU seconds (all processes) of one ``luoshi extract DIR -o OUT`` with ``workers`` processes.

    CPU time says what the work costs even on a machine busy with other jobs, where wall time can
    show no speedup at all; a failed file fails the benchmark.
    """
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, "extract", str(directory), "-o", str(out),
                           "--jobs", str(workers)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"luoshi extract failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def jieba_pass(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``jieba.lcut`` over every text, in this process."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=50, help="copies of each corpus report (default 50: 200 files)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement (best is kept)")
    args = ap.parse_args(argv)
    jieba.setLogLevel(60)
    jieba.initialize()
    gc.freeze()
    cores = os.cpu_count() or 1
    reports = corpus_reports()
    with tempfile.TemporaryDirectory() as tmp:
        directory, out = Path(tmp) / "reports", Path(tmp) / "plans"
        directory.mkdir()
        files = build_directory(directory, reports, args.copies)
        # Characters as read from each file (Document.text), as in bench_pipeline.py.
        texts = {report: parse(report).document.text for report in reports}
        all_texts = [texts[report] for _ in range(args.copies) for report in reports]
        chars = sum(len(text) for text in all_texts)
        theirs, theirs_cpu = min(jieba_pass(all_texts) for _ in range(args.repeat))
        timings = {}  # workers → (wall, cpu) of the run with the best wall time
        for workers in sorted({1, cores}):
            timings[workers] = min(run_extract(directory, out, workers) for _ in range(args.repeat))
        written = len(list(out.glob("*.plan.json")))
    print(f"bulk extract: luoshi extract DIR -o OUT, {len(files)} files ({len(reports)} reports x {args.copies}: "
          f"{', '.join(r.name for r in reports)}), {chars:,} chars, {cores} cores; {written} plans written")
    print(f"{'processes':>9}{'wall s':>9}{'files/s':>9}{'chars/s':>12}{'speedup':>9}{'ours/jieba':>12}"
          f"{'CPU s':>8}{'files/CPU s':>13}{'ours/jieba CPU':>16}")
    for workers, (seconds, cpu) in timings.items():
        print(f"{workers:>9}{seconds:>9.2f}{len(files) / seconds:>9.1f}{chars / seconds:>12,.0f}"
              f"{timings[1][0] / seconds:>9.2f}{theirs / seconds:>12.2f}{cpu:>8.2f}{len(files) / cpu:>13.1f}"
              f"{theirs_cpu / cpu:>16.2f}")
    print(f"jieba.lcut, one process, same {len(files)} texts: {theirs:.2f} s ({theirs_cpu:.2f} CPU s), "
          f"{chars / theirs:,.0f} chars/s; "
          "ours/jieba > 1 means the whole command (start-up, read → plan → JSON written) beats one jieba pass")
    load = os.getloadavg()[0]
    if load > cores:
        print(f"note: load average {load:.1f} on {cores} cores while measuring: other jobs took CPU, so wall times "
              "and the speedup understate; CPU s is the cost of the work itself")
    return 0


if __name__ == "__main__":
    sys.exit(main())
