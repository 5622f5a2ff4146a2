"""Compiled patterns kept between runs (``luoshi.rx``): a kept pattern is the pattern ``re`` compiles."""

from __future__ import annotations

import _sre
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

EXTRACT_DEMO = ("import sys; from luoshi.cli import main; from luoshi.rx import cache_path; "
                "main(['extract', 'luoshi/data/shuikou-2025.txt', '-o', sys.argv[1]]); print(cache_path())")
ROOT = Path(__file__).resolve().parents[2]


def run_extract(prefix: Path, out: Path, write_bytecode: bool = True) -> Path:
    """``luoshi extract`` on the demo in a fresh interpreter whose caches go under ``prefix``; the kept file."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not write_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run([sys.executable, "-c", EXTRACT_DEMO, str(out)], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True)
    return Path(done.stdout.strip())


def test_every_kept_pattern_equals_the_one_re_compiles(tmp_path: Path) -> None:
    kept = marshal.loads(run_extract(tmp_path, tmp_path / "plan.json").read_bytes())
    assert len(kept) > 200  # the rule tables' patterns
    assert all(_sre.compile(source, *program) == re.compile(source, flags)
               for (source, flags), program in kept.items())


def test_a_run_from_kept_patterns_writes_the_same_plan(tmp_path: Path) -> None:
    run_extract(tmp_path, tmp_path / "first.json")
    run_extract(tmp_path, tmp_path / "second.json")
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()


def test_nothing_is_kept_when_python_may_not_write_bytecode(tmp_path: Path) -> None:
    assert not run_extract(tmp_path, tmp_path / "plan.json", write_bytecode=False).exists()


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    path = run_extract(tmp_path, tmp_path / "first.json")
    path.write_bytes(b"\x00not marshal")
    run_extract(tmp_path, tmp_path / "second.json")
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
