"""Who is calling (认证): a bearer token for scripts; for reads also the browser's session or nobody (the public).

Reads (GET) take ``Authorization: Bearer <token>``, else the logged-in session, else the anonymous public:
each then sees what the HTML pages show that user. Writes take a token only, so no CSRF token is needed
and every change is traceable to a token. A token that is wrong, revoked or malformed is a 401 even on a
read: a script with a bad token must not silently see the public's view.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from web.api.models import ApiToken

# The token acting in the current write, for the audit note; set only around a service call.
_acting_token: ContextVar[ApiToken | None] = ContextVar("luoshi_api_token", default=None)


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer ls_…`` (``manage.py create_api_token``); reads also accept a session or nobody."""

    def __init__(self, *, read: bool) -> None:
        self.read = read
        super().__init__()

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.strip():
            scheme, _, raw = header.strip().partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise AuthenticationError(401, "认证头格式应为 Authorization: Bearer <令牌>")
            return self.authenticate(request, raw.strip())
        if self.read:
            return request.user  # a session user, or AnonymousUser: the access helpers treat it as the public
        return None  # a write without a token: 401

    def authenticate(self, request, token: str):
        found = ApiToken.find(token)
        if found is None:
            raise AuthenticationError(401, "令牌无效、已过期或已吊销")
        found.touch()
        request.user = found.user
        request.api_token = found
        return found.user


read_auth = ApiTokenAuth(read=True)
write_auth = ApiTokenAuth(read=False)


@contextlib.contextmanager
def acting(request):
    """Around a service call: audit rows written inside name the request's token in their note."""
    reset = _acting_token.set(getattr(request, "api_token", None))
    try:
        yield request.user
    finally:
        _acting_token.reset(reset)


def note_token_on_audit_event(sender, instance, **kwargs) -> None:
    """``pre_save`` of ``AuditEvent``: a row written while a token acts gets ``API 令牌“name”`` in its note."""
    token = _acting_token.get()
    if token is None or not instance._state.adding:
        return
    mark = f"API 令牌“{token.name}”(编号{token.pk})"  # never a part of the token: the log is read by members
    instance.note = (f"{instance.note} · {mark}" if instance.note else mark)[:500]
