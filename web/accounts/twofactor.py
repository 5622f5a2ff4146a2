"""Two-factor authentication (双因素认证): a password, then a code from an authenticator app (TOTP, RFC 6238)
or one of ten single-use backup codes, through django-otp.

Who must: with ``LUOSHI_REQUIRE_2FA`` on (the default in production), superusers, supervisors (督查室) and the
three administrators; anyone else may turn it on, and then must give a code at every login too. Enrolment
shows the secret as a QR code (inline SVG, made here: no request leaves the page) and as text, checks one
code, and hands out the backup codes once. A lost phone is reset by the security administrator, never by the
account itself. Every step is a security event in the audit log.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from web.accounts import lockout
from web.accounts.models import AdminDuty, Membership
from web.accounts.network import client_ip
from web.audit.services import record_security

STEP = "luoshi_2fa_step"  # session key: "verify", "enrol" or "" (nothing asked), decided at login
BACKUP_CODES = 10
TOTP_NAME, BACKUP_NAME = "身份验证器", "备用码"


def required_for(user) -> bool:
    """True when the user may not work without a second factor (``LUOSHI_REQUIRE_2FA``)."""
    if not settings.LUOSHI_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser or AdminDuty.objects.filter(user=user).exists():
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.SUPERVISOR).exists()


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def step_for(user) -> str:
    """What a fresh login of ``user`` must do next: ``verify`` a code, ``enrol`` first, or nothing ("")."""
    if is_enrolled(user):
        return "verify"
    return "enrol" if required_for(user) else ""


def step_needed(request) -> str:
    """What this session must still do before any page (decided once per login, kept in the session)."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return ""
    if STEP not in request.session:
        request.session[STEP] = step_for(user)
    return request.session[STEP]


# --- enrolment -----------------------------------------------------------------------------------------------


def pending_device(user) -> TOTPDevice:
    """The user's authenticator being set up (unconfirmed), made on first visit of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The ``otpauth://`` address as an inline SVG QR code (drawn here, no external request)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff",
                                                             title="身份验证器二维码")
    return mark_safe(svg)


def confirm_enrolment(request, token: str) -> list[str]:
    """Check the first code from the app; on success the authenticator is kept, the session counts as
    verified and the backup codes are returned (shown once). A wrong code raises ``ValidationError``."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError("请重新打开启用页面")
    if not device.verify_token(_clean(token)):
        record_security(request, "2fa.failed", obj=user, note="启用时验证码不正确")
        raise ValidationError("验证码不正确, 请核对手机上的时间后重试")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save()
        codes = _new_backup_codes(user)
        record_security(request, "2fa.enrol", obj=user)
    otp_login(request, device)
    request.session.pop(STEP, None)  # decided again should the device go (reset while logged in)
    return codes


def renew_backup_codes(request) -> list[str]:
    """A fresh set of backup codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_backup_codes(request.user)
        record_security(request, "2fa.backup_codes", obj=request.user)
    return codes


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def disable(request) -> None:
    """The user turns two factors off: only when not required of them."""
    if required_for(request.user):
        raise ValidationError("您的账号必须使用双因素认证, 不能停用")
    with transaction.atomic():
        for device in devices_for_user(request.user, confirmed=None):
            device.delete()
        record_security(request, "2fa.disable", obj=request.user)


# --- login ---------------------------------------------------------------------------------------------------


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()


def verify(request, token: str) -> bool:
    """Check a code from the app or a backup code; success marks the session verified. A failure counts
    towards the username's lockout like a wrong password, and a lock ends the session."""
    from django.contrib.auth import logout

    user, token = request.user, _clean(token)
    for device in devices_for_user(user, confirmed=True):
        if token and device.verify_token(token):
            otp_login(request, device)
            request.session.pop(STEP, None)  # decided again should the device go (reset while logged in)
            backup = isinstance(device, StaticDevice)
            record_security(request, "2fa.backup_code" if backup else "2fa.verify", obj=user,
                            note=f"剩余备用码 {backup_codes_left(user)} 个" if backup else "")
            return True
    record_security(request, "2fa.failed", obj=user, note="登录时验证码不正确")
    if lockout.note_failure(user.get_username(), client_ip(request)):
        record_security(request, "auth.lockout", obj=user, note="双因素验证码连续错误, 已锁定")
        logout(request)
    return False


# --- lost device ---------------------------------------------------------------------------------------------


def reset_for(request, user_id: int) -> None:
    """The security administrator removes another account's authenticator and backup codes (lost phone);
    the account enrols again at its next login. Nobody resets their own."""
    from web.accounts.roles import has_duty

    if not has_duty(request.user, AdminDuty.Duty.SECURITY):
        raise PermissionDenied
    target = get_user_model().objects.filter(pk=user_id).first()
    if target is None:
        raise ValidationError("账号不存在")
    if target.pk == request.user.pk:
        raise ValidationError("不能重置自己的双因素认证, 请由另一位安全管理员办理")
    with transaction.atomic():
        devices = list(devices_for_user(target, confirmed=None))
        for device in devices:
            device.delete()
        record_security(request, "2fa.reset", obj=target, note=f"丢失设备, 已清除 {len(devices)} 个认证设备")
