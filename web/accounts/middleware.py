"""Session timeout (会话超时), the request size limit and private responses, as middleware.

- ``SessionTimeoutMiddleware``: a session idle for ``LUOSHI_SESSION_IDLE_MINUTES`` or older than
  ``LUOSHI_SESSION_MAX_HOURS`` since its login is logged out (audited as 超时自动退出) and the user is
  asked to log in again. Placed after the auth and message middleware.
- ``RequestSizeMiddleware``: a request body larger than any form may send is answered with a page in
  Chinese (413) before it is read, instead of Django's RequestDataTooBig.
- ``PrivateResponseMiddleware``: what a signed-in user (or an API token) is answered is ``Cache-Control:
  no-store``, kept by no browser or proxy cache; every answer varies on ``HX-Request`` (an htmx request may
  get a fragment of the page at the same URL). Downloads (exports, evidence, bulletins) are ``never_cache``
  in their views, whoever asks. Static files are answered before this and stay cacheable.
"""

from __future__ import annotations

import time
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from web.accounts.signals import LOGIN_AT, LOGOUT_REASON

SEEN_AT = "luoshi_seen_at"  # session key: the last request (epoch seconds), written at most once a minute
SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request.session, time.time())
            if expired:
                setattr(request, LOGOUT_REASON, "auth.timeout")
                logout(request)
                messages.info(request, expired)
                if request.htmx:
                    # htmx would swap the login page into a table row: send the whole page there instead.
                    page = urlsplit(request.htmx.current_url or "/")
                    back = quote(page.path + (f"?{page.query}" if page.query else ""), safe="")
                    login = f"{reverse(settings.LOGIN_URL)}?next={back}"
                    return HttpResponse(status=204, headers={"HX-Redirect": login})
        return self.get_response(request)

    @staticmethod
    def _expired(session, now: float) -> str | None:
        """Why the session has ended (a message for the user), or None; notes the request's time."""
        seen, login_at = session.get(SEEN_AT), session.get(LOGIN_AT)
        if seen is not None and now - seen > settings.LUOSHI_SESSION_IDLE_MINUTES * 60:
            return f"超过 {settings.LUOSHI_SESSION_IDLE_MINUTES} 分钟未操作, 已自动退出, 请重新登录。"
        if login_at is not None and now - login_at > settings.LUOSHI_SESSION_MAX_HOURS * 3600:
            return f"登录已超过 {settings.LUOSHI_SESSION_MAX_HOURS} 小时, 已自动退出, 请重新登录。"
        if login_at is None:
            session[LOGIN_AT] = now  # a session from before this rule: its age counts from now
        if seen is None or now - seen >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
        return None


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.LUOSHI_MAX_REQUEST_BYTES:
            limit = settings.LUOSHI_MAX_UPLOAD_MB
            context = {"status": 413, "title": "文件过大",
                       "message": f"上传的内容太大, 未能接收。单个文件不能超过 {limit} MB, 请压缩或拆分后重新上传。"}
            return render(request, "error.html", context, status=413)
        return self.get_response(request)


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        user = getattr(request, "user", None)  # set by the session, or by an API token inside the view
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
