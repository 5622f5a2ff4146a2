"""Running an issuer's people (部门与人员), one verb-first step each, each in one transaction with its audit row.

The 督查室 adds and edits departments (name, aliases, 分管领导, 责任人) and accounts (name, e-mail, role,
department), resets a password and deactivates or reactivates someone. Callers have checked who may do it
(``web.accounts.access``). A refused step raises ``ValidationError`` with one sentence and changes nothing.
Passwords never reach the audit trail.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from web.accounts.administration import temporary_password
from web.accounts.lifecycle import require_password_change
from web.accounts.models import Department, LoginThrottle, Membership
from web.accounts.people import display_name
from web.audit.services import record

Role = Membership.Role


def department_snapshot(d: Department) -> dict:
    return {"name": d.name, "aliases": d.aliases, "order": d.order,
            "leader_in_charge": display_name(d.leader_in_charge) or None,
            "responsible": display_name(d.responsible) or None}


def account_snapshot(m: Membership) -> dict:
    return {"username": m.user.username, "full_name": m.user.get_full_name(), "email": m.user.email,
            "role": m.role, "department": m.department.name if m.department_id else None,
            "active": m.user.is_active}


def _check_people(issuer, leader_in_charge, responsible) -> None:
    if leader_in_charge is not None and not Membership.objects.filter(
            user=leader_in_charge, issuer=issuer, role=Role.LEADER).exists():
        raise ValidationError(f"{display_name(leader_in_charge)}不是{issuer}的领导,不能任分管领导")
    if responsible is not None and not Membership.objects.filter(user=responsible, issuer=issuer).exists():
        raise ValidationError(f"{display_name(responsible)}不是{issuer}的人员,不能任责任人")


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写部门名称")
    return name


def add_department(actor, issuer, *, name: str, aliases: str = "", order: int = 0, leader_in_charge=None,
                   responsible=None) -> Department:
    """The office adds a department (新增部门)."""
    name = _clean_name(name)
    _check_people(issuer, leader_in_charge, responsible)
    with transaction.atomic():
        if Department.objects.filter(issuer=issuer, name=name).exists():
            raise ValidationError(f"{issuer}已有名为“{name}”的部门")
        department = Department.objects.create(issuer=issuer, name=name, aliases=(aliases or "").strip(),
                                               order=order or 0, leader_in_charge=leader_in_charge,
                                               responsible=responsible)
        record(actor, "department.add", department, None, department_snapshot(department))
    return department


def edit_department(actor, department: Department, *, name: str, aliases: str = "", order: int = 0,
                    leader_in_charge=None, responsible=None) -> Department:
    """The office edits a department (修改部门): its name, aliases, order, 分管领导 and 责任人."""
    name = _clean_name(name)
    _check_people(department.issuer, leader_in_charge, responsible)
    with transaction.atomic():
        if Department.objects.filter(issuer=department.issuer, name=name).exclude(pk=department.pk).exists():
            raise ValidationError(f"{department.issuer}已有名为“{name}”的部门")
        before = department_snapshot(department)
        department.name, department.aliases, department.order = name, (aliases or "").strip(), order or 0
        department.leader_in_charge, department.responsible = leader_in_charge, responsible
        department.save()
        after = department_snapshot(department)
        if after != before:
            record(actor, "department.edit", department, before, after)
    return department


def _check_role(issuer, role: str, department) -> None:
    if role not in Role.values:
        raise ValidationError("请选择角色")
    if role == Role.STAFF and department is None:
        raise ValidationError("部门工作人员必须属于一个部门")
    if department is not None and department.issuer_id != issuer.pk:
        raise ValidationError("部门不属于该单位")


def add_account(actor, issuer, *, username: str, full_name: str, email: str = "", role: str,
                department=None) -> tuple[Membership, str]:
    """The office adds an account (新增账号) with a temporary password, returned once, never stored in clear."""
    username = (username or "").strip()
    if not username:
        raise ValidationError("请填写登录名")
    _check_role(issuer, role, department)
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(f"登录名“{username}”已被使用")
        user = User(username=username, first_name=(full_name or "").strip()[:150], email=(email or "").strip())
        password = temporary_password(user)
        user.set_password(password)
        try:
            user.save()
        except IntegrityError:
            raise ValidationError(f"登录名“{username}”已被使用") from None
        membership = Membership.objects.create(user=user, issuer=issuer, role=role, department=department)
        require_password_change(user)  # the temporary password is changed at the first login
        record(actor, "account.add", membership, None, account_snapshot(membership))
    return membership, password


def edit_account(actor, membership: Membership, *, full_name: str, email: str = "", role: str,
                 department=None) -> Membership:
    """The office edits an account (修改账号): the name, e-mail, role and department (moving someone)."""
    _check_role(membership.issuer, role, department)
    if membership.user_id == actor.pk and role != membership.role:
        raise ValidationError("不能修改自己的角色")
    with transaction.atomic():
        before = account_snapshot(membership)
        user = membership.user
        user.first_name, user.email = (full_name or "").strip()[:150], (email or "").strip()
        user.save(update_fields=["first_name", "email"])
        membership.role, membership.department = role, department
        membership.save(update_fields=["role", "department"])
        after = account_snapshot(membership)
        if after != before:
            record(actor, "account.edit", membership, before, after)
    return membership


def reset_password(actor, membership: Membership) -> str:
    """The office resets someone's password (重置密码): a temporary one, returned once; a lockout is lifted."""
    with transaction.atomic():
        user = membership.user
        password = temporary_password(user)
        user.set_password(password)
        user.save(update_fields=["password"])
        require_password_change(user)
        LoginThrottle.objects.filter(key=f"user:{user.username.lower()}").delete()
        record(actor, "account.reset_password", membership, note="已生成临时密码(不记录密码本身)")
    return password


def set_account_active(actor, membership: Membership, *, active: bool) -> Membership:
    """The office deactivates someone (停用: they can no longer log in, their records stay) or reactivates them."""
    if membership.user_id == actor.pk and not active:
        raise ValidationError("不能停用自己的账号")
    with transaction.atomic():
        before = account_snapshot(membership)
        membership.user.is_active = active
        membership.user.save(update_fields=["is_active"])
        record(actor, "account.enable" if active else "account.disable", membership, before,
               account_snapshot(membership))
    return membership
