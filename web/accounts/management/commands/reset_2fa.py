"""``manage.py reset_2fa USERNAME``: on the server, remove an account's second factor (the last security
administrator lost their phone, so no second one can do it from the page). Audited."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user

from web.audit.services import record_security


class Command(BaseCommand):
    help = "在服务器上重置一个账号的双因素认证 (设备丢失且没有其他安全管理员时)"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在")
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        record_security(None, "2fa.reset", username="服务器命令", obj=user,
                        note=f"服务器命令, 清除 {len(devices)} 个认证设备")
        self.stdout.write(f"已重置 {username} 的双因素认证")
