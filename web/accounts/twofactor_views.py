"""Two-factor pages (双因素认证): the account's own page, enrolment with a QR code, the code asked at login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from web.accounts import lockout, twofactor
from web.accounts.network import client_ip


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


@login_required
def status(request):
    """双因素认证: whether it is on, how many backup codes are left, and the buttons to change that."""
    user = request.user
    return render(request, "accounts/two_factor.html", {
        "enrolled": twofactor.is_enrolled(user), "required": twofactor.required_for(user),
        "codes_left": twofactor.backup_codes_left(user)})


@never_cache  # a secret, backup codes: never kept by a browser or proxy
@login_required
def enrol(request):
    """启用: scan the QR code (or type the secret), give one code, receive the backup codes. Replacing an
    authenticator needs the current one first: a password alone cannot swap the second factor."""
    if twofactor.is_enrolled(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
    if request.method == "POST":
        try:
            codes = twofactor.confirm_enrolment(request, request.POST.get("token", ""))
        except ValidationError as e:
            messages.error(request, e.messages[0])
            return redirect(f"{request.path}?next={_next(request)}")
        return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request),
                                                                  "first": True})
    device = twofactor.pending_device(request.user)
    return render(request, "accounts/two_factor_enrol.html", {
        "qr": twofactor.qr_svg(device), "secret": twofactor.secret_text(device), "next": _next(request),
        "required": twofactor.required_for(request.user)})


@never_cache  # a secret, backup codes: never kept by a browser or proxy
@login_required
def verify(request):
    """The code asked after the password: from the app, or one backup code."""
    if request.method == "POST":
        user = request.user
        if lockout.locked_until(user.get_username(), client_ip(request)):
            logout(request)
            messages.error(request, "登录失败次数过多, 已暂时锁定, 请稍后再试。")
            return redirect("login")
        if twofactor.verify(request, request.POST.get("token", "")):
            return redirect(_next(request))
        if not request.user.is_authenticated:  # the failure locked the account and ended the session
            messages.error(request, "验证码错误次数过多, 已暂时锁定, 请稍后再试。")
            return redirect("login")
        messages.error(request, "验证码不正确, 请重试。")
        return redirect(f"{request.path}?next={_next(request)}")
    if request.user.is_verified():
        return redirect(_next(request))
    return render(request, "accounts/two_factor_verify.html", {"next": _next(request)})


@require_POST
@never_cache  # a secret, backup codes: never kept by a browser or proxy
@login_required
def renew_codes(request):
    """Regenerate the backup codes (the old ones stop working); only with the second factor given."""
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    codes = twofactor.renew_backup_codes(request)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request, "two_factor")})


@require_POST
@login_required
def disable(request):
    try:
        twofactor.disable(request)
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, "已停用双因素认证")
    return redirect("two_factor")
