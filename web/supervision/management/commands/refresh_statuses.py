"""``manage.py refresh_statuses``: each row's stored status computed again for today (the morning run).

Services keep the stored statuses current when something changes; the passing of time (today's 序时进度, a
deadline passed, a due day passed) is what this catches up with. Run by the reminders timer before
``send_reminders``. A plan already computed for its today is left alone.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from web.plans.models import Plan
from web.supervision.status_store import refresh_all


class Command(BaseCommand):
    help = "按今天重新计算各任务的状态(序时进度、状态灯、逾期、未报);已是今天的规划不再计算"

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="只处理该规划(id)")

    def handle(self, *args, plan=None, **options):
        plans = Plan.objects.select_related("reporting_cadence").order_by("pk")
        if plan:
            plans = plans.filter(pk=plan)
        done = refresh_all(plans.iterator(chunk_size=200))
        self.stdout.write(f"已重新计算 {done} 个规划的任务状态")
