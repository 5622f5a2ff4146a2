"""Typed readers for environment variables (环境变量): every setting the app takes comes through here.

A bad value raises ``ImproperlyConfigured`` naming the variable, so a deployment fails at start-up
with one clear line instead of somewhere later. Every variable is listed once in ``.env.example``.

>>> env_bool("LUOSHI_DOCTEST_UNSET", default=True)
True
>>> import os; os.environ["LUOSHI_DOCTEST_BOOL"] = "maybe"
>>> env_bool("LUOSHI_DOCTEST_BOOL", default=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
django.core.exceptions.ImproperlyConfigured: LUOSHI_DOCTEST_BOOL: expected a yes/no value ..., got 'maybe'
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """The variable as text, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}: expected a yes/no value (1, 0, true, false, yes, no, on, off), got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """A whole number, optionally at least ``minimum``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Comma-separated values, blanks dropped: ``"a.gov.cn, b.gov.cn"`` → ``["a.gov.cn", "b.gov.cn"]``."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_networks(name: str, default: list[str]) -> list[str]:
    """Comma-separated IP addresses or networks (``127.0.0.1, 10.8.0.0/16``), each checked."""
    import ipaddress

    values = env_list(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: not an IP address or network: {value!r}") from None
    return values


def env_choice(name: str, choices: list[str], default: str) -> str:
    """One of ``choices`` (any case)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}: expected one of {', '.join(choices)}, got {raw!r}")
    return value


def env_path(name: str, default: Path) -> Path:
    """A directory or file path; relative paths are taken from the current directory."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return Path(raw.strip()).expanduser().resolve()


def env_database(name: str, default: str) -> dict:
    """A database URL (``sqlite:///path``, ``sqlite:///:memory:``, ``postgres://user@host:port/db``)."""
    import dj_database_url

    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=0)
    except Exception as e:  # dj_database_url raises several types for a bad URL
        raise ImproperlyConfigured(f"{name}: not a database URL ({e}): {raw!r}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name}: unknown database scheme in {raw!r}")
    return config


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is too weak to sign a production installation's sessions, or None. A random key of
    50+ characters passes, in any alphabet (``secrets.token_urlsafe(50)``, ``secrets.token_hex(32)``); a key
    that is short, repeats a pattern or uses few characters (``"x" * 50``) does not.

    >>> import secrets
    >>> secret_key_problem(secrets.token_urlsafe(50)) is None and secret_key_problem(secrets.token_hex(32)) is None
    True
    >>> secret_key_problem("x" * 50)
    'a repeated pattern'
    >>> secret_key_problem("change-me-to-50-random-characters")
    'shorter than 50 characters'
    """
    import math
    from collections import Counter

    if len(key) < 50:
        return "shorter than 50 characters"
    if key.startswith("django-insecure-"):
        return "Django's placeholder for development"
    if any(key == (key[:period] * (len(key) // period + 1))[: len(key)] for period in range(1, len(key) // 2 + 1)):
        return "a repeated pattern"
    counts = Counter(key)
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())  # character-frequency estimate
    if len(counts) < 10 or bits < 128:
        return "too few different characters"
    return None


def secret_key_file(path: Path) -> str:
    """The secret key kept in ``path``, made (random, readable by the owner only) the first time."""
    import secrets

    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 50:
        return key
    key = secrets.token_urlsafe(60)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(key, encoding="ascii")
    return key
