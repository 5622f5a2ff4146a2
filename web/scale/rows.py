"""Rows straight into tables (批量写入): PostgreSQL's COPY, or one ``executemany`` per batch on SQLite.

Ids are allocated here (the caller resets the sequences afterwards). The columns come from the model,
so a field added later (with a default) is filled in without touching the generator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from django.db import connection, models


def _converter(field: models.Field, vendor: str) -> Callable | None:
    """How a value of ``field`` is written by this database's bulk path (None: as it is)."""
    if isinstance(field, models.JSONField):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if vendor != "sqlite":
        return None  # psycopg's COPY adapts dates, aware datetimes and booleans itself
    if isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.BooleanField):
        return lambda v: None if v is None else int(v)
    return None


class Rows:
    """Buffered rows of one model, written in large batches; ``add`` returns the id given to the row."""

    BATCH = 20_000

    def __init__(self, model: type[models.Model]):
        fields = model._meta.concrete_fields
        self.model = model
        self.table = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.defaults = [f.get_default() if f.has_default() or not f.null else None for f in fields]
        self.defaults[self.index["id"]] = None
        self.converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f, connection.vendor))]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(self.table)}")
            self.next_id = (cursor.fetchone()[0] or 0) + 1
        self.buffer: list[list] = []
        self.count = 0

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        row = self.defaults.copy()
        row[self.index["id"]] = pk
        for name, value in values.items():
            row[self.index[name]] = value
        self.buffer.append(row)
        if len(self.buffer) >= self.BATCH:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.buffer:
            return
        rows, self.buffer = self.buffer, []
        for row in rows:
            for i, convert in self.converters:
                row[i] = convert(row[i])
        qn = connection.ops.quote_name
        columns = ", ".join(qn(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {qn(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {qn(self.table)} ({columns}) VALUES ({marks})", rows)
        self.count += len(rows)
