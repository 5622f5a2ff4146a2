r"""Text that people type (用户输入的文字): what is kept of it before it is stored.

Bidirectional controls (embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069) make text read
differently from what it holds: ``报告\u202egpj.exe`` shows as ``报告exe.jpg``. Chinese government text has
no use for them, so every service that stores a task's or a report's text takes them out.

>>> plain_text("已完成\u202eexe.jpg ")
'已完成exe.jpg'
>>> plain_text("  需\u2066协调\u2069  ")
'需协调'
>>> plain_text(None)
''
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain_text(value: str | None) -> str:
    """``value`` without bidirectional controls and surrounding white space (``None`` → ``""``)."""
    return BIDI_CONTROLS.sub("", value or "").strip()
