"""``luoshi backup`` / ``luoshi restore`` (备份与恢复): the whole installation in one archive, and back.

The source is the test database (the cast, a progress report with an evidence file, audit rows); the
target is a fresh installation of the same database kind (its own SQLite file, or its own PostgreSQL
database) driven through the real ``luoshi`` command in a subprocess.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
import supervision_fixtures as fixtures
from django.db import connection

from luoshi import cli
from web.audit.models import AuditEvent
from web.ops import backup
from web.plans.models import PendingImport
from web.supervision import services as supervision

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

LUOSHI = str(Path(sys.executable).with_name("luoshi"))
EVIDENCE = b"\xff\xd8\xff\xe0 site photo " + bytes(range(256)) * 64


class Installation:
    """An empty installation for subprocesses: its own data directory and its own database, of the same
    kind as the test run's (a SQLite file, or a PostgreSQL database made here and dropped by ``remove``)."""

    def __init__(self, root: Path, name: str) -> None:
        self.data_dir = root / name
        self.data_dir.mkdir(parents=True)
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            self.pg_name = f"{settings['NAME']}_{name}_{uuid.uuid4().hex[:6]}"[:63]
            self._pg(f'CREATE DATABASE "{self.pg_name}"')
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            self.url = (f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
                        f"{settings['PORT'] or 5432}/{self.pg_name}")
        else:
            self.pg_name = None
            self.url = f"sqlite:///{self.data_dir / 'luoshi.sqlite3'}"

    def _pg(self, sql: str) -> None:
        import psycopg

        s = connection.settings_dict
        with psycopg.connect(dbname="postgres", user=s["USER"], password=s.get("PASSWORD") or None,
                             host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, autocommit=True) as pg:
            pg.execute(sql)

    def remove(self) -> None:
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": self.url, "LUOSHI_DATA_DIR": str(self.data_dir),
                "DJANGO_SETTINGS_MODULE": "web.settings", "PYTHONWARNINGS": "ignore"}

    def luoshi(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([LUOSHI, *args], env=self.env, capture_output=True, text=True, timeout=120)

    def python(self, code: str) -> subprocess.CompletedProcess:
        """Run ``code`` with Django set up on this installation."""
        script = "import django; django.setup()\n" + code
        return subprocess.run([sys.executable, "-c", script], env=self.env, capture_output=True, text=True,
                              timeout=120, cwd=Path(__file__).resolve().parents[2])


@pytest.fixture
def target(tmp_path):
    installation = Installation(tmp_path, "target")
    yield installation
    installation.remove()


@pytest.fixture
def source(supervised, mid_year, tmp_path, settings):
    """The cast's installation with a progress report, its evidence file, an approval and a pending upload."""
    settings.LUOSHI_DATA_DIR = tmp_path / "source"
    report = fixtures.submit(supervised, files=[fixtures.upload("现场.jpg", EVIDENCE)])
    supervision.approve_progress_report(supervised.supervisor, report, "属实")
    PendingImport.objects.create(kind="report", created_by=supervised.supervisor, filename="草稿.txt",
                                 data=b"\x00\x01 binary \xff", issuer=supervised.town, year=2026)
    for microsecond in (500, 123456):  # under a millisecond, and a full six digits: both come back exactly
        AuditEvent.objects.create(action="x.test", object_type="t", object_id="1",
                                  at=dt.datetime(2025, 6, 27, 2, 0, 0, microsecond, tzinfo=dt.UTC))
    return supervised


def data(content: dict[str, bytes]) -> dict[str, bytes]:
    return {name: value for name, value in content.items() if name.startswith(backup.DATA)}


def members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rewrite(archive: Path, out: Path, *, change=None, manifest_change=None, rehash: bool = True) -> Path:
    """A copy of ``archive`` with members changed (``change(name, bytes) -> bytes``) and, with ``rehash``,
    checksums recomputed: an archive that is consistent but says something else."""
    content = members(archive)
    manifest = json.loads(content.pop(backup.MANIFEST))
    for name in content:
        if change:
            content[name] = change(name, content[name])
        if rehash:
            import hashlib

            manifest["members"][name] = {"size": len(content[name]),
                                         "sha256": hashlib.sha256(content[name]).hexdigest()}
    if manifest_change:
        manifest_change(manifest)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in content.items():
            zf.writestr(name, data)
        zf.writestr(backup.MANIFEST, json.dumps(manifest))
    return out


def test_it_restores_everything_into_an_empty_installation(source, target, tmp_path):
    """Backed up again from the restored installation, the archive holds the same rows (every field, every
    id) and the same files; and the restored installation carries on: its next row gets a fresh id."""
    archive, again = tmp_path / "luoshi.zip", tmp_path / "again.zip"
    manifest = backup.write_backup(archive)
    restored = target.luoshi("restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    carried_on = target.python(
        f"from web.ops.backup import write_backup; write_backup({str(again)!r})\n"
        "from web.audit.models import AuditEvent as A; from django.db.models import Max\n"
        "top = A.objects.aggregate(m=Max('pk'))['m']\n"
        "print(A.objects.create(action='x', object_type='t', object_id='1').pk > top)")
    assert carried_on.stdout.strip() == "True", carried_on.stderr
    first, second = members(archive), members(again)
    assert data(second) == data(first) and len(data(first)) > 20
    assert json.loads(second["manifest.json"])["counts"] == manifest["counts"]
    assert {k: v for k, v in first.items() if k.startswith("files/")} == \
           {k: v for k, v in second.items() if k.startswith("files/")}
    [evidence] = [name for name in first if name.startswith("files/evidence/")]
    assert (target.data_dir / evidence.removeprefix("files/")).read_bytes() == EVIDENCE


def test_it_records_versions_counts_and_checksums_in_the_manifest(source, tmp_path):
    manifest = backup.write_backup(tmp_path / "luoshi.zip")
    assert manifest["format"] == "luoshi-backup/2" and manifest["database_vendor"] == connection.vendor
    assert "0002_task_version" in manifest["migrations"]["plans"]
    assert manifest["counts"]["supervision.evidence"] == 1 and manifest["counts"]["plans.task"] == 4
    assert manifest["counts"]["audit.auditevent"] > 4 and "auth.permission" not in manifest["counts"]
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())


