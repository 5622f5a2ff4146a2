"""The command line (命令行): a thin layer over the library. Each subcommand lives in ``luoshi/commands/``.

Only the chosen command's module is imported (every command's, and the plugins', for ``luoshi --help``
or a plugin's name): ``luoshi parse`` never loads the extraction stages (``bench/bench_startup.py``).

Exit codes: 0 success, 2 bad input (one line naming the file and the problem), 1 anything else.

Other installed packages add subcommands through the entry point group ``luoshi.commands`` (插件命令):
each entry names a module of the same shape (``HELP``, ``add_arguments``, ``run``). That is how the web
app's ``backup`` and ``restore`` reach this command line without the core importing Django.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from luoshi.errors import LuoshiError

COMMANDS = ("parse", "extract", "explain", "review")
PLUGIN_GROUP = "luoshi.commands"


def _plugins() -> dict[str, object]:
    """Subcommands registered by other packages: name → entry point (loaded only when the parser is built)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP) if ep.name not in COMMANDS}


def _modules(argv: Sequence[str] = ()) -> dict[str, ModuleType]:
    """The modules of the subcommands the parser needs: only the chosen core command's when ``argv``
    starts with one (``luoshi extract …`` loads neither the other commands nor the plugins), else all."""
    import importlib

    names = (argv[0],) if argv and argv[0] in COMMANDS else COMMANDS
    modules = {}
    for name in names:
        try:
            modules[name] = importlib.import_module(f"luoshi.commands.{name}")
        except ModuleNotFoundError:
            continue  # a command not written yet
    if names is not COMMANDS:
        return modules
    for name, ep in sorted(_plugins().items()):
        try:
            modules[name] = ep.load()
        except ImportError:
            continue  # its package is half installed: the core commands still work
    return modules


def build_parser(modules: dict[str, ModuleType] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="落实: 政府工作报告 → 任务分解表")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in (modules if modules is not None else _modules()).items():
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    modules = _modules(argv)
    args = build_parser(modules).parse_args(argv)
    module = modules[args.command]
    try:
        return int(module.run(args) or 0)
    except LuoshiError as e:
        print(f"luoshi {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
