"""``manage.py grant_duty USERNAME system|security|audit`` (or ``--revoke``): the three administrators (三员)
are named on the server by the operator, never from a page, and each grant is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from web.accounts.administration import grant_duty, revoke_duty
from web.accounts.models import AdminDuty


class Command(BaseCommand):
    help = "授予或撤销管理员职责 (system 系统管理员, security 安全管理员, audit 审计管理员)"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("duty", nargs="?", choices=AdminDuty.Duty.values)
        parser.add_argument("--revoke", action="store_true", help="撤销该账号的管理员职责")

    def handle(self, *args, username, duty, revoke, **options):
        try:
            if revoke:
                revoke_duty(username)
                self.stdout.write(f"已撤销 {username} 的管理员职责")
                return
            if not duty:
                raise CommandError("请指定职责: system、security 或 audit")
            held = grant_duty(username, duty)
        except ValidationError as e:
            raise CommandError(e.messages[0]) from None
        self.stdout.write(f"{username} 现为{held.get_duty_display()}")
