"""Stage: milestones (placeholder until implemented)."""

from __future__ import annotations

from luoshi.extract import Draft


def find_milestones(draft: Draft) -> Draft:
    return draft
