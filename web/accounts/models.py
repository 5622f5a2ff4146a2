"""Departments and memberships: who works where, in which role."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models


class Department(models.Model):
    """A department (部门/单位) of one issuer: 经济发展办, 规划建设办 …

    ``aliases`` lists other names the report or a spreadsheet may use, separated by 、 or commas
    (镇经济发展办公室, 经发办), so the extractor's suggestions and an edited Excel file map to it.
    """

    issuer = models.ForeignKey("plans.Issuer", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("名称", max_length=100)
    aliases = models.CharField("别名", max_length=500, blank=True, help_text="以顿号或逗号分隔")
    order = models.PositiveIntegerField("排序", default=0)
    # Who answers for the department's rows unless a row names its own (``Task.leader_in_charge`` …):
    # the leader in charge (分管领导) is chased when the department ignores a chase; the person
    # responsible (责任人) is the one a chase names.
    leader_in_charge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="departments_in_charge", verbose_name="分管领导")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="departments_responsible", verbose_name="责任人")

    class Meta:
        ordering = ("issuer", "order", "name")
        constraints = (models.UniqueConstraint(fields=["issuer", "name"], name="department_unique_name"),)
        verbose_name = verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [a.strip() for a in re.split(r"[、,，;；\s]+", self.aliases) if a.strip()]

    def answers_to(self, name: str) -> bool:
        """True when ``name`` is this department's name or an alias, after trimming 镇/办公室 variants.

        >>> Department(name="经济发展办", aliases="经发办").answers_to("镇经济发展办公室")
        True
        >>> Department(name="经济发展办").answers_to("规划建设办")
        False
        """
        wanted = canonical_department_name(name)
        return any(canonical_department_name(n) == wanted for n in [self.name, *self.alias_list()])

    @classmethod
    def lookup(cls, issuer, name: str) -> Department | None:
        """The issuer's department called ``name`` (by name or alias), or None."""
        if not name or not name.strip():
            return None
        for department in cls.objects.filter(issuer=issuer):
            if department.answers_to(name):
                return department
        return None


def canonical_department_name(name: str) -> str:
    """Name without spaces, a trailing (qualifier), a leading 镇/县/市 and the 公室 of 办公室, for matching.

    >>> canonical_department_name(" 镇经济发展办公室 ")
    '经济发展办'
    >>> canonical_department_name("经济发展办(招商)")
    '经济发展办'
    """
    text = re.sub(r"\s+", "", name)
    text = re.sub(r"[(（][^()（）]*[)）]$", "", text)  # 经济发展办(招商): the office is what counts
    text = re.sub(r"^(本镇|镇|县|市|区)(?=.{2,})", "", text)
    return re.sub(r"办公室$", "办", text)


class Membership(models.Model):
    """A user's place at one issuer: their role and, for staff, their department.

    Roles: supervisor (督查室, owns the plans and edits everything), staff (部门工作人员, reads the
    plan and later reports progress on their department's tasks), leader (领导, reads everything
    and writes 批示). A county's 督查室 and leaders read its towns' plans too, read only
    (``web.accounts.roles``).
    """

    class Role(models.TextChoices):
        SUPERVISOR = "supervisor", "督查室"
        STAFF = "staff", "部门工作人员"
        LEADER = "leader", "领导"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    issuer = models.ForeignKey("plans.Issuer", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="members")

    class Meta:
        constraints = (models.UniqueConstraint(fields=["user", "issuer"], name="membership_one_per_issuer"),)
        verbose_name = verbose_name_plural = "成员"

    def __str__(self) -> str:
        where = self.department or self.issuer
        return f"{self.user} · {where} · {self.get_role_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.role == self.Role.STAFF and self.department_id is None:
            raise ValidationError({"department": "部门工作人员必须属于一个部门"})
        if self.department_id and self.department.issuer_id != self.issuer_id:
            raise ValidationError({"department": "部门不属于该单位"})


class LoginThrottle(models.Model):
    """Failed logins counted for one username or one client address (登录失败计数), for the lockout.

    ``key`` is ``user:<username, lower case>`` or ``ip:<address>``. Failures count within a window that
    starts at the first one; reaching the limit locks the key until ``locked_until``. A username that
    does not exist is counted and locked the same way, so the lockout tells nobody which accounts exist.
    The logic is in ``web.accounts.lockout``.
    """

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败计数"

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class AdminDuty(models.Model):
    """An administrator's duty (三员分立): system administrator (系统管理员: accounts and configuration),
    security administrator (安全管理员: lockouts, two-factor resets, audit settings) or auditor (审计管理员:
    reads and exports the audit log). One duty per person, so no one holds two of them; a duty gives no
    access to plans (a plan role is a ``Membership``). Granted on the server with ``manage.py grant_duty``.
    """

    class Duty(models.TextChoices):
        SYSTEM = "system", "系统管理员"
        SECURITY = "security", "安全管理员"
        AUDIT = "audit", "审计管理员"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="admin_duty")
    duty = models.CharField("职责", max_length=20, choices=Duty.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "管理员职责"

    def __str__(self) -> str:
        return f"{self.user} · {self.get_duty_display()}"


class AccountSecurity(models.Model):
    """A user's password lifecycle (密码生命周期): when the password was last set, and whether it must be
    changed at the next login (an account the office created or whose password an administrator reset)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_security")
    password_changed_at = models.DateTimeField("密码设置时间", null=True, blank=True)
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "账号安全状态"

    def __str__(self) -> str:
        return f"{self.user}"


class PasswordHistory(models.Model):
    """An earlier password's hash (历史密码), so it cannot be chosen again (``LUOSHI_PASSWORD_HISTORY``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = verbose_name_plural = "历史密码"

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"
