"""Encryption at rest (数据保密性): evidence files and backup archives sealed with an authenticated cipher.

The key is ``LUOSHI_ENCRYPTION_KEY`` (32 random bytes, base64; ``manage.py make_encryption_key`` prints one).
Earlier keys, still needed to read files sealed before a rotation, are listed in ``LUOSHI_ENCRYPTION_OLD_KEYS``
(comma-separated); ``manage.py rotate_encryption_key`` re-seals every file with the current key. With no key
set (the demo) files are written as they are, and a sealed file cannot be read.

Cipher: SM4-GCM (GB/T 32907) where ``cryptography``'s OpenSSL has it, else AES-256-GCM. The subkey for each
cipher is derived from the key with HKDF-SHA256, so one configured key serves both.

A sealed file (format 1) is a header, then the data in chunks, each encrypted and authenticated on its own
(the STREAM construction), so a file of any size is sealed and read in constant memory::

    MAGIC (8) | cipher (1) | key id (8) | nonce prefix (7) | chunk size (4, big-endian)
    chunk 0 ciphertext + 16-byte tag | chunk 1 … | last chunk (maybe empty) + tag

Chunk ``i``'s nonce is the prefix, ``i`` (4 bytes) and a byte that is 1 for the last chunk only, and the
header is each chunk's associated data: a reordered, truncated, extended or edited file fails to open.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import io
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from web.ops.files import open_private

MAGIC = b"LSENC01\n"
SM4_GCM, AES_256_GCM = 1, 2
CIPHER_NAMES = {SM4_GCM: "SM4-GCM", AES_256_GCM: "AES-256-GCM"}
HEADER = struct.Struct(">8sB8s7sI")
TAG = 16
CHUNK = 1 << 16


class EncryptionError(Exception):
    """A sealed file that cannot be opened (no key, wrong key, damaged): one line for the operator."""


@dataclass(frozen=True)
class Key:
    material: bytes

    @property
    def id(self) -> bytes:
        return hashlib.sha256(b"luoshi key id\0" + self.material).digest()[:8]

    def subkey(self, cipher: int) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        length = 16 if cipher == SM4_GCM else 32
        info = b"luoshi at rest " + CIPHER_NAMES[cipher].encode()
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(self.material)


def parse_key(text: str) -> Key:
    """A key from its base64 text (32 bytes, standard or URL-safe alphabet).

    >>> len(parse_key(new_key_text()).material)
    32
    """
    raw = text.strip()
    try:
        material = base64.urlsafe_b64decode(raw.replace("+", "-").replace("/", "_") + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(material) != 32:
        raise ValueError(f"expected 32 bytes, got {len(material)}")
    return Key(material)


def new_key_text() -> str:
    """A fresh random key, as the text to put in ``LUOSHI_ENCRYPTION_KEY``."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def current_key() -> Key | None:
    """The key new files are sealed with, or None when encryption at rest is off."""
    from django.conf import settings

    text = getattr(settings, "LUOSHI_ENCRYPTION_KEY", "") or ""
    return _parse_cached(text) if text else None


def known_keys() -> dict[bytes, Key]:
    """Every key a file may have been sealed with (current and old), by key id."""
    from django.conf import settings

    texts = [getattr(settings, "LUOSHI_ENCRYPTION_KEY", "") or "", *getattr(settings, "LUOSHI_ENCRYPTION_OLD_KEYS", [])]
    keys = [_parse_cached(t) for t in texts if t]
    return {k.id: k for k in keys}


@functools.lru_cache(maxsize=8)
def _parse_cached(text: str) -> Key:
    return parse_key(text)


@functools.cache
def sm4_available() -> bool:
    """True when ``cryptography``'s OpenSSL implements SM4 in GCM mode."""
    try:
        from cryptography.hazmat.backends import default_backend
        from cryptography.hazmat.primitives.ciphers import algorithms, modes

        return bool(default_backend().cipher_supported(algorithms.SM4(bytes(16)), modes.GCM(bytes(12))))
    except Exception:
        return False


def preferred_cipher() -> int:
    return SM4_GCM if sm4_available() else AES_256_GCM


