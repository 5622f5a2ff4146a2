"""Settings from environment variables (环境变量): defaults run the demo; a bad value names the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from web.env import env_bool, env_database, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("helper", "args", "value"), [
    (env_bool, {"default": False}, "perhaps"),
    (env_int, {"default": 1, "minimum": 1}, "many"),
    (env_int, {"default": 1, "minimum": 1}, "0"),
    (env_database, {"default": "sqlite:///:memory:"}, "nosuchdb://x"),
])
def test_it_names_the_variable_of_a_bad_value(monkeypatch, helper, args, value):
    monkeypatch.setenv("LUOSHI_TEST_VAR", value)
    with pytest.raises(ImproperlyConfigured, match=r"^LUOSHI_TEST_VAR: "):
        helper("LUOSHI_TEST_VAR", **args)


def test_it_reads_lists_and_booleans(monkeypatch):
    monkeypatch.setenv("LUOSHI_TEST_VAR", " a.gov.cn, ,b.gov.cn ")
    assert env_list("LUOSHI_TEST_VAR", []) == ["a.gov.cn", "b.gov.cn"]
    monkeypatch.setenv("LUOSHI_TEST_VAR", "Off")
    assert env_bool("LUOSHI_TEST_VAR", default=True) is False


def _settings_in_subprocess(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**environment, **env}, capture_output=True,
                          text=True, timeout=60)


def test_it_makes_a_secret_key_once_and_keeps_it_when_none_is_given(tmp_path):
    code = "import web.settings as s; print(s.SECRET_KEY, s.DEBUG)"
    first = _settings_in_subprocess(code, LUOSHI_DATA_DIR=str(tmp_path))
    second = _settings_in_subprocess(code, LUOSHI_DATA_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key, debug = first.stdout.split()
    assert debug == "False" and len(key) >= 50 and "dev" not in key
    assert second.stdout == first.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_it_uses_the_development_key_only_with_debug_on(tmp_path):
    result = _settings_in_subprocess("import web.settings as s; print(s.SECRET_KEY)", DEBUG="1",
                                     LUOSHI_DATA_DIR=str(tmp_path))
    assert result.stdout.strip() == "luoshi-dev-only-not-secret"


def test_it_stops_with_the_variables_name_on_a_bad_value(tmp_path):
    result = _settings_in_subprocess("import web.settings", DEBUG="sometimes", LUOSHI_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "DEBUG: expected a yes/no value" in result.stderr


def test_it_defaults_to_sqlite_under_the_data_dir(tmp_path):
    code = "import web.settings as s; print(s.DATABASES['default']['NAME'])"
    result = _settings_in_subprocess(code, LUOSHI_DATA_DIR=str(tmp_path / "var"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "var" / "luoshi.sqlite3")


def test_it_lists_every_variable_in_env_example():
    import re

    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    used = set(re.findall(r'env_\w+\("([A-Z][A-Z0-9_]+)"', (ROOT / "web" / "settings.py").read_text(encoding="utf-8")))
    assert used <= listed, used - listed
