"""``manage.py escalate_notices``: each 督办单 unanswered after its reply deadline goes to its department's 分管领导
(once). Part of the morning run (the reminders timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from web.directives.chases import escalate_overdue_notices


class Command(BaseCommand):
    help = "将逾期未回复的督办单提请该部门的分管领导(每份只提请一次)"

    def handle(self, *args, **options):
        escalated = escalate_overdue_notices()
        for notice in escalated:
            leader = notice.escalated_to
            who = (leader.get_full_name() or leader.username) if leader else "(该部门未设分管领导)"
            self.stdout.write(f"{notice.label} {notice.department.name} → {who}")
        self.stdout.write(f"提请分管领导 {len(escalated)} 份督办单")
