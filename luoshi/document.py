"""The document as read from the user's file (原始文档), before any normalisation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """Text as it came out of the file.

    ``text`` holds the paragraphs in reading order, one per line (``\\n``); a table
    row is one line with its cells separated by ``\\t``. Every offset that later
    stages report as ``source_*`` is an index into this string, so a user can be
    pointed back at the place in the file they gave.
    """

    source: str  # the path, "<stdin>" or "<bytes>"
    format: str  # txt | docx | pdf | html
    text: str
    encoding: str | None = None  # detected encoding of txt/html input (utf-8, utf-8-sig, gb18030, big5hkscs, utf-16)
    encoding_note: str = ""  # how the encoding was decided, for the user
