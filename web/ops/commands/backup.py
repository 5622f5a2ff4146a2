"""``luoshi backup FILE``: the whole installation (database rows and stored files) in one archive."""

from __future__ import annotations

import argparse

HELP = "备份整个系统 (全部数据和佐证材料等文件) 到一个 .zip 文件"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="备份文件路径, 如 luoshi-2025-06-30.zip")


def run(args: argparse.Namespace) -> int:
    from web.ops.backup import setup_django, write_backup

    setup_django()
    manifest = write_backup(args.file)
    rows = sum(manifest["counts"].values())
    files = [m for name, m in manifest["members"].items() if name.startswith("files/")]
    size = sum(m["size"] for m in files)
    sealed = ", 已加密" if manifest.get("encrypted") else ""
    print(f"已备份到 {args.file}: {rows} 行数据, {len(files)} 个文件 ({size / 1e6:.1f} MB{sealed})")
    return 0
