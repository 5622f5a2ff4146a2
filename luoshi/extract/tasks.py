"""Stage: tasks (placeholder until implemented)."""

from __future__ import annotations

from luoshi.extract import Draft


def find_tasks(draft: Draft) -> Draft:
    return draft