# The refusals below run the command in this process against the test database: each is refused before
# anything is written (or rolled back), which the unchanged row counts and files show.


def restore(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["restore", *args])
    return code, capsys.readouterr().err


def assert_one_line_refusal(code: int, err: str, words: str) -> None:
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("luoshi restore: ") and words in lines[0], err


def test_it_refuses_a_non_empty_installation_unless_forced(source, tmp_path, capsys):
    archive = tmp_path / "luoshi.zip"
    manifest = backup.write_backup(archive)
    assert_one_line_refusal(*restore(capsys, str(archive)), "已有数据")
    code, err = restore(capsys, "--force", str(archive))
    assert code == 0, err
    assert backup.row_counts() == manifest["counts"]


@pytest.mark.parametrize(("damage", "words"), [
    ("truncated", "不是完整的备份文件"),
    ("tampered_file", "校验和不符"),
    ("tampered_checksum", "校验和不符"),
    ("newer_schema", "更新的版本"),
])
def test_it_refuses_a_bad_archive_in_one_line_and_changes_nothing(source, tmp_path, capsys, damage, words):
    archive = tmp_path / "luoshi.zip"
    manifest = backup.write_backup(archive)
    bad = tmp_path / "bad.zip"
    if damage == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif damage == "tampered_file":
        rewrite(archive, bad, rehash=False,
                change=lambda name, data: data.replace(b"site photo", b"fake photo") if "evidence" in name else data)
    elif damage == "tampered_checksum":
        rewrite(archive, bad, rehash=False,
                manifest_change=lambda m: m["members"]["data/plans.task.jsonl"].update(sha256="0" * 64))
    else:
        rewrite(archive, bad, manifest_change=lambda m: m["migrations"]["plans"].append("0999_from_the_future"))
    assert_one_line_refusal(*restore(capsys, "--force", str(bad)), words)
    assert backup.row_counts() == manifest["counts"]


