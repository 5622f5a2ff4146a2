"""The command line (命令行): a thin layer over the library. Each subcommand lives in ``luoshi/commands/``.

Exit codes: 0 success, 2 bad input (one line naming the file and the problem), 1 anything else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from luoshi.errors import LuoshiError

COMMANDS = ("parse", "extract", "explain")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="落实: 政府工作报告 → 任务分解表")
    sub = parser.add_subparsers(dest="command", required=True)
    import importlib

    for name in COMMANDS:
        try:
            module = importlib.import_module(f"luoshi.commands.{name}")
        except ModuleNotFoundError:
            continue  # a command not written yet
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    import importlib

    module = importlib.import_module(f"luoshi.commands.{args.command}")
    try:
        return int(module.run(args) or 0)
    except LuoshiError as e:
        print(f"luoshi {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
