"""Administrators' pages (三员管理页面): the system administrator's accounts and configuration, the security
administrator's lockouts, second-factor resets and audit settings. Each page asks ``require_duty`` first;
none shows plan data. The auditor's pages are in ``web.audit.views``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from web.accounts import administration, twofactor
from web.accounts.models import AdminDuty, Department, LoginThrottle, Membership
from web.accounts.roles import duty_of, require_duty
from web.audit.models import AuditPolicy
from web.crypto.digest import preferred_algorithm
from web.crypto.envelope import CIPHER_NAMES, current_key, preferred_cipher
from web.steps import carry_out, refusal

Duty = AdminDuty.Duty
HOME = {Duty.SYSTEM: "manage_accounts", Duty.SECURITY: "manage_security", Duty.AUDIT: "audit_log"}


@login_required
def home(request):
    duty = duty_of(request.user)
    if duty is None:
        raise PermissionDenied
    return redirect(HOME[duty])


# --- system administrator ------------------------------------------------------------------------------------


@never_cache  # shows a new account's temporary password
@login_required
def accounts(request):
    """账号管理: every account across issuers, and a form to create one."""
    require_duty(request, Duty.SYSTEM)
    if request.method == "POST":
        return _create(request)
    users = (get_user_model().objects.order_by("username")
             .prefetch_related("memberships__issuer", "memberships__department").select_related("admin_duty"))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    enrolled = set(TOTPDevice.objects.filter(confirmed=True, user__in=[u.pk for u in page])
                   .values_list("user_id", flat=True))
    from web.plans.models import Issuer

    return render(request, "manage/accounts.html", {
        "page": page, "enrolled": enrolled, "issuers": Issuer.objects.order_by("name"),
        "departments": Department.objects.select_related("issuer").order_by("issuer__name", "order"),
        "roles": Membership.Role.choices})


def _create(request):
    from web.plans.models import Issuer

    data = request.POST
    issuer = Issuer.objects.filter(pk=data.get("issuer") or None).first()
    department = Department.objects.filter(pk=data.get("department") or None, issuer=issuer).first()
    try:
        user, password = administration.create_account(
            request, username=data.get("username", ""), full_name=data.get("full_name", ""), issuer=issuer,
            role=data.get("role", ""), department=department)
    except ValidationError as e:
        messages.error(request, refusal(e))
        return redirect("manage_accounts")
    return render(request, "manage/password_issued.html", {"account": user, "password": password, "created": True})


@never_cache
@require_POST
@login_required
def reset_password(request, user_id: int):
    require_duty(request, Duty.SYSTEM)
    try:
        user, password = administration.reset_password(request, user_id)
    except ValidationError as e:
        messages.error(request, refusal(e))
        return redirect("manage_accounts")
    return render(request, "manage/password_issued.html", {"account": user, "password": password})


@require_POST
@login_required
def set_active(request, user_id: int):
    require_duty(request, Duty.SYSTEM)
    carry_out(request, lambda: administration.set_active(request, user_id, request.POST.get("active") == "1"),
              lambda user: f"已{'启用' if user.is_active else '停用'}账号 {user.username}")
    return redirect("manage_accounts")


@login_required
def configuration(request):
    """系统配置: the security settings in force (set on the server), for the system administrator to check."""
    require_duty(request, Duty.SYSTEM)
    policy = AuditPolicy.current()
    rows = [
        ("生产模式 (HTTPS、安全 Cookie、HSTS)", "开启" if settings.LUOSHI_PRODUCTION else "关闭 (演示)"),
        ("督查室和管理员须用双因素认证", "是" if settings.LUOSHI_REQUIRE_2FA else "否"),
        ("密码最长使用天数", settings.LUOSHI_PASSWORD_MAX_AGE_DAYS or "不限"),
        ("不得重复使用的近期密码个数", settings.LUOSHI_PASSWORD_HISTORY or "不限制"),
        ("登录失败锁定", f"{settings.LUOSHI_LOCKOUT_ATTEMPTS} 次 / {settings.LUOSHI_LOCKOUT_MINUTES} 分钟"),
        ("会话超时", f"空闲 {settings.LUOSHI_SESSION_IDLE_MINUTES} 分钟, "
                     f"最长 {settings.LUOSHI_SESSION_MAX_HOURS} 小时"),
        ("佐证材料和备份加密", f"{CIPHER_NAMES[preferred_cipher()]}" if current_key() else "未配置密钥, 未加密"),
        ("审计链杂凑算法", preferred_algorithm().upper()),
        ("来源地址保留", f"{policy.ip_retention_days} 天" if policy.ip_retention_days else "不匿名化"),
        ("审计记录归档", f"{policy.archive_after_days} 天后" if policy.archive_after_days else "不归档"),
    ]
    return render(request, "manage/configuration.html", {"rows": rows})


# --- security administrator ----------------------------------------------------------------------------------


@login_required
def security(request):
    """安全管理: current lockouts, accounts using two factors (reset on a lost phone), the audit settings."""
    require_duty(request, Duty.SECURITY)
    locks = LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("-locked_until")
    enrolled = (get_user_model().objects.filter(totpdevice__confirmed=True).distinct().order_by("username"))
    return render(request, "manage/security.html", {"locks": locks, "enrolled": enrolled,
                                                    "policy": AuditPolicy.current()})


@require_POST
@login_required
def unlock(request, throttle_id: int):
    require_duty(request, Duty.SECURITY)
    carry_out(request, lambda: administration.unlock(request, throttle_id), "已解除锁定")
    return redirect("manage_security")


@require_POST
@login_required
def reset_two_factor(request, user_id: int):
    require_duty(request, Duty.SECURITY)
    carry_out(request, lambda: twofactor.reset_for(request, user_id), "已重置该账号的双因素认证, 其下次登录时重新启用")
    return redirect("manage_security")


@require_POST
@login_required
def audit_policy(request):
    require_duty(request, Duty.SECURITY)
    carry_out(request, lambda: administration.set_audit_policy(
        request, ip_retention_days=_days(request.POST.get("ip_retention_days")),
        archive_after_days=_days(request.POST.get("archive_after_days"))), "审计策略已保存")
    return redirect("manage_security")


def _days(value) -> int:
    try:
        days = int(value or 0)
    except ValueError:
        raise ValidationError("天数应为非负整数") from None
    if days < 0:
        raise ValidationError("天数应为非负整数")
    return days
