"""The password lifecycle (密码生命周期): expiry, history, and the change forced at first login.

- Expiry: a password older than ``LUOSHI_PASSWORD_MAX_AGE_DAYS`` (0: never) must be changed before any page.
- History: none of the last ``LUOSHI_PASSWORD_HISTORY`` passwords (0: off), the current one included, may be
  chosen again. ``PasswordHistoryValidator`` is one of ``AUTH_PASSWORD_VALIDATORS``, so every way of setting a
  password (the pages, the admin, ``changepassword``) is checked, and its ``password_changed`` (called by
  Django whenever a password is saved) keeps the history and the password's date.
- First login: an account an administrator creates, or whose password one resets, gets
  ``must_change_password`` (``require_password_change``): its first page is 修改密码.

``AccountGateMiddleware`` (``web.accounts.gate``) sends the user to the change page while ``change_due`` says so.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from web.accounts.models import AccountSecurity, PasswordHistory


def state_of(user) -> AccountSecurity:
    """The user's lifecycle row (made on first use; a password never set through Django dates from now)."""
    state, _ = AccountSecurity.objects.get_or_create(user=user, defaults={"password_changed_at": timezone.now()})
    return state


def require_password_change(user) -> None:
    """The user must choose a new password at the next login: call it after an administrator sets one."""
    AccountSecurity.objects.update_or_create(user=user, defaults={"must_change_password": True})


def change_due(user) -> str | None:
    """Why the user must change the password now (a sentence for them), or None."""
    state = getattr(user, "_luoshi_account_security", None)
    if state is None:
        state = AccountSecurity.objects.filter(user=user).first()
        if state is None and settings.LUOSHI_PASSWORD_MAX_AGE_DAYS:
            state = state_of(user)  # an account from before expiry was on: its password's age counts from now
        user._luoshi_account_security = state
    if state is None:
        return None
    if state.must_change_password:
        return "这是您第一次登录, 或者您的密码刚由管理员重置: 请先设置一个只有您知道的新密码。"
    days = settings.LUOSHI_PASSWORD_MAX_AGE_DAYS
    if days and state.password_changed_at and timezone.now() - state.password_changed_at > dt.timedelta(days=days):
        return f"您的密码已使用超过 {days} 天, 请设置新密码后继续。"
    return None


class PasswordHistoryValidator:
    """Not one of the last ``LUOSHI_PASSWORD_HISTORY`` passwords (不得重复使用近期密码)."""

    def validate(self, password: str, user=None) -> None:
        count = settings.LUOSHI_PASSWORD_HISTORY
        if not count or user is None or not getattr(user, "pk", None):
            return
        user._luoshi_outgoing_password = user.password  # kept in the history once the new one is saved
        earlier = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count])
        if user.password and user.password not in earlier:
            earlier = [user.password, *earlier][:count]
        if any(check_password(password, encoded) for encoded in earlier):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        AccountSecurity.objects.update_or_create(
            user=user, defaults={"password_changed_at": timezone.now(), "must_change_password": False})
        user._luoshi_account_security = None
        count = settings.LUOSHI_PASSWORD_HISTORY
        if count:
            outgoing = getattr(user, "_luoshi_outgoing_password", "")
            if outgoing and not PasswordHistory.objects.filter(user=user, password=outgoing).exists():
                PasswordHistory.objects.create(user=user, password=outgoing)
            PasswordHistory.objects.create(user=user, password=user.password)
            stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[count:]
            PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return f"新密码不能与最近使用过的 {settings.LUOSHI_PASSWORD_HISTORY} 个密码相同。"
