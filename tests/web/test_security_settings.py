"""Production settings (生产环境配置): LUOSHI_PRODUCTION=1 turns on HTTPS, secure cookies and HSTS, and
``manage.py check --deploy`` passes; with nothing set the demo still runs over plain http."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], tmp_path: Path, **env) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "SECRET_KEY", "DEBUG", "ALLOWED_"))}
    environment = {**keep, "DJANGO_SETTINGS_MODULE": "web.settings", "LUOSHI_DATA_DIR": str(tmp_path),
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120)


PRODUCTION = {"LUOSHI_PRODUCTION": "1", "ALLOWED_HOSTS": "duban.example.gov.cn",
              "CSRF_TRUSTED_ORIGINS": "https://duban.example.gov.cn",
              "LUOSHI_ENCRYPTION_KEY": "qT3ZK0n1c6bqgW0mX1k8sX5u9cQ2uO7y0e3m4A5b6C8="}


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path,
                  SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_them(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode != 0 and "security.W004" in result.stderr  # no HSTS: the demo is not a deployment


def test_production_turns_on_https_cookies_and_hsts(tmp_path):
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER,"
            " s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, s.SESSION_COOKIE_HTTPONLY)")
    result = _run(["-c", "import django; django.setup(); " + code], tmp_path, SECRET_KEY=secrets.token_urlsafe(50),
                  **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(maxsplit=6)[:5] == ["True", "True", "True", "31536000", "True"]
    assert "('HTTP_X_FORWARDED_PROTO', 'https') True DENY True" in result.stdout


def test_production_demands_a_secret_key_and_host_names(tmp_path):
    no_key = _run(["-c", "import web.settings"], tmp_path, **PRODUCTION)
    assert no_key.returncode != 0 and "SECRET_KEY: must be set" in no_key.stderr
    key = secrets.token_urlsafe(50)
    no_hosts = _run(["-c", "import web.settings"], tmp_path, LUOSHI_PRODUCTION="1", SECRET_KEY=key)
    assert no_hosts.returncode != 0 and "ALLOWED_HOSTS: must name" in no_hosts.stderr
    debug = _run(["-c", "import web.settings"], tmp_path, DEBUG="1", SECRET_KEY=key, **PRODUCTION)
    assert debug.returncode != 0 and "DEBUG: must be off" in debug.stderr


def test_the_demo_default_works_over_plain_http(db):
    assert not settings.SECURE_SSL_REDIRECT and not settings.SESSION_COOKIE_SECURE
    response = Client().get("/accounts/login/")  # http://testserver
    assert response.status_code == 200
    assert not response.cookies["csrftoken"]["secure"]
    assert "Strict-Transport-Security" not in response


def test_every_page_forbids_framing_and_sniffing(db):
    response = Client().get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_a_production_request_over_http_is_sent_to_https(settings, db):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/accounts/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    proxied = Client().get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 301  # the proxy header is trusted only behind a proxy (LUOSHI_BEHIND_PROXY)
