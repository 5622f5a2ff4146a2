"""What CI checks in a fresh virtualenv holding ``pip install .`` and nothing else (no extras, no source tree on
the path): that the runtime dependencies are complete. Run from outside the source tree, by ``make test-install``:

1. every module of ``luoshi`` and ``web`` imports (Django set up first; migrations and management commands too);
2. ``django-admin check --deploy --fail-level WARNING`` passes with production settings;
3. a bulletin PDF renders: a fresh SQLite installation, the demo plan and its history, the June bulletin.

Prints one line per step; exits non-zero on the first failure.
"""

from __future__ import annotations

import base64
import importlib
import io
import os
import pkgutil
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path


def every_module(package: str) -> list[str]:
    root = importlib.import_module(package)
    return [package, *sorted(m.name for m in pkgutil.walk_packages(root.__path__, f"{package}."))]


def import_everything() -> int:
    import django

    django.setup()
    names = every_module("luoshi") + every_module("web")
    for name in names:
        importlib.import_module(name)
    return len(names)


def check_deploy(data_dir: Path) -> str:
    env = {**os.environ, "LUOSHI_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "duban.example.gov.cn", "CSRF_TRUSTED_ORIGINS": "https://duban.example.gov.cn",
           # as the README's production settings have it: evidence and backups encrypted
           "LUOSHI_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
    env.pop("DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"check --deploy failed:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def bulletin_pdf() -> int:
    from django.core.management import call_command

    from web.bulletins.content import build_bulletin
    from web.bulletins.pdf import render_pdf
    from web.plans.models import Plan

    out = io.StringIO()
    call_command("migrate", verbosity=0, stdout=out)
    call_command("load_demo", stdout=out)
    call_command("load_demo_history", stdout=out)
    plan = Plan.objects.get(issuer__name="水口镇人民政府", year=2025)
    pdf = render_pdf(build_bulletin(plan, "2025-06"))
    if not pdf.startswith(b"%PDF"):
        sys.exit("the bulletin did not render as a PDF")
    return len(pdf)


def main() -> None:
    source = Path(__file__).resolve().parents[2]
    if any(Path(p or ".").resolve() == source for p in sys.path):
        sys.exit("run this from outside the source tree: it checks the installed package")
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ.update(DJANGO_SETTINGS_MODULE="web.settings", LUOSHI_DATA_DIR=data_dir,
                          DATABASE_URL=f"sqlite:///{Path(data_dir) / 'luoshi.sqlite3'}")
        import web

        if Path(web.__file__).resolve().parent == source / "web":
            sys.exit(f"web is imported from the source tree ({web.__file__}), not from the installation")
        print(f"install check: {import_everything()} modules of luoshi and web import")
        print(f"install check: check --deploy: {check_deploy(Path(data_dir))}")
        print(f"install check: the demo's June bulletin renders as a PDF of {bulletin_pdf():,} bytes")


if __name__ == "__main__":
    main()
