"""``manage.py make_encryption_key``: print a new random key for ``LUOSHI_ENCRYPTION_KEY``."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from web.crypto.envelope import CIPHER_NAMES, new_key_text, preferred_cipher


class Command(BaseCommand):
    help = "生成一个新的数据加密密钥 (填入 LUOSHI_ENCRYPTION_KEY)"

    def handle(self, *args, **options):
        self.stdout.write(new_key_text())
        cipher = CIPHER_NAMES[preferred_cipher()]
        self.stderr.write(f"本机使用 {cipher} 加密; 请妥善保管密钥, 丢失后加密的文件无法恢复。")
