"""Carrying out a workflow step from a page (办理): the one way a page shows a refused change.

A workflow step is a service function that refuses a change by raising ``ValidationError`` with its reasons in
Chinese. ``carry_out`` runs the step for a page: a refusal becomes an error message on the next page, success a
confirmation; the page then redirects as it would anyway."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


def refusal(error: ValidationError) -> str:
    """A refusal's reasons as one line for the user (理由之间以分号隔开)."""
    return "；".join(error.messages)


def carry_out(request: HttpRequest, step: Callable[[], T], done: str | Callable[[T], str]) -> bool:
    """Run ``step``; say ``done`` (or ``done(result)``) when it went through, its refusal when it did not.
    True when the step went through."""
    try:
        result = step()
    except ValidationError as e:
        messages.error(request, refusal(e))
        return False
    messages.success(request, done(result) if callable(done) else done)
    return True
