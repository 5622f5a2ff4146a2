"""Regular expressions (正则) compiled once and kept between runs, the way Python keeps compiled bytecode.

The rule tables are a few hundred regular expressions, several with every hanzi in a character class.
Python's ``re`` compiles a pattern in pure Python; for the rule tables that was half the start-up of
``luoshi extract``. ``rx.compile``, used for every pattern of ``luoshi/`` instead of ``re.compile``,
keeps the compiled program of each pattern in one file, ``__pycache__/regex.<python>-<sre>.marshal``
beside this module (under ``sys.pycache_prefix`` when that is set), written when the process ends,
where and when Python writes its own bytecode: never under ``PYTHONDONTWRITEBYTECODE`` or
``python -B``. A pattern the file does not hold is compiled by ``re`` as before, and so is every
pattern when the file cannot be read.

The file is named by the interpreter and by ``_sre.MAGIC`` (the version of the regex engine's code),
each program is filed under its exact pattern text and flags, and ``_sre`` validates a program before
it runs it: a pattern from the file equals the one ``re.compile`` makes (``tests/core/test_rx.py``).
The file is trusted as the bytecode beside it is: both are marshal data that only the installing or
running user can write.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser  # the two halves of re.compile, to keep what they make
from typing import Any

Program = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]  # what _sre.compile takes after the text

MAX_PROGRAMS = 4096  # past this the file keeps only what the last run used (patterns built from changing text)

_programs: dict[tuple[str, int], Program] | None = None
_used: set[tuple[str, int]] = set()
_unsaved = False


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the program kept by an earlier run when there is one.

    >>> compile(r"(?P<n>\\d+)亩").search("平整1230亩")["n"]
    '1230'
    """
    global _unsaved
    key = (source, int(flags))
    programs = _loaded()
    program = programs.get(key)
    if program is None:
        program = _compiled(source, flags)
        if program is None:  # an error, or a pattern re would not cache: re says what is wrong
            return re.compile(source, flags)
        programs[key] = program
        if not _unsaved:
            _unsaved = True
            atexit.register(save)
    _used.add(key)
    try:
        return _sre.compile(source, *program)
    except (TypeError, ValueError, RuntimeError):  # another engine's program: compile it afresh
        return re.compile(source, flags)


def _compiled(source: str, flags: int) -> Program | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, as plain values marshal can write."""
    if not isinstance(source, str) or flags & re.DEBUG:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
    except Exception:  # re.compile raises the same error, with its own message
        return None
    index_group: list[str | None] = [None] * parsed.state.groups
    for name, i in parsed.state.groupdict.items():
        index_group[i] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
            dict(parsed.state.groupdict), tuple(index_group))


def cache_path() -> Path:
    """The file of the kept programs: in ``__pycache__`` beside this module, or under ``sys.pycache_prefix``."""
    here = Path(__file__).resolve().parent
    directory = Path(sys.pycache_prefix) / here.relative_to(here.anchor) if sys.pycache_prefix else here / "__pycache__"
    return directory / f"regex.{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"


def _read() -> dict[tuple[str, int], Program]:
    try:
        programs = marshal.loads(cache_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return programs if isinstance(programs, dict) else {}


def _loaded() -> dict[tuple[str, int], Program]:
    global _programs
    if _programs is None:
        _programs = _read()
    return _programs


def save() -> None:
    """Write the programs compiled in this run to the file (at exit), with those another process wrote."""
    global _unsaved
    if not _unsaved or sys.dont_write_bytecode or _programs is None:
        return
    programs = {**_read(), **_programs}
    if len(programs) > MAX_PROGRAMS:
        programs = {key: _programs[key] for key in _used}
    path = cache_path()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps(programs))
        os.replace(temporary, path)  # whole or not at all, whoever else is writing
    except OSError:  # a read-only install: every run compiles, as without this module
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    _unsaved = False
