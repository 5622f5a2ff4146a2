"""Restore (恢复): an archive written by ``web.ops.backup.write_backup`` into this installation.

The whole archive is checked first (every member against the manifest's size and sha256, the schema
against this code's migrations); the target is migrated; every row is loaded in one transaction and the
row counts compared with the manifest; only then are the files moved into place. A bad archive leaves
the target as it was. The archive's layout is described in ``web.ops.backup``.

Rows stream in: each model's member is read line by line and inserted ``ROWS`` at a time, so memory stays
bounded whatever the size (a format-1 archive's single ``data.json`` is still read whole, as it was written).
"""

from __future__ import annotations

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
from typing import NamedTuple

from web.ops.backup import (
    CHUNK,
    DATA,
    DATA_1,
    FILES,
    FORMAT,
    FORMAT_1,
    MANIFEST,
    BackupError,
    backed_up_models,
    chunks,
    data_member,
    first_line,
    plain_fields,
    row_counts,
)
from web.ops.files import make_private_dirs, open_private


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
            if found not in (FORMAT, FORMAT_1):
                raise BackupError(f"{path}: 不支持的备份格式 {found or '(无)'}, 本系统读取 {FORMAT}")
            members = manifest.get("members") or {}
            has_data = DATA_1 in members if found == FORMAT_1 else any(m.startswith(DATA) for m in members)
            if not has_data or set(members) != set(zf.namelist()) - {MANIFEST}:
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
    from web.ops.encryption import opened_archive

    path = Path(path)
    with opened_archive(path) as plain:  # an encrypted archive is read through a decrypted copy
        try:
            return _restore_plain(plain, force=force)
        except BackupError as e:
            if plain == path:
                raise
            raise BackupError(str(e).replace(str(plain), str(path))) from None


def _restore_plain(path: Path, *, force: bool) -> dict:
    from django.conf import settings
    from django.core.management import call_command

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
            make_private_dirs(target.parent, staging)
            with zf.open(name) as source, open_private(target) as out:
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
            with zipfile.ZipFile(path) as zf, _references_checked_at_the_end(_tables(models)):
                for batch in _batches(zf, manifest, models):
                    _insert(batch)
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
        raise BackupError(f"{path}: 数据无法载入, 已撤销恢复 ({first_line(e)})") from None


@contextmanager
def _references_checked_at_the_end(tables: list[str]):
    """Rows go in in any order; every reference is checked once they are all in, in one pass per reference.

    PostgreSQL: the tables' foreign keys are dropped and added back (inside the transaction), which checks each
    with one join; deferring them instead would queue a trigger per row and check the rows one by one (hours at a
    province's 4.4 M rows). SQLite: checks are off while loading, then ``PRAGMA foreign_key_check``."""
    from django.db import connection

    if connection.vendor != "postgresql":
        with connection.constraint_checks_disabled():
            yield
        connection.check_constraints(table_names=tables)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(c.relname), quote_ident(k.conname), pg_get_constraintdef(k.oid) "
                       "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                       "WHERE k.contype = 'f' AND c.relname = ANY(%s) AND pg_table_is_visible(c.oid) "
                       "ORDER BY c.relname, k.conname", [tables])
        keys = cursor.fetchall()
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


def _batches(zf: zipfile.ZipFile, manifest: dict, models) -> Iterator[list]:
    """The archive's rows as deserialised objects, ``ROWS`` at a time, model by model."""
    from django.core import serializers
    from django.core.serializers.python import Deserializer

    if manifest["format"] == FORMAT_1:
        with zf.open(DATA_1) as stream:
            yield from chunks(serializers.deserialize("json", io.TextIOWrapper(stream, encoding="utf-8")))
        return
    for model in models:
        name = data_member(model)
        if name not in manifest["members"]:
            continue
        label, fields = model._meta.label_lower, plain_fields(model)
        with zf.open(name) as stream:
            for lines in chunks(io.TextIOWrapper(stream, encoding="utf-8", newline="\n")):
                rows = [json.loads(line) for line in lines]
                if fields is None:
                    yield list(Deserializer([{"model": label, **row} for row in rows]))
                else:
                    yield [_Plain(_instance(model, fields, row)) for row in rows]


class _Plain(NamedTuple):
    """A row of a plain model, shaped like Django's deserialised object for ``_insert``."""

    object: object
    m2m_data: dict = {}  # noqa: RUF012  (never changed)


def _instance(model, fields, row: dict):
    """The model object of one row written from plain values: each value as Django's deserialiser reads it."""
    values = row["fields"]
    kwargs = {f.attname: f.to_python(values[f.name]) for f in fields if f.name in values}
    return model(pk=model._meta.pk.to_python(row["pk"]), **kwargs)


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
