"""Encrypted backups (备份加密): a layer around the finished archive, apart from how the archive is written.

With ``LUOSHI_ENCRYPTION_KEY`` set, ``seal_archive`` turns the complete .zip into a sealed file (web/crypto/
envelope.py: SM4-GCM or AES-256-GCM in authenticated chunks, streamed) before it is moved into place; the
manifest's checksums stay inside. ``opened_archive`` gives restore a plain archive to read: the file itself
when it is not sealed, else a decrypted copy beside it (owner-only, deleted afterwards). A sealed archive
without its key, or altered by a single byte, is refused before anything is restored.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from web.crypto.envelope import EncryptionError, current_key, is_sealed, read_chunks, write_file, write_plain
from web.ops.backup import BackupError


def seal_archive(path: Path) -> bool:
    """Encrypt the archive at ``path`` in place when a key is configured; True if it was."""
    if current_key() is None:
        return False
    sealed = path.with_name(f"{path.name}.sealing")
    try:
        write_file(sealed, read_chunks(path))
        os.replace(sealed, path)
    finally:
        sealed.unlink(missing_ok=True)
    return True


@contextmanager
def opened_archive(path: Path) -> Iterator[Path]:
    """A plain archive to read for ``path``, sealed or not."""
    path = Path(path)
    if not path.is_file() or not is_sealed(path):
        yield path
        return
    plain = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.plain")
    try:
        try:
            write_plain(plain, read_chunks(path))
        except EncryptionError as e:
            raise BackupError(f"{path}: 无法解密备份 ({e})") from None
        yield plain
    finally:
        plain.unlink(missing_ok=True)
