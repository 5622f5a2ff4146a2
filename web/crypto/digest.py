"""The hash of the audit chain (杂凑算法): SM3 (GB/T 32905) where ``cryptography``'s OpenSSL has it, else SHA-256.

The algorithm is chosen at run time and recorded with each thing it hashes, so a chain written on a machine
with SM3 still verifies on one without it only if that one has SM3 too: ``verify`` says which it lacks.
"""

from __future__ import annotations

import functools
import hashlib

SM3, SHA256 = "sm3", "sha256"


@functools.cache
def sm3_available() -> bool:
    """True when ``cryptography``'s OpenSSL implements SM3 (checked once per process)."""
    try:
        from cryptography.hazmat.backends import default_backend
        from cryptography.hazmat.primitives import hashes

        return bool(default_backend().hash_supported(hashes.SM3()))
    except Exception:  # an old cryptography without hashes.SM3, or a build without it
        return False


def preferred_algorithm() -> str:
    """``sm3`` when available, else ``sha256``: what new audit rows are hashed with."""
    return SM3 if sm3_available() else SHA256


def hexdigest(data: bytes, algorithm: str) -> str:
    """The hex digest of ``data`` with ``algorithm`` (``sm3`` or ``sha256``).

    >>> hexdigest(b"abc", "sha256")[:16]
    'ba7816bf8f01cfea'
    """
    if algorithm == SHA256:
        return hashlib.sha256(data).hexdigest()
    if algorithm == SM3:
        if not sm3_available():
            raise LookupError("SM3 is not available in this installation's OpenSSL")
        from cryptography.hazmat.primitives import hashes

        h = hashes.Hash(hashes.SM3())
        h.update(data)
        return h.finalize().hex()
    raise LookupError(f"unknown hash algorithm {algorithm!r}")
