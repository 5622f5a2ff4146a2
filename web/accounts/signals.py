"""Security events from Django's auth signals into the audit log (安全审计), and the lockout's counting.

Connected in ``AccountsConfig.ready``. Every way of logging in (the login page, the admin, a test's
``force_login``) sends these signals, so none escapes the log.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from web.accounts import lockout
from web.accounts.network import client_ip
from web.audit.services import record_security

LOGIN_AT = "luoshi_login_at"  # session key: when this session logged in (epoch seconds), for the absolute age
LOGOUT_REASON = "_luoshi_logout_reason"  # request attribute set by the session timeout


@receiver(user_logged_in, dispatch_uid="luoshi_user_logged_in")
def on_login(sender, request, user, **kwargs):
    lockout.note_success(user.get_username())
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = time.time()
        for step in ("luoshi_2fa_step", "luoshi_password_due"):  # decided again for this login (web/accounts/gate.py)
            request.session.pop(step, None)
    record_security(request, "auth.login", user=user)


@receiver(user_logged_out, dispatch_uid="luoshi_user_logged_out")
def on_logout(sender, request, user, **kwargs):
    if user is None:  # logging out without being logged in: nothing happened
        return
    action = getattr(request, LOGOUT_REASON, None) or "auth.logout"
    record_security(request, action, user=user)


@receiver(user_login_failed, dispatch_uid="luoshi_user_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    if lockout.locked_until(username, client_ip(request)):
        record_security(request, "auth.login_failed", user=None, username=username, note="已锁定期间的尝试, 未校验密码")
        return
    count_failure(request, username, "auth.login_failed", note="用户名或密码不正确", user=None)


def count_failure(request, username: str, action: str, *, note: str, user=None) -> bool:
    """A wrong password (at login, or the old one when changing it): counted toward the lockout and audited,
    with the lock it caused. Returns whether the username is now locked."""
    locked = lockout.note_failure(username, client_ip(request))
    record_security(request, action, user=user, username=username, note=note)
    for key in locked:
        what = "该用户名" if key.startswith("user:") else "该来源地址"
        record_security(request, "auth.lockout", user=None, username=username,
                        note=f"{what}连续输错密码, 锁定 {settings.LUOSHI_LOCKOUT_MINUTES} 分钟 ({key})")
    return bool(lockout.locked_until(username, None))
