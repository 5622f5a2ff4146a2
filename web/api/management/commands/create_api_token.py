"""``manage.py create_api_token USER [--name NAME]``: a bearer token for scripts, printed once.

The token acts as USER with exactly that user's permissions; only its hash is stored, so it cannot be
shown again. It expires after ``LUOSHI_API_TOKEN_DAYS`` days and when the user's password changes; revoke
it earlier in the admin (接口令牌).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from web.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for USER and print it once (only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("user", help="username the token acts as")
        parser.add_argument("--name", default="", help="what the token is for, e.g. 统计局对接脚本")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"没有用户“{options['user']}”") from None
        if not user.is_active:
            raise CommandError(f"用户“{user.username}”已停用")
        token, raw = ApiToken.issue(user, options["name"] or f"{user.username} 的令牌")
        self.stdout.write(raw)
        expires = (f"有效期至 {timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}" if token.expires_at
                   else "长期有效, 直至吊销")
        self.stderr.write(f"已为 {user.username} 创建令牌“{token.name}”({expires}, 修改密码后失效); "
                          f"令牌只显示这一次, 请妥善保存。")
