"""Account administration (账号管理), one verb-first step each, each with its audit row.

The system administrator (系统管理员) creates accounts across issuers, resets passwords and (de)activates
accounts; the security administrator (安全管理员) lifts lockouts and resets lost second factors
(``web.accounts.twofactor.reset_for``) and keeps the audit settings. Every account an administrator
creates, and every password one resets, must be changed at its next login (``require_password_change``):
other pages that create accounts (a 督查室 managing its own issuer's) call ``create_account`` too.
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from web.accounts.lifecycle import require_password_change
from web.accounts.models import AdminDuty, LoginThrottle, Membership
from web.accounts.roles import duty_of, has_duty
from web.audit.services import record_security

Duty = AdminDuty.Duty


def temporary_password(user=None) -> str:
    """A random first password (临时密码) that passes the password policy, to be told to its owner once and
    changed at the first login (``require_password_change``)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(12))
        if not (any(c.islower() for c in candidate) and any(c.isupper() for c in candidate)
                and any(c.isdigit() for c in candidate)):
            continue
        try:
            password_validation.validate_password(candidate, user)
        except ValidationError:
            continue
        return candidate


def create_account(request, *, username: str, full_name: str = "", issuer=None, role: str = "",
                   department=None, password: str = ""):
    """A new account, with its place at an issuer when given; returns (user, the first password). The account
    must change that password at its first login."""
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise ValidationError("请填写用户名")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"用户名“{username}”已存在")
    if role and role not in Membership.Role.values:
        raise ValidationError("角色无效")
    if role and issuer is None:
        raise ValidationError("请选择所在单位")
    password = password or temporary_password()
    with transaction.atomic():
        user = User(username=username, first_name=(full_name or "").strip()[:150])
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save()
        if role:
            membership = Membership(user=user, issuer=issuer, role=role, department=department)
            membership.full_clean(exclude=["user"])
            membership.save()
        require_password_change(user)
        where = f"{issuer} · {Membership.Role(role).label}" if role else "无单位角色"
        record_security(request, "account.create", obj=user, note=where)
    return user, password


def _managed_account(request, user_id: int):
    if not has_duty(request.user, Duty.SYSTEM):
        raise PermissionDenied
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError("账号不存在")
    if user.pk == request.user.pk:
        raise ValidationError("不能在这里处理自己的账号")
    if duty_of(user) is not None or user.is_superuser:
        raise ValidationError("管理员账号只能在服务器上用命令处理")
    return user


def reset_password(request, user_id: int) -> tuple:
    """A new temporary password for another account (it forgot its own); changed at its next login."""
    user = _managed_account(request, user_id)
    password = temporary_password()
    with transaction.atomic():
        user.set_password(password)
        user.save()
        require_password_change(user)
        record_security(request, "account.password_reset", obj=user)
    return user, password


def set_active(request, user_id: int, active: bool):
    """停用/启用 an account: a deactivated one cannot log in, and its rows stay."""
    user = _managed_account(request, user_id)
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_security(request, "account.activate" if active else "account.deactivate", obj=user)
    return user


def unlock(request, throttle_id: int) -> None:
    """The security administrator lifts a lockout (解除锁定)."""
    if not has_duty(request.user, Duty.SECURITY):
        raise PermissionDenied
    throttle = LoginThrottle.objects.filter(pk=throttle_id).first()
    if throttle is None:
        raise ValidationError("该锁定已解除")
    with transaction.atomic():
        throttle.delete()
        record_security(request, "account.unlock", note=throttle.key)


def set_audit_policy(request, *, ip_retention_days: int, archive_after_days: int):
    """The security administrator's audit settings (审计策略): address retention and archiving age."""
    from web.audit.models import AuditPolicy

    if not has_duty(request.user, Duty.SECURITY):
        raise PermissionDenied
    with transaction.atomic():
        policy = AuditPolicy.current()
        before = f"地址保留 {policy.ip_retention_days} 天, 归档 {policy.archive_after_days} 天"
        policy.ip_retention_days, policy.archive_after_days = ip_retention_days, archive_after_days
        policy.full_clean()
        policy.save()
        record_security(request, "audit.policy", note=f"{before} → {policy}")
    return policy


def grant_duty(username: str, duty: str) -> AdminDuty:
    """``manage.py grant_duty``: give an account an administrator duty (on the server, by the operator)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError(f"用户“{username}”不存在")
    if duty not in Duty.values:
        raise ValidationError(f"职责应为 {', '.join(Duty.values)}")
    existing = AdminDuty.objects.filter(user=user).first()
    if existing is not None and existing.duty != duty:
        raise ValidationError(f"“{username}”已是{existing.get_duty_display()}: 三员不能由一人兼任")
    with transaction.atomic():
        held, _ = AdminDuty.objects.get_or_create(user=user, defaults={"duty": duty})
        record_security(None, "duty.grant", user=None, username="服务器命令", obj=user, note=held.get_duty_display())
    return held


def revoke_duty(username: str) -> None:
    user = get_user_model().objects.filter(username=username).first()
    held = AdminDuty.objects.filter(user=user).first() if user else None
    if held is None:
        raise ValidationError(f"“{username}”没有管理员职责")
    with transaction.atomic():
        held.delete()
        record_security(None, "duty.revoke", user=None, username="服务器命令", obj=user, note=held.get_duty_display())
