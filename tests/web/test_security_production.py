"""A production installation refuses what would weaken it: a guessable SECRET_KEY, the demo's published
password, a client's own X-Forwarded-For, files of the database and the evidence readable by other users."""

from __future__ import annotations

import io
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import supervision_fixtures as fixtures
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from supervision_fixtures import submit, upload

from web.accounts.network import client_ip
from web.ops.backup import write_backup

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"LUOSHI_PRODUCTION": "1", "ALLOWED_HOSTS": "duban.example.gov.cn",
              "CSRF_TRUSTED_ORIGINS": "https://duban.example.gov.cn"}


def run(code: str, tmp_path: Path, **env) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "SECRET_KEY", "DEBUG", "ALLOWED_"))}
    environment = {**keep, "DJANGO_SETTINGS_MODULE": "web.settings", "LUOSHI_DATA_DIR": str(tmp_path),
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'luoshi.sqlite3'}", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- the secret key -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["x" * 50, "ab" * 30, "0123456789" * 3, "change-me-to-50-random-characters",
                                 "django-insecure-" + "abcdefghij" * 4])
def test_production_refuses_a_guessable_secret_key(tmp_path, key):
    result = run("import web.settings", tmp_path, SECRET_KEY=key, **PRODUCTION)
    assert result.returncode != 0 and "SECRET_KEY: too weak" in result.stderr
    assert key not in result.stderr  # the refusal does not print the key


@pytest.mark.parametrize("key", [secrets.token_urlsafe(50), secrets.token_hex(32)])
def test_production_accepts_a_random_secret_key(tmp_path, key):
    assert run("import web.settings", tmp_path, SECRET_KEY=key, **PRODUCTION).returncode == 0


# --- the demo's accounts ------------------------------------------------------------------------------------


def test_load_demo_refuses_the_published_password_in_production(db, settings):
    from django.contrib.auth import get_user_model

    settings.LUOSHI_PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username__in=["jingji-demo"]).exists()


def test_generate_scale_refuses_in_production(db, settings):
    settings.LUOSHI_PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境"):
        call_command("generate_scale", "--issuers", "1", stdout=io.StringIO())


# --- the client's address ------------------------------------------------------------------------------------


def request(remote: str, forwarded: str):
    return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def test_x_forwarded_for_from_a_client_is_ignored(settings):
    settings.LUOSHI_BEHIND_PROXY, settings.LUOSHI_TRUSTED_PROXIES = True, ["127.0.0.1"]
    assert client_ip(request("203.0.113.9", "10.0.0.1")) == "203.0.113.9"  # the attacker's own address


def test_x_forwarded_for_from_the_configured_proxy_names_the_client(settings):
    settings.LUOSHI_BEHIND_PROXY, settings.LUOSHI_TRUSTED_PROXIES = True, ["127.0.0.1", "10.8.0.0/16"]
    assert client_ip(request("127.0.0.1", "10.0.0.1, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request("10.8.3.4", "203.0.113.9, 10.8.0.2")) == "203.0.113.9"  # two proxies in a row


def test_without_a_proxy_the_header_is_never_read(settings):
    settings.LUOSHI_BEHIND_PROXY = False
    assert client_ip(request("127.0.0.1", "10.0.0.1")) == "127.0.0.1"


def test_a_lockout_cannot_be_dodged_by_a_made_up_address(cast, settings):
    from django.test import Client
    from django.urls import reverse

    from web.accounts.models import LoginThrottle

    settings.LUOSHI_BEHIND_PROXY, settings.LUOSHI_TRUSTED_PROXIES = True, ["127.0.0.1"]
    for i in range(3):
        Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").post(
            reverse("login"), {"username": "tanzi", "password": "wrong"})
    assert LoginThrottle.objects.get(key="ip:203.0.113.9").failures == 3


# --- files -----------------------------------------------------------------------------------------------------


def test_the_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    result = run("import django; django.setup(); from django.core.management import call_command; "
                 "call_command('migrate', verbosity=0)", tmp_path)
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "luoshi.sqlite3") == 0o600
    assert all(mode(p) == 0o600 for p in tmp_path.glob("luoshi.sqlite3-*"))


def test_evidence_files_and_their_directories_are_the_apps_own(supervised, mid_year, settings):
    item = submit(supervised, "t4", who="attacker", department="党政办", files=[upload()]).evidence.get()
    assert mode(item.file_path) == 0o600
    root = settings.LUOSHI_DATA_DIR / "evidence"
    folder = item.file_path.parent
    while folder != root.parent:
        assert mode(folder) == 0o700, folder
        folder = folder.parent


def test_a_backup_archive_is_readable_by_its_owner_only(supervised, mid_year, tmp_path):
    write_backup(tmp_path / "nightly.zip")
    assert mode(tmp_path / "nightly.zip") == 0o600
