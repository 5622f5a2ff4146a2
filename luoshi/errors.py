"""Errors shown to users: one line that names the input and the problem, never a traceback."""

from __future__ import annotations


class LuoshiError(Exception):
    """Base of every error the CLI and the web app show to a user as one line."""


class ReadError(LuoshiError):
    """An input that cannot be read (无法读取的文件): names the file and the problem.

    >>> str(ReadError("报告.pdf", "没有文字层, 需要先做 OCR"))
    '报告.pdf: 没有文字层, 需要先做 OCR'
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
