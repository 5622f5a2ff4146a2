"""``luoshi restore FILE [--force]``: an archive of ``luoshi backup`` into this installation."""

from __future__ import annotations

import argparse

HELP = "从备份文件恢复整个系统; 当前安装已有数据时需加 --force 才会覆盖"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="luoshi backup 生成的 .zip 文件")
    parser.add_argument("--force", action="store_true", help="当前安装已有数据时, 用备份覆盖全部数据和文件")


def run(args: argparse.Namespace) -> int:
    from web.ops.backup import setup_django
    from web.ops.restore import restore_backup

    setup_django()
    manifest = restore_backup(args.file, force=args.force)
    rows = sum(manifest["counts"].values())
    files = sum(1 for name in manifest["members"] if name.startswith("files/"))
    print(f"已从 {args.file} 恢复: {rows} 行数据, {files} 个文件 (备份于 {manifest['created_at']}, "
          f"版本 {manifest['app_version']})")
    return 0
