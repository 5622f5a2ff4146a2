"""Backup and restore benchmark (备份与恢复): time and peak memory of ``luoshi backup`` and ``luoshi restore``.

    .venv/bin/python bench/bench_backup.py [--scale town|province|all]

- town: one plan on SQLite (var/bench/town.sqlite3, as the load benchmark makes it).
- province: ``generate_scale`` at a province's size (1,600 plans, about 4.4 M rows) on PostgreSQL, the database
  ``luoshi_bench`` (``BENCH_PG_URL``) shared with the load benchmark; skipped when PostgreSQL does not answer.
  Also ``pg_dump -Fc`` and ``pg_restore`` of the same database, the nightly backup the README recommends there.

Each command runs as its own process; its peak resident memory (ru_maxrss) is read when it ends. The restore goes
into an empty database of the same kind (made and dropped here). Goal: peak RSS under 500 MB at province scale.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_load import PG_URL, postgres_reachable, prepare_database

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GOAL_MB = 500


def measured(args: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak resident MB) of one command, run to its end; a failure stops the benchmark."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            sys.exit(f"{' '.join(args)} failed:\n{output.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(sql)


def scratch(scale: str, workdir: Path) -> tuple[dict, str | None]:
    """An empty installation to restore into: (environment, PostgreSQL database to drop afterwards or None)."""
    data_dir = workdir / f"{scale}-restored"
    data_dir.mkdir()
    if scale == "town":
        return {"DATABASE_URL": f"sqlite:///{data_dir / 'luoshi.sqlite3'}", "LUOSHI_DATA_DIR": str(data_dir)}, None
    name = f"{PG_URL.rsplit('/', 1)[1]}_restore"
    _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg(f'CREATE DATABASE "{name}"')
    return {"DATABASE_URL": f"{PG_URL.rsplit('/', 1)[0]}/{name}", "LUOSHI_DATA_DIR": str(data_dir)}, name


def rows_in(env: dict) -> int:
    code = ("import django; django.setup(); from web.ops.backup import row_counts; "
            "print(sum(row_counts().values()))")
    return int(subprocess.run([str(BIN / "python"), "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout)


def run_scale(scale: str, workdir: Path) -> bool:
    env = prepare_database(scale, regenerate=False)
    rows = rows_in(env)
    archive = workdir / f"{scale}.zip"
    backup_s, backup_mb = measured([str(BIN / "luoshi"), "backup", str(archive)], env)
    target, database = scratch(scale, workdir)
    restore_env = {**env, **target}
    try:
        restore_s, restore_mb = measured([str(BIN / "luoshi"), "restore", str(archive)], restore_env)
        assert rows_in(restore_env) == rows, "the restored installation holds other rows"
    finally:
        if database:
            _pg(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    size = archive.stat().st_size / 1e6
    print(f"[{scale}] {rows:,} rows; archive {size:,.0f} MB")
    for what, seconds, mb in (("backup: ", backup_s, backup_mb), ("restore:", restore_s, restore_mb)):
        print(f"[{scale}] luoshi {what} {seconds:7.1f} s ({rows / seconds:,.0f} rows/s), peak RSS {mb:5.0f} MB")
    if scale == "province":
        pg_dump(env, workdir)
    met = max(backup_mb, restore_mb) < GOAL_MB
    print(f"[{scale}] goal (peak RSS under {GOAL_MB} MB): {'met' if met else 'NOT met'}")
    return met


def pg_dump(env: dict, workdir: Path) -> None:
    """The nightly backup on PostgreSQL: pg_dump's custom format, restored with pg_restore into an empty database."""
    dump = workdir / "province.dump"
    dump_s, _ = measured(["pg_dump", "-Fc", "-f", str(dump), PG_URL], env)
    _, name = scratch("province-pg", workdir)
    try:
        restore_s, _ = measured(["pg_restore", "--no-owner", "-j", "2", "-d", f"{PG_URL.rsplit('/', 1)[0]}/{name}",
                                 str(dump)], env)
    finally:
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"[province] pg_dump -Fc: {dump_s:7.1f} s ({dump.stat().st_size / 1e6:,.0f} MB); "
          f"pg_restore -j 2: {restore_s:7.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["town", "province", "all"], default="all")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="luoshi-bench-backup-"))
    met = True
    try:
        for scale in ["town", "province"] if args.scale == "all" else [args.scale]:
            if scale == "province" and not postgres_reachable(PG_URL):
                print(f"[province] skipped: PostgreSQL does not answer at {PG_URL}")
                continue
            met = run_scale(scale, workdir) and met
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
