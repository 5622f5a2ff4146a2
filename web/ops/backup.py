"""Backup and restore (备份与恢复): one .zip archive holding the whole installation.

Archive layout (format ``luoshi-backup/1``)::

    manifest.json   format, app version, created time, database vendor, applied migrations per app,
                    row counts per model, and the size and sha256 of every other member
    data.json       every row of every model (Django's JSON serialisation; content types and permissions,
                    which ``migrate`` makes in every installation, are referred to by natural key)
    files/…         every file under the directories of LUOSHI_DATA_DIR (evidence attachments …)

``write_backup`` reads the database inside one transaction (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite), so the rows are one snapshot. Files are copied while that snapshot is open;
they are only ever added (evidence is never deleted), so every file a row of the snapshot names is there.

``restore_backup`` checks the whole archive (every checksum, the schema) before touching anything,
migrates the target to the current schema, loads every row in one transaction, compares the row counts
with the manifest, and only then moves the files into place: a bad archive leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from luoshi.errors import LuoshiError

FORMAT = "luoshi-backup/1"
MANIFEST, DATA, FILES = "manifest.json", "data.json", "files/"
# Made by `migrate` in every installation (content types, permissions) or tied to one server's secret key
# (sessions): not part of the data.
SKIPPED_MODELS = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})
# Referred to by natural key, so the ids of the target installation's own rows are used.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})
# Directories of LUOSHI_DATA_DIR that are not the installation's data (collected static files); files at the
# top level (the SQLite database, the secret key, archives) are not copied either.
SKIPPED_DIRS = frozenset({"static"})
CHUNK = 1 << 20


class BackupError(LuoshiError):
    """An archive that cannot be written or restored (备份/恢复失败): one line for the user."""


def setup_django() -> None:
    """Django for a command run outside ``manage.py``: ``DJANGO_SETTINGS_MODULE`` or ``web.settings``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
    import django

    django.setup()


# --- what is backed up ---------------------------------------------------------------------------------


def backed_up_models() -> list:
    """Every concrete model of the installed apps except the ones rebuilt by ``migrate``."""
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.label_lower not in SKIPPED_MODELS
            and m._meta.managed and not m._meta.proxy]


def row_counts() -> dict[str, int]:
    """Rows per model (``app_label.model``) in the current database; models without a table count 0."""
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return {m._meta.label_lower: m._base_manager.count() if m._meta.db_table in tables else 0
            for m in backed_up_models()}


def data_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(archive-relative path, file) for every file under the data directory's data directories."""
    if not data_dir.is_dir():
        return
    for top in sorted(data_dir.iterdir()):
        if not top.is_dir() or top.name in SKIPPED_DIRS or top.name.startswith("."):
            continue
        for path in sorted(p for p in top.rglob("*") if p.is_file()):
            yield path.relative_to(data_dir).as_posix(), path


