"""``manage.py verify_audit``: walk the audit chain and name every changed, removed or re-hashed row.

Exit status 0 when the chain is whole, 1 when anything is wrong (each finding on its own line)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from web.audit.chain import seal_pending, verify


class Command(BaseCommand):
    help = "校验审计记录的杂凑链, 列出被改动、删除或重新计算杂凑值的记录"

    def add_arguments(self, parser):
        parser.add_argument("--seal", action="store_true", help="先封链尚未封链的记录 (进程中断后遗留的)")

    def handle(self, *args, seal, **options):
        if seal:
            sealed = seal_pending()
            if sealed:
                self.stdout.write(f"已封链 {sealed} 条记录")
        result = verify()
        algorithms = "、".join(sorted(a.upper() for a in result.algorithms)) or "无"
        self.stdout.write(f"已校验 {result.checked} 条审计记录 (杂凑算法: {algorithms})")
        if result.unsealed:
            self.stdout.write(f"另有 {result.unsealed} 条尚未封链 (用 --seal 封链)")
        for finding in result.findings:
            self.stdout.write(f"问题: {finding.message}")
        if not result.intact:
            self.stdout.write(f"审计链不完整: {len(result.findings)} 处问题")
            sys.exit(1)
        self.stdout.write("审计链完整")
