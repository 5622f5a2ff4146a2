"""``manage.py send_reminders``: the daily job that reminds departments to report (催报), as one digest each."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from web.supervision.models import ReportingCadence
from web.supervision.reminders import build_digests, send_digests


class Command(BaseCommand):
    help = "提醒各部门报送进展:截止日前若干天提醒本期未报任务,截止日后催报逾期未报任务(每部门一份汇总)"

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=3, help="截止日前几天开始提醒(默认3)")
        parser.add_argument("--date", help="按该日期计算(YYYY-MM-DD,默认今天)")
        parser.add_argument("--plan", type=int, help="只处理该规划(id)")
        parser.add_argument("--dry-run", action="store_true", help="只打印,不发送")

    def handle(self, *args, days_before, date, plan, dry_run, **options):
        from web.plans.models import Plan

        try:
            fixed = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: not a date: {date!r}") from None
        plans = Plan.objects.filter(pk=plan) if plan else Plan.objects.filter(year__gte=timezone.localdate().year - 1)
        plans = plans.filter(closed_at__isnull=True)  # a plan closed at the year end asks for no more reports
        total = {"email": 0, "webhook": 0, "failed": 0, "digests": 0}
        for p in plans:
            today = fixed or ReportingCadence.for_plan(p).today()
            if not p.year == today.year:
                continue
            digests = build_digests(p, today, days_before)
            total["digests"] += len(digests)
            if dry_run:
                for d in digests:
                    self.stdout.write(f"{d.subject()}\n{d.body()}\n")
                continue
            for key, n in send_digests(digests).items():
                total[key] += n
        self.stdout.write(f"提醒 {total['digests']} 份:邮件 {total['email']},webhook {total['webhook']},"
                          f"失败 {total['failed']}")
