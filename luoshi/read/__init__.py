"""Readers (读取): one entry point, ``read(path_or_bytes) -> Document``, for every format a report arrives in."""

from __future__ import annotations

from pathlib import Path

from luoshi.document import Document

MAX_BYTES = 50 * 1024 * 1024  # a work report is well under 5 MB; beyond 50 MB it is not one


def read(source: str | Path | bytes, *, name: str | None = None) -> Document:
    """Read a report from a path, ``"-"`` (standard input) or raw bytes.

    Raises ``luoshi.errors.ReadError`` naming the input and the problem.
    """
    raise NotImplementedError
