"""Stage: split the plan part into sentences, each with its innermost section."""

from __future__ import annotations

from luoshi.extract import Draft


def split_sentences(draft: Draft) -> Draft:
    return draft
