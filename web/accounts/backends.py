"""Authentication (身份鉴别): Django's username/password backend, refusing any attempt while locked out."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from web.accounts import lockout
from web.accounts.network import client_ip


class LockoutBackend(ModelBackend):
    """A locked username or address is refused before the password is even looked at, so guessing on
    during a lock learns nothing. Django then sends ``user_login_failed``, which the audit log records."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if lockout.locked_until(username, client_ip(request)):
            raise PermissionDenied("locked")
        return super().authenticate(request, username=username, password=password, **kwargs)