def test_it_undoes_the_whole_load_when_a_row_cannot_be_stored(source, tmp_path, capsys, settings):
    """A consistent archive whose rows break a reference (a report whose author is missing), restored with
    --force over this installation: the emptying and the rows loaded are rolled back, no file moves."""
    archive = tmp_path / "luoshi.zip"
    manifest = backup.write_backup(archive)

    def drop_the_staff_user(name: str, data: bytes) -> bytes:
        if name != "data/auth.user.jsonl":
            return data
        return b"".join(line for line in data.splitlines(keepends=True) if b'"username":"jingji"' not in line)

    bad = rewrite(archive, tmp_path / "broken.zip", change=drop_the_staff_user)
    files_before = sorted(p for p in Path(settings.LUOSHI_DATA_DIR).rglob("*"))
    assert_one_line_refusal(*restore(capsys, "--force", str(bad)), "已撤销恢复")
    assert backup.row_counts() == manifest["counts"]
    assert sorted(p for p in Path(settings.LUOSHI_DATA_DIR).rglob("*")) == files_before


def test_it_adds_backup_and_restore_to_the_core_command_line_without_loading_django():
    """The core finds the web app's commands through the ``luoshi.commands`` entry points; building the
    parser (``luoshi --help``) imports no Django."""
    probe = ("import sys; from luoshi import cli; parser = cli.build_parser(); "
             "names = parser._subparsers._group_actions[0].choices; "
             "print('backup' in names, 'restore' in names, 'django' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"})
    assert done.stdout.split() == ["True", "True", "False"], done.stderr


def test_it_keeps_every_microsecond(source, tmp_path):
    backup.write_backup(tmp_path / "luoshi.zip")
    events = members(tmp_path / "luoshi.zip")["data/audit.auditevent.jsonl"].decode()
    assert '"at":"2025-06-27T02:00:00.000500+00:00"' in events
    assert '"at":"2025-06-27T02:00:00.123456+00:00"' in events


def test_it_writes_one_member_per_model_one_row_per_line(source, tmp_path):
    manifest = backup.write_backup(tmp_path / "luoshi.zip")
    content = members(tmp_path / "luoshi.zip")
    for label, count in manifest["counts"].items():
        lines = content[f"data/{label}.jsonl"].splitlines()
        assert len(lines) == count and all(json.loads(line).keys() == {"pk", "fields"} for line in lines)


def test_it_still_restores_an_archive_of_the_first_format(source, tmp_path, capsys):
    """Archives of earlier releases hold every row in one data.json (a JSON array of Django's serialisation)."""
    archive = tmp_path / "luoshi.zip"
    manifest = backup.write_backup(archive)
    content = members(archive)
    rows = [{"model": name.removeprefix("data/").removesuffix(".jsonl"), **json.loads(line)}
            for name, value in data(content).items() for line in value.splitlines()]
    old = {"data.json": json.dumps(rows, ensure_ascii=False).encode(),
           **{k: v for k, v in content.items() if k.startswith("files/")}}
    first = {**manifest, "format": "luoshi-backup/1",
             "members": {k: {"size": len(v), "sha256": hashlib.sha256(v).hexdigest()} for k, v in old.items()}}
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as zf:
        for name, value in old.items():
            zf.writestr(name, value)
        zf.writestr("manifest.json", json.dumps(first))
    code, err = restore(capsys, "--force", str(tmp_path / "old.zip"))
    assert code == 0, err
    assert backup.row_counts() == manifest["counts"]


def test_rows_read_as_plain_values_are_written_as_djangos_serialiser_writes_them(source):
    """Most models are written straight from their column values (faster); the lines must be Django's own."""
    plain = [m for m in backup.backed_up_models() if backup.plain_fields(m) is not None]
    assert len(plain) > 20 and backup.plain_fields(AuditEvent) is not None
    encoder = backup._encoder()
    for model in plain:
        fast = io.BytesIO()
        backup._write_rows(fast, model)
        slow = [encoder.encode({"pk": row["pk"], "fields": row["fields"]})
                for row in backup._serializer().serialize(model._base_manager.order_by("pk"))]
        assert fast.getvalue().decode().splitlines() == slow, model
