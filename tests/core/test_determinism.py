"""The same report gives the same plan, byte for byte, in every process (确定性).

Python salts the hash of strings per process (PYTHONHASHSEED), so any order taken from a set of
strings changes between runs. A supervision office re-running an import must not see departments
swap places: this once happened for domains that tied on score.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"

_PLAN_HASH = (
    "import hashlib, json, sys; from luoshi.extract import extract_file; "
    "print(hashlib.sha256(json.dumps(extract_file(sys.argv[1]).to_dict(), ensure_ascii=False).encode()).hexdigest())"
)


def _plan_hash(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", _PLAN_HASH, str(DEMO)], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_demo_plan_is_identical_under_different_string_hash_seeds():
    hashes = {seed: _plan_hash(seed) for seed in ("1", "2", "3")}
    assert len(set(hashes.values())) == 1, hashes
    assert len(hashlib.sha256().hexdigest()) == len(hashes["1"])  # a real digest, not an empty line
