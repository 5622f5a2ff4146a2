"""Backup and restore (备份与恢复): one .zip archive holding the whole installation.

Archive layout (format ``luoshi-backup/2``)::

    manifest.json           format, app version, created time, database vendor, applied migrations per app,
                            row counts per model, and the size and sha256 of every other member
    data/<app.model>.jsonl  one model's rows, one JSON object per line ({"pk": …, "fields": {…}}: Django's
                            serialisation, datetimes to the microsecond); content types and permissions, which
                            ``migrate`` makes in every installation, are referred to by natural key
    files/…                 every file under the directories of LUOSHI_DATA_DIR (evidence attachments …)

Both directions stream, model by model and a few thousand rows at a time, so memory stays bounded whatever the
installation's size (a province: 4.4 million rows). ``write_backup`` reads the database inside one transaction
(REPEATABLE READ on PostgreSQL, one read transaction on SQLite), so the rows are one snapshot. Files are copied
while that snapshot is open; they are only ever added (evidence is never deleted), so every file a row of the
snapshot names is there. Every member goes through one writer (``_member``), the place to wrap its stream.

``web.ops.restore.restore_backup`` checks the whole archive (every checksum, the schema) before touching anything,
migrates the target to the current schema, loads every row in one transaction, compares the row counts
with the manifest, and only then moves the files into place: a bad archive leaves the target as it was.
Archives of format ``luoshi-backup/1`` (one ``data.json``, earlier releases) are still restored.
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
from itertools import islice
from pathlib import Path

from luoshi.errors import LuoshiError
from web.ops.files import open_private

FORMAT, FORMAT_1 = "luoshi-backup/2", "luoshi-backup/1"
MANIFEST, DATA, FILES = "manifest.json", "data/", "files/"
DATA_1 = "data.json"  # format 1: every row in one JSON array
# Made by `migrate` in every installation (content types, permissions) or tied to one server's secret key
# (sessions): not part of the data.
SKIPPED_MODELS = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})
# Referred to by natural key, so the ids of the target installation's own rows are used.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})
# Directories of LUOSHI_DATA_DIR that are not the installation's data (collected static files); files at the
# top level (the SQLite database, the secret key, archives) are not copied either.
SKIPPED_DIRS = frozenset({"static"})
CHUNK = 1 << 20
ROWS = 2000  # rows read, written or inserted at a time


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
    """Django's serialiser to plain values, with natural keys only towards content types and permissions: other
    references stay ids, so loading needs no lookup per row and ids (named in the audit trail) are kept."""
    from django.core.serializers.python import Serializer

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


def _encoder() -> json.JSONEncoder:
    """Django's JSON encoder, but keeping times to the microsecond: Django's cuts them to milliseconds, and a
    backup must give back every value exactly."""
    from django.core.serializers.json import DjangoJSONEncoder

    class ExactEncoder(DjangoJSONEncoder):
        def default(self, o):
            if isinstance(o, dt.datetime | dt.time):
                return o.isoformat()
            return super().default(o)

    return ExactEncoder(ensure_ascii=False, separators=(",", ":"))


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


@contextmanager
def _member(zf: zipfile.ZipFile, name: str, members: dict[str, dict]):
    """A buffered binary stream into the archive's member ``name``; its size and sha256 go into ``members``."""
    with zf.open(name, "w", force_zip64=True) as raw:
        hashing = _Hashing(raw)
        out = io.BufferedWriter(hashing, CHUNK)
        yield out
        out.flush()
    members[name] = {"size": hashing.size, "sha256": hashing.sha.hexdigest()}


def chunks(iterable, size: int = ROWS) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def plain_fields(model) -> list | None:
    """The fields of a model whose rows are written straight from their column values: those of every model but
    one with many-to-many fields, a reference by natural key or a parent table (those few go through Django's
    serialiser, row objects and all). The two give the same lines; reading plain values is several times faster."""
    meta = model._meta
    fields = [f for f in meta.local_fields if f.serialize]
    if meta.parents or meta.local_many_to_many or any(
            f.is_relation and f.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS for f in fields):
        return None
    return fields


def _as_django_writes_it(field):
    """How Django's serialiser turns a column value of ``field`` into JSON (None: as it is, or by the encoder)."""
    import base64

    from django.utils.duration import duration_string

    return {"BinaryField": lambda v: base64.b64encode(bytes(v)).decode("ascii"), "UUIDField": str,
            "DurationField": duration_string}.get(field.target_field.get_internal_type() if field.is_relation
                                                   else field.get_internal_type())


def _write_rows(out, model) -> int:
    """One model's rows as JSON lines, read and written ``ROWS`` at a time; returns how many."""
    encoder, written = _encoder(), 0
    fields = plain_fields(model)
    if fields is None:
        serializer = _serializer()
        for chunk in chunks(model._base_manager.order_by("pk").iterator(chunk_size=ROWS)):
            for row in serializer.serialize(chunk):
                out.write(encoder.encode({"pk": row["pk"], "fields": row["fields"]}).encode("utf-8") + b"\n")
            written += len(chunk)
        return written
    columns = [(f.name, _as_django_writes_it(f)) for f in [model._meta.pk, *fields]]
    rows = model._base_manager.order_by("pk").values_list("pk", *[f.attname for f in fields])
    for row in rows.iterator(chunk_size=ROWS):
        values = [v if convert is None or v is None else convert(v) for (_, convert), v in zip(columns, row,
                                                                                                strict=True)]
        line = {"pk": values[0], "fields": {name: v for (name, _), v in zip(columns[1:], values[1:], strict=True)}}
        out.write(encoder.encode(line).encode("utf-8") + b"\n")
        written += 1
    return written


def data_member(model) -> str:
    return f"{DATA}{model._meta.label_lower}.jsonl"


def write_backup(path: str | Path) -> dict:
    """Write the whole installation to ``path`` (a .zip readable by its owner only); returns the manifest. The
    file appears complete or not at all: it is written beside the target and renamed at the end."""
    from django.conf import settings
    from django.db import DatabaseError, connection

    path = Path(path)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    data_dir = Path(settings.LUOSHI_DATA_DIR)
    members: dict[str, dict] = {}
    try:
        with (open_private(partial) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
              _snapshot()):
            migrations, counts = applied_migrations(), {}
            for model in backed_up_models():
                with _member(zf, data_member(model), members) as stream:
                    counts[model._meta.label_lower] = _write_rows(stream, model)
            for relative, file in data_files(data_dir):
                with open(file, "rb") as source, _member(zf, FILES + relative, members) as stream:
                    shutil.copyfileobj(source, stream, CHUNK)
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
        from web.ops.encryption import seal_archive

        manifest["encrypted"] = seal_archive(partial)  # with LUOSHI_ENCRYPTION_KEY (web/ops/encryption.py)
        os.replace(partial, path)
    except OSError as e:
        raise BackupError(f"{path}: 无法写入备份文件 ({e.strerror or e})") from None
    except DatabaseError as e:
        raise BackupError(f"无法读取数据库 ({first_line(e)}); 是否已运行 migrate?") from None
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("luoshi")
    except PackageNotFoundError:
        return "unknown"


def first_line(error: Exception) -> str:
    """The first line of an error's message (a database error can run to many): what a one-line refusal shows."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
