"""``manage.py cleanup_pending_imports --older-than 7d``: forget uploads nobody confirmed, and old job rows.

An unconfirmed upload keeps the whole report in the database; after a week nobody is coming back for it.
Finished background jobs older than the same age go too (their stored previews and bulletin files).
Confirmed uploads stay: they record which file each plan came from. Run daily (cron or a systemd timer).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from web.jobs.services import purge_finished
from web.plans.models import PendingImport

UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_age(value: str) -> dt.timedelta:
    """``7d``, ``12h``, ``30m`` → a timedelta.

    >>> parse_age("7d")
    datetime.timedelta(days=7)
    """
    match = re.fullmatch(r"\s*(\d+)\s*([dhm])\s*", value or "")
    if not match:
        raise ValueError(f"expected a number and d, h or m (7d, 12h, 30m), got {value!r}")
    return dt.timedelta(**{UNITS[match[2]]: int(match[1])})


class Command(BaseCommand):
    help = "删除超过指定时间仍未确认的上传报告, 以及已结束的旧后台任务"

    def add_arguments(self, parser):
        parser.add_argument("--older-than", default="7d", help="早于多久以前 (如 7d、12h, 默认 7d)")
        parser.add_argument("--dry-run", action="store_true", help="只统计, 不删除")

    def handle(self, *args, older_than, dry_run, **options):
        try:
            cutoff = timezone.now() - parse_age(older_than)
        except ValueError as e:
            raise CommandError(f"--older-than: {e}") from None
        stale = PendingImport.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"将删除 {stale.count()} 个未确认的上传 (早于 {cutoff:%Y-%m-%d %H:%M})")
            return
        with transaction.atomic():
            uploads, _ = stale.delete()
            jobs = purge_finished(cutoff)
        self.stdout.write(f"已删除 {uploads} 个未确认的上传, {jobs} 个已结束的后台任务 (早于 {cutoff:%Y-%m-%d %H:%M})")
