"""The account gate (登录后检查): after the password, a session must give its second factor (or enrol one when
it is required) and then change a password that is due, before it reaches any page.

A logged-in session that has not passed is sent to the step it owes (the 2FA page, then 修改密码); htmx
requests get an ``HX-Redirect``; the API answers 401 to such a session (a bearer token is not a session and
passes). The login and logout pages, the steps' own pages and static files are always open.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from web.accounts import lifecycle, twofactor

OPEN_PREFIXES = ("/static/", "/accounts/login/", "/accounts/logout/", "/admin/logout/", "/accounts/2fa/verify/",
                 "/accounts/2fa/enrol/")
PASSWORD_DUE = "luoshi_password_due"  # session key: the reason a password change is owed ("" when none)


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/") and request.headers.get("Authorization"):
            return self.get_response(request)  # a token, not this session, is who calls
        step = twofactor.step_needed(request)
        if step:
            return self._send(request, reverse("two_factor_verify" if step == "verify" else "two_factor_enrol"),
                              "请先完成双因素认证")
        if PASSWORD_DUE not in request.session:
            request.session[PASSWORD_DUE] = lifecycle.change_due(user) or ""
        if request.session[PASSWORD_DUE] and request.path != reverse("password_change"):
            return self._send(request, reverse("password_change"), "请先修改密码")
        return self.get_response(request)

    @staticmethod
    def _send(request, to: str, why: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": why}, status=401)
        back = request.get_full_path()
        target = f"{to}?next={quote(back, safe='/')}" if request.method == "GET" else to
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return HttpResponseRedirect(target)