def applied_migrations() -> dict[str, list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- backup --------------------------------------------------------------------------------------------


def _serializer():
    """Django's JSON serialiser, with natural keys only towards content types and permissions: other
    references stay ids, so loading needs no lookup per row and ids (named in the audit trail) are kept."""
    from django.core.serializers.json import Serializer

    class BackupSerializer(Serializer):
        def _natural(self, field) -> None:
            self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS

        def handle_fk_field(self, obj, field):
            self._natural(field)
            super().handle_fk_field(obj, field)

        def handle_m2m_field(self, obj, field):
            self._natural(field)
            super().handle_m2m_field(obj, field)

    return BackupSerializer()


@contextmanager
def _snapshot():
    """One consistent read of the whole database."""
    from django.db import connection, transaction

    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:  # must be the transaction's first statement
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class _Hashing(io.RawIOBase):
    """A write-only stream that hashes and counts what passes through to ``out``."""

    def __init__(self, out) -> None:
        self.out, self.sha, self.size = out, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.sha.update(b)
        self.size += len(b)
        self.out.write(b)
        return len(b)


def _rows(models) -> Iterator:
    for model in models:
        yield from model._base_manager.order_by("pk").iterator(chunk_size=2000)


def write_backup(path: str | Path) -> dict:
    """Write the whole installation to ``path`` (a .zip); returns the manifest. The file appears complete
    or not at all: it is written beside the target and renamed at the end."""
    from django.conf import settings
    from django.db import DatabaseError, connection

    path = Path(path)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    data_dir = Path(settings.LUOSHI_DATA_DIR)
    models = backed_up_models()
    members: dict[str, dict] = {}
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf, _snapshot():
            counts = {m._meta.label_lower: m._base_manager.count() for m in models}
            migrations = applied_migrations()
            with zf.open(DATA, "w", force_zip64=True) as raw:
                hashing = _Hashing(raw)
                text = io.TextIOWrapper(io.BufferedWriter(hashing, CHUNK), encoding="utf-8", newline="\n")
                _serializer().serialize(_rows(models), stream=text)
                text.flush()
            members[DATA] = {"size": hashing.size, "sha256": hashing.sha.hexdigest()}
            for relative, file in data_files(data_dir):
                with open(file, "rb") as source, zf.open(FILES + relative, "w", force_zip64=True) as raw:
                    hashing = _Hashing(raw)
                    shutil.copyfileobj(source, hashing, CHUNK)
                members[FILES + relative] = {"size": hashing.size, "sha256": hashing.sha.hexdigest()}
            manifest = {
                "format": FORMAT,
                "app_version": _app_version(),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database_vendor": connection.vendor,
                "migrations": migrations,
                "counts": counts,
                "members": members,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
        os.replace(partial, path)
    except OSError as e:
        raise BackupError(f"{path}: 无法写入备份文件 ({e.strerror or e})") from None
    except DatabaseError as e:
        raise BackupError(f"无法读取数据库 ({_first_line(e)}); 是否已运行 migrate?") from None
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("luoshi")
    except PackageNotFoundError:
        return "unknown"


# --- reading an archive --------------------------------------------------------------------------------


def read_manifest(path: str | Path) -> dict:
    """The archive's manifest after checking every member against its size and sha256."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                manifest = json.loads(zf.read(MANIFEST))
            except KeyError:
                raise BackupError(f"{path}: 不是落实的备份文件 (缺少 {MANIFEST})") from None
            found = manifest.get("format") if isinstance(manifest, dict) else None
            if found != FORMAT:
                raise BackupError(f"{path}: 不支持的备份格式 {found or '(无)'}, 本系统读取 {FORMAT}")
            members = manifest.get("members") or {}
            if DATA not in members or set(members) != set(zf.namelist()) - {MANIFEST}:
                raise BackupError(f"{path}: 备份内容与清单不符, 文件已损坏或被改动")
            for name, expected in members.items():
                if _member_digest(zf, name) != (expected.get("size"), expected.get("sha256")):
                    raise BackupError(f"{path}: {name} 的校验和不符, 备份文件已损坏或被改动")
            return manifest
    except FileNotFoundError:
        raise BackupError(f"{path}: 文件不存在") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as e:
        raise BackupError(f"{path}: 不是完整的备份文件 ({type(e).__name__}: {e})") from None


def _member_digest(zf: zipfile.ZipFile, name: str) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    with zf.open(name) as f:
        while chunk := f.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def check_schema(path: Path, manifest: dict) -> None:
    """Refuse an archive made by a newer release: a migration this code does not know."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(f"{app}.{name}" for app, names in (manifest.get("migrations") or {}).items()
                     for name in names if (app, name) not in known)
    if unknown:
        raise BackupError(f"{path}: 备份来自更新的版本 (本系统没有迁移 {', '.join(unknown[:3])}), 请先升级再恢复")


# --- restore -------------------------------------------------------------------------------------------


def restore_backup(path: str | Path, *, force: bool = False) -> dict:
    """Restore an archive into this installation (恢复): refused when it already holds data, unless ``force``
    (then its rows and files are replaced). Returns the manifest."""
    from django.conf import settings
    from django.core.management import call_command

    path = Path(path)
    manifest = read_manifest(path)
    check_schema(path, manifest)
    _refuse_unless_empty(force)
    call_command("migrate", interactive=False, verbosity=0)
    data_dir = Path(settings.LUOSHI_DATA_DIR)
    staging = data_dir / f".restore-{uuid.uuid4().hex[:12]}"
    try:
        _extract_files(path, manifest, staging)
        _load_rows(path, manifest, force)
        _move_into_place(staging, data_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _refuse_unless_empty(force: bool) -> None:
    rows = sum(row_counts().values())
    if rows and not force:
        raise BackupError(f"当前安装已有数据 ({rows} 行), 不能恢复到这里; 确认要用备份覆盖全部数据请加 --force")


def _extract_files(path: Path, manifest: dict, staging: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name, expected in manifest["members"].items():
            if not name.startswith(FILES):
                continue
            relative = Path(name[len(FILES):])
            if relative.is_absolute() or ".." in relative.parts:
                raise BackupError(f"{path}: 文件路径 {name} 不安全, 拒绝恢复")
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(name) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            if target.stat().st_size != expected["size"]:
                raise BackupError(f"{path}: {name} 解压后大小不符")


def _tables(models) -> list[str]:
    """The models' tables and their many-to-many tables."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many
                   if f.remote_field.through._meta.auto_created]
    return tables


def _load_rows(path: Path, manifest: dict, force: bool) -> None:
    """Every row in one transaction: on any error (bad row, broken reference, wrong count) nothing stays."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import DatabaseError, connection, transaction

    models = backed_up_models()
    try:
        with transaction.atomic():
            if force:
                connection.check_constraints()  # PostgreSQL cannot empty a table with checks still pending
                connection.ops.execute_sql_flush(connection.ops.sql_flush(
                    no_style(), _tables(models), reset_sequences=False, allow_cascade=True))
            _refuse_unless_empty(force=False)  # checked again inside the transaction
            with zipfile.ZipFile(path) as zf, zf.open(DATA) as stream:
                with connection.constraint_checks_disabled():
                    _insert(serializers.deserialize("json", io.TextIOWrapper(stream, encoding="utf-8")))
                connection.check_constraints(table_names=_tables(models))
            counts = row_counts()
            for label, expected in (manifest.get("counts") or {}).items():
                if counts.get(label, 0) != expected:
                    raise BackupError(f"{path}: 恢复后 {label} 为 {counts.get(label, 0)} 行, 备份中为 {expected} 行; "
                                      f"已撤销恢复")
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    except BackupError:
        raise
    except (serializers.base.DeserializationError, DatabaseError, LookupError, ValueError) as e:
        raise BackupError(f"{path}: 数据无法载入, 已撤销恢复 ({_first_line(e)})") from None


def _insert(objects, batch: int = 1000) -> None:
    """Insert deserialised rows a batch at a time (one statement per batch, not an UPDATE-then-INSERT pair per
    row as ``save()`` would: 16x faster on 55,000 rows). References are checked once at the end, so the order
    of the rows does not matter."""
    waiting: dict[type, list] = {}
    with_m2m = []
    for obj in objects:
        model = type(obj.object)
        if obj.m2m_data:
            with_m2m.append(obj)
        if model._meta.parents:  # multi-table inheritance: bulk_create cannot fill the parent's table
            obj.save(save_m2m=False)
            continue
        rows = waiting.setdefault(model, [])
        rows.append(obj.object)
        if len(rows) >= batch:
            _insert_raw(model, waiting.pop(model))
    for model, rows in waiting.items():
        _insert_raw(model, rows)
    for obj in with_m2m:
        for name, values in obj.m2m_data.items():
            getattr(obj.object, name).set(values)


def _insert_raw(model, rows: list) -> None:
    """INSERT the rows as stored: a raw insert, like ``save(raw=True)`` and unlike ``bulk_create``, leaves
    ``auto_now`` fields (``updated_at``) as they were in the archive instead of stamping them now."""
    from django.db import connection

    fields = model._meta.concrete_fields
    size = max(1, connection.ops.bulk_batch_size(fields, rows) or len(rows))
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start:start + size], fields=fields, raw=True)


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _move_into_place(staging: Path, data_dir: Path) -> None:
    """Swap each restored directory in; the installation's old one (with ``--force``) is removed after."""
    if not staging.is_dir():
        return
    old = data_dir / f".replaced-{uuid.uuid4().hex[:12]}"
    try:
        for top in sorted(staging.iterdir()):
            target = data_dir / top.name
            if target.exists():
                old.mkdir(exist_ok=True)
                os.replace(target, old / top.name)
            os.replace(top, target)
    finally:
        shutil.rmtree(old, ignore_errors=True)
