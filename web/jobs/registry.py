"""Handlers by kind (任务类型): ``@job_handler("import_plan")`` on a function ``(job) -> result``.

A handler returns a JSON-able result (dict, list, str, number or None) or an ``Output`` when it made
a file. It raises ``JobFailed`` for a failure retrying cannot fix (an unreadable report); any other
exception is taken as transient and the job is retried with backoff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[[Any], Any]
_HANDLERS: dict[str, Handler] = {}


class JobFailed(Exception):
    """A permanent failure: ``message`` is one line in Chinese for the user, ``detail`` for staff."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class Output:
    """A file made by a job, served later by the page that asked for it."""

    data: bytes
    filename: str
    content_type: str
    result: dict[str, Any] = field(default_factory=dict)


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register ``function`` as the handler of ``kind``; a second handler for the same kind is a mistake."""

    def register(function: Handler) -> Handler:
        existing = _HANDLERS.get(kind)
        if existing is not None and existing is not function and existing.__qualname__ != function.__qualname__:
            raise ValueError(f"job kind {kind!r} already has a handler: {existing.__module__}.{existing.__qualname__}")
        _HANDLERS[kind] = function
        return function

    return register


def handler_for(kind: str) -> Handler | None:
    return _HANDLERS.get(kind)


def kinds() -> list[str]:
    return sorted(_HANDLERS)
