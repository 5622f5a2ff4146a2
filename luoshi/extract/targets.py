"""Stage: targets (placeholder until implemented)."""

from __future__ import annotations

from luoshi.extract import Draft


def find_targets(draft: Draft) -> Draft:
    return draft
