"""Job queue benchmark (后台任务): how many jobs a second the queue moves, and what the import preview saves.

    .venv/bin/python bench/bench_jobs.py [--jobs 2000] [--pg postgres://postgres@127.0.0.1:5432/luoshi_jobs_bench]

1. Throughput on PostgreSQL: ``--jobs`` empty jobs claimed, run and completed by one worker with 1, 2 and 4
   threads (each its own connection, ``SELECT … FOR UPDATE SKIP LOCKED``), as jobs/s and against 1 thread.
   This is the queue's own cost per job; a real job (reading a report) takes a second or more on top.
2. Inline overhead: ``enqueue`` in inline mode (insert, claim, run, complete: four statements) against calling
   the handler directly, in ms per job.
3. The import preview: reading the demo report (``extract_report``, what the preview page did on every view
   before the queue) against rebuilding the extraction the job stored (``extracted_from_json``).

Uses its own database (made and migrated if missing); skipped parts say so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ensure_database(url: str) -> bool:
    import psycopg
    from dj_database_url import parse

    s = parse(url)
    try:
        with psycopg.connect(dbname="postgres", user=s["USER"], password=s.get("PASSWORD") or None,
                             host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [s["NAME"]]).fetchone():
                c.execute(f'CREATE DATABASE "{s["NAME"]}"')
    except psycopg.OperationalError as e:
        print(f"PostgreSQL not reachable ({e.__class__.__name__}): throughput part skipped")
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL",
                                                       "postgres://postgres@127.0.0.1:5432/luoshi_jobs_bench"))
    args = parser.parse_args()
    have_pg = ensure_database(args.pg)
    os.environ["DATABASE_URL"] = args.pg if have_pg else "sqlite:///:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from web.jobs import services
    from web.jobs.models import Job
    from web.jobs.registry import job_handler
    from web.jobs.worker import Worker

    call_command("migrate", verbosity=0)

    @job_handler("bench.noop")
    def noop(job):
        return None

    print(f"database: {connection.vendor}, {args.jobs} jobs per run")
    if have_pg:
        settings.LUOSHI_JOBS = "queue"
        base = None
        for threads in (1, 2, 4):
            Job.objects.filter(kind="bench.noop").delete()
            Job.objects.bulk_create([Job(kind="bench.noop") for _ in range(args.jobs)])
            connection.close()
            started = time.perf_counter()
            done = Worker(concurrency=threads, once=True, kinds=["bench.noop"], report=lambda line: None).run()
            seconds = time.perf_counter() - started
            rate = done / seconds
            base = base or rate
            left = Job.objects.filter(kind="bench.noop").exclude(state="done").count()
            print(f"  worker, {threads} thread(s): {rate:7.0f} jobs/s  ({rate / base:.2f}x of 1 thread; "
                  f"{done} run, {left} not done)")
        Job.objects.filter(kind="bench.noop").delete()

    settings.LUOSHI_JOBS = "inline"
    n = 300
    started = time.perf_counter()
    for _ in range(n):
        noop(None)
    direct = (time.perf_counter() - started) / n
    started = time.perf_counter()
    for _ in range(n):
        services.enqueue("bench.noop")
    inline = (time.perf_counter() - started) / n
    Job.objects.filter(kind="bench.noop").delete()
    print(f"  inline enqueue: {inline * 1000:.2f} ms per job (the handler alone: {direct * 1000:.4f} ms)")

    import luoshi
    from web.plans.importing import extract_report, extracted_from_json, extracted_to_json

    data = (Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt").read_bytes()
    extract_report(data, "shuikou-2025.txt", issuer="水口镇人民政府")  # warm-up: imports, rule tables
    reads, rebuilds = [], []
    for _ in range(5):
        started = time.perf_counter()
        extracted = extract_report(data, "shuikou-2025.txt", issuer="水口镇人民政府")
        reads.append(time.perf_counter() - started)
        stored = extracted_to_json(extracted)
        started = time.perf_counter()
        assert extracted_from_json(stored) == extracted
        rebuilds.append(time.perf_counter() - started)
    read, rebuild = statistics.median(reads), statistics.median(rebuilds)
    print(f"  import preview (demo report, {len(extracted.plan.tasks)} tasks): reading it {read * 1000:.0f} ms, "
          f"rebuilding the stored extraction {rebuild * 1000:.1f} ms ({read / rebuild:.0f}x less per page view)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
