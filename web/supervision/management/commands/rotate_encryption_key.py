"""``manage.py rotate_encryption_key [--backups DIR]``: re-encrypt every stored evidence file (and the backup
archives in DIR) with the current ``LUOSHI_ENCRYPTION_KEY``.

Rotation: make a key (``make_encryption_key``), set it as ``LUOSHI_ENCRYPTION_KEY`` and move the old one to
``LUOSHI_ENCRYPTION_OLD_KEYS``, restart, run this command, then remove the old key. Plain files (written
before encryption was turned on) are encrypted by the same run. Each file is replaced atomically.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from web.crypto.envelope import EncryptionError, current_key, reseal_file
from web.supervision.models import evidence_root


class Command(BaseCommand):
    help = "用当前密钥重新加密全部佐证材料 (以及指定目录中的备份文件)"

    def add_arguments(self, parser):
        parser.add_argument("--backups", help="同时重新加密此目录中的备份文件 (*.zip)")

    def handle(self, *args, backups, **options):
        if current_key() is None:
            raise CommandError("未设置 LUOSHI_ENCRYPTION_KEY")
        files = [p for p in evidence_root().rglob("*") if p.is_file()] if evidence_root().is_dir() else []
        if backups:
            files += sorted(Path(backups).glob("*.zip"))
        done = failed = 0
        for path in files:
            try:
                done += reseal_file(path)
            except EncryptionError as e:
                failed += 1
                self.stderr.write(f"{path}: {e}")
        self.stdout.write(f"已重新加密 {done} 个文件, 共 {len(files)} 个{f', {failed} 个失败' if failed else ''}")
        if failed:
            raise CommandError("部分文件无法解密: 请在 LUOSHI_ENCRYPTION_OLD_KEYS 中配置其旧密钥后重试")
