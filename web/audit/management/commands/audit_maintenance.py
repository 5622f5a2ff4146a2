"""``manage.py audit_maintenance``: the audit log's daily upkeep (run by deploy/luoshi-cleanup.timer).

Seals rows left unsealed, anonymises addresses older than the audit settings' retention, moves rows older
than the archiving age (never under 180 days) to a signed archive file, and deletes stored files no row
names any more (residual evidence of a deleted report)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from web.audit.chain import seal_pending
from web.audit.models import AuditPolicy
from web.audit.retention import anonymise_addresses, archive_events
from web.supervision.residual import purge_orphan_evidence


class Command(BaseCommand):
    help = "审计记录日常维护: 封链、匿名化过期来源地址、归档过期记录、清除残留文件"

    def handle(self, *args, **options):
        policy = AuditPolicy.current()
        self.stdout.write(f"封链 {seal_pending()} 条")
        self.stdout.write(f"匿名化来源地址 {anonymise_addresses(policy.ip_retention_days)} 条")
        path = archive_events(policy.archive_after_days)
        self.stdout.write(f"归档到 {path}" if path else "无需归档")
        self.stdout.write(f"清除残留佐证文件 {purge_orphan_evidence()} 个")
