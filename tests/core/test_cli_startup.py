"""What the command line loads (启动): only the chosen command's module, and no heavy library it does not need.

Behaviour, not timing: each check runs in a fresh interpreter and reads ``sys.modules`` at the end.
The timing is ``bench/bench_startup.py`` (``make bench``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = "luoshi/data/shuikou-2025.txt"
HEAVY = ("pypinyin", "cn2an", "jieba", "django", "openpyxl", "docx", "concurrent.futures.process")


def modules_after(code: str) -> set[str]:
    """The modules loaded once ``code`` has run in a fresh interpreter (its output goes nowhere)."""
    probe = (f"import io, json, sys, contextlib\nwith contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())):\n"
             f"    {code}\nprint(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_line_loads_no_command_and_no_heavy_library() -> None:
    loaded = modules_after("import luoshi.cli")
    assert not [m for m in loaded if m.startswith("luoshi.commands.") or m.split(".")[0] in HEAVY]


def test_extract_loads_only_its_own_command_and_no_heavy_library() -> None:
    loaded = modules_after(f"from luoshi.cli import main; main(['extract', {DEMO!r}])")
    assert "luoshi.extract.targets" in loaded  # it did extract
    assert [m for m in loaded if m.startswith("luoshi.commands.")] == ["luoshi.commands.extract"]
    assert not [m for m in loaded if m in HEAVY or m.split(".")[0] in HEAVY or m.startswith("web")]


def test_parse_loads_no_extraction_stage() -> None:
    loaded = modules_after(f"from luoshi.cli import main; main(['parse', {DEMO!r}])")
    assert "luoshi.structure" in loaded  # it did parse
    assert not [m for m in loaded if m.startswith(("luoshi.extract", "luoshi.commands.extract"))]
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_the_help_still_lists_every_command_and_the_plugins() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys; from luoshi.cli import main; sys.exit(main(['--help']))"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert all(name in done.stdout for name in ("parse", "extract", "explain", "review", "backup", "restore"))
