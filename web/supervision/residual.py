"""Residual information (剩余信息保护): a stored evidence file goes when its row goes, and a daily sweep removes
any file under the evidence directory that no row names (a crash between writing a file and its row).

The file is deleted only once the deleting transaction commits, so a rolled-back deletion keeps it.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from web.supervision.models import Evidence, evidence_root

GRACE_SECONDS = 3600  # a file younger than this may belong to an upload whose row is not committed yet


@receiver(post_delete, sender=Evidence, dispatch_uid="luoshi_evidence_file_purge")
def purge_evidence_file(sender, instance: Evidence, **kwargs) -> None:
    path = instance.file_path
    transaction.on_commit(lambda: path.unlink(missing_ok=True), robust=True)


def purge_orphan_evidence(grace_seconds: int = GRACE_SECONDS) -> int:
    """Delete files under the evidence directory that no ``Evidence`` row names; returns how many."""
    root = evidence_root()
    if not root.is_dir():
        return 0
    named = set(Evidence.objects.values_list("path", flat=True))
    cutoff, removed = time.time() - grace_seconds, 0
    for path in root.rglob("*"):
        if path.is_file() and Path(path.relative_to(root)).as_posix() not in named and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
