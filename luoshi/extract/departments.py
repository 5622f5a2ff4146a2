"""Stage: departments (placeholder until implemented)."""

from __future__ import annotations

from luoshi.extract import Draft


def suggest_departments(draft: Draft) -> Draft:
    return draft
