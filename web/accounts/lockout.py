"""Login lockout (登录锁定): too many failed logins for a username, or from one address, and further attempts
are refused for a while, whatever the password.

``LUOSHI_LOCKOUT_ATTEMPTS`` failures for a username within ``LUOSHI_LOCKOUT_MINUTES`` lock it for that many
minutes; ``LUOSHI_LOCKOUT_IP_ATTEMPTS`` failures from one address lock the address (0: no address lock;
keep it well above the per-user limit when a whole office shares one address). A successful login clears
the username's count. The check runs in the authentication backend, so the admin login is covered too.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from web.accounts.models import LoginThrottle


def _keys(username: str | None, ip: str | None) -> list[tuple[str, int]]:
    keys = []
    if username:
        keys.append((f"user:{username.strip().lower()[:150]}", settings.LUOSHI_LOCKOUT_ATTEMPTS))
    if ip and settings.LUOSHI_LOCKOUT_IP_ATTEMPTS:
        keys.append((f"ip:{ip}", settings.LUOSHI_LOCKOUT_IP_ATTEMPTS))
    return keys


def _period() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LUOSHI_LOCKOUT_MINUTES)


def locked_until(username: str | None, ip: str | None) -> dt.datetime | None:
    """When the lock on this username or address ends, or None when neither is locked."""
    keys = [key for key, _ in _keys(username, ip)]
    if not keys:
        return None
    now = timezone.now()
    ends = LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now).values_list("locked_until", flat=True)
    return max(ends, default=None)


def note_failure(username: str | None, ip: str | None) -> list[str]:
    """Count one failed login; returns the keys this failure locked (empty when nothing new is locked).

    Attempts refused during a lock are not counted: the lock runs from the failure that reached the limit.
    """
    now, newly_locked = timezone.now(), []
    for key, limit in _keys(username, ip):
        with transaction.atomic():
            throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"window_start": now})
            if throttle.locked_until and throttle.locked_until > now:
                continue
            if throttle.locked_until or throttle.window_start + _period() <= now:
                throttle.failures, throttle.window_start, throttle.locked_until = 0, now, None
            throttle.failures += 1
            if throttle.failures >= limit:
                throttle.locked_until = now + _period()
                newly_locked.append(key)
            throttle.save()
    return newly_locked


def note_success(username: str) -> None:
    """A successful login clears the username's failures (not the address's: one good account must not
    let an address go on guessing others)."""
    LoginThrottle.objects.filter(key=f"user:{username.strip().lower()[:150]}").delete()


def minutes_left(until: dt.datetime) -> int:
    """Whole minutes until ``until``, at least 1, for the message."""
    seconds = (until - timezone.now()).total_seconds()
    return max(1, int(-(-seconds // 60)))
