"""Stage: projects (placeholder until implemented)."""

from __future__ import annotations

from luoshi.extract import Draft


def find_projects(draft: Draft) -> Draft:
    return draft