def _algorithm(cipher: int, key: bytes):
    from cryptography.hazmat.primitives.ciphers import algorithms

    return algorithms.SM4(key) if cipher == SM4_GCM else algorithms.AES(key)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def _seal_chunk(cipher: int, key: bytes, header: bytes, prefix: bytes, index: int, data: bytes, last: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    enc = Cipher(_algorithm(cipher, key), modes.GCM(_nonce(prefix, index, last))).encryptor()
    enc.authenticate_additional_data(header)
    body = enc.update(data) + enc.finalize()
    return body + enc.tag


def _open_chunk(cipher: int, key: bytes, header: bytes, prefix: bytes, index: int, data: bytes, last: bool) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    if len(data) < TAG:
        raise EncryptionError("加密文件不完整 (被截断)")
    dec = Cipher(_algorithm(cipher, key), modes.GCM(_nonce(prefix, index, last), data[-TAG:])).decryptor()
    dec.authenticate_additional_data(header)
    try:
        return dec.update(data[:-TAG]) + dec.finalize()
    except InvalidTag:
        raise EncryptionError("加密文件校验失败: 文件已损坏、被改动或密钥不符") from None


def encrypt_chunks(chunks, key: Key, cipher: int | None = None) -> Iterator[bytes]:
    """The sealed form of the byte chunks ``chunks`` (any sizes), piece by piece."""
    cipher = cipher or preferred_cipher()
    subkey, prefix = key.subkey(cipher), secrets.token_bytes(7)
    header = HEADER.pack(MAGIC, cipher, key.id, prefix, CHUNK)
    yield header
    buffer, index = b"", 0
    for piece in chunks:
        buffer += piece
        while len(buffer) > CHUNK:  # keep at least one byte back: the last chunk is marked as such
            yield _seal_chunk(cipher, subkey, header, prefix, index, buffer[:CHUNK], last=False)
            buffer, index = buffer[CHUNK:], index + 1
    yield _seal_chunk(cipher, subkey, header, prefix, index, buffer, last=True)


def read_header(head: bytes) -> tuple[int, bytes, bytes, int] | None:
    """(cipher, key id, nonce prefix, chunk size) of a sealed file's first bytes, or None when not sealed."""
    if len(head) < HEADER.size or not head.startswith(MAGIC):
        return None
    _, cipher, key_id, prefix, chunk = HEADER.unpack(head[:HEADER.size])
    return cipher, key_id, prefix, chunk


def decrypt_stream(source) -> Iterator[bytes]:
    """The plain bytes of the sealed stream ``source`` (a binary file object), chunk by chunk."""
    header = source.read(HEADER.size)
    parsed = read_header(header)
    if parsed is None:
        raise EncryptionError("不是加密文件")
    cipher, key_id, prefix, chunk = parsed
    if cipher not in CIPHER_NAMES or not 0 < chunk <= 1 << 24:
        raise EncryptionError("加密文件头无效")
    key = known_keys().get(key_id)
    if key is None:
        raise EncryptionError(f"没有可解开此文件的密钥 (密钥编号 {key_id.hex()}); "
                              "请在 LUOSHI_ENCRYPTION_OLD_KEYS 中配置旧密钥")
    if cipher == SM4_GCM and not sm4_available():
        raise EncryptionError("此文件用 SM4 加密, 本机的 OpenSSL 不支持 SM4")
    subkey, size = key.subkey(cipher), chunk + TAG
    current, index = source.read(size), 0
    while True:
        following = source.read(size)
        last = not following
        yield _open_chunk(cipher, subkey, header, prefix, index, current, last)
        if last:
            return
        current, index = following, index + 1


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as f:
        return read_header(f.read(HEADER.size)) is not None


def key_id_of(path: Path) -> bytes | None:
    with open(path, "rb") as f:
        parsed = read_header(f.read(HEADER.size))
    return parsed[1] if parsed else None


def write_file(path: Path, chunks, key: Key | None = None) -> None:
    """Write ``chunks`` to ``path``: sealed with ``key`` (default: the current key), plain when there is none.
    The file is created readable by its owner only."""
    key = key if key is not None else current_key()
    with open_private(path) as out:
        for piece in encrypt_chunks(chunks, key) if key is not None else chunks:
            out.write(piece)


def write_plain(path: Path, chunks) -> None:
    """Write ``chunks`` to ``path`` as they are (a decrypted working copy), readable by its owner only."""
    with open_private(path) as out:
        for piece in chunks:
            out.write(piece)


def read_chunks(path: Path) -> Iterator[bytes]:
    """The plain content of ``path``, sealed or not, chunk by chunk."""
    with open(path, "rb") as f:
        if read_header(f.read(HEADER.size)) is None:
            f.seek(0)
            while piece := f.read(CHUNK):
                yield piece
            return
        f.seek(0)
        yield from decrypt_stream(f)


class PlainReader(io.RawIOBase):
    """A read-only binary file object over ``read_chunks(path)``: what ``FileResponse`` streams to a user."""

    def __init__(self, path: Path) -> None:
        self._chunks, self._buffer = read_chunks(path), b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(target), len(self._buffer))
        target[:n], self._buffer = self._buffer[:n], self._buffer[n:]
        return n


def reseal_file(path: Path, key: Key | None = None) -> bool:
    """Re-encrypt ``path`` with ``key`` (default: the current key) unless it is sealed with it already;
    a plain file is sealed. Atomic: the new file replaces the old one only once complete. True if rewritten."""
    key = key if key is not None else current_key()
    if key is None or key_id_of(path) == key.id:
        return False
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.reseal")
    try:
        write_file(partial, read_chunks(path), key)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return True
