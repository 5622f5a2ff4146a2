"""The models and their migrations agree: a model change without its migration fails here, not in production."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_it_has_a_migration_for_every_model_change(db):
    out = io.StringIO()
    call_command("makemigrations", "accounts", "plans", "audit", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
