from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class AuditEvent(models.Model):
    """One change (变更记录): actor, time, action, the object (by type and id) and its state before → after.

    ``plan_id`` groups every event of one plan so the plan's history is one query.
    Security events (安全事件: logins, failed logins, lockouts, permission denials, exports) are rows too,
    with the client's ``ip``, no ``plan_id`` and an action listed in ``services.SECURITY_ACTIONS``.
    Rows are only ever added, and each is chained to the one before (防篡改): after the writing transaction
    commits, ``web.audit.chain.seal_pending`` gives it the next ``seq``, the previous row's ``hash`` as
    ``prev_hash``, and its own ``hash`` over its content (``algorithm``: SM3 where available, else SHA-256).
    The address is covered through ``ip_digest`` = H(``ip_salt`` ‖ ``ip``), so it can be anonymised later
    (``ip`` and ``ip_salt`` emptied) while the chain still verifies.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)  # app_label.model, e.g. plans.task
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    plan_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    # Where a security event (登录, 登录失败, 拒绝访问, 导出) came from; empty for changes made by services.
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    # The hash chain (web/audit/chain.py); empty until sealed, just after the writing transaction commits.
    seq = models.BigIntegerField("链序号", null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField("杂凑值", max_length=64, blank=True)
    algorithm = models.CharField("杂凑算法", max_length=10, blank=True)
    ip_salt = models.CharField(max_length=32, blank=True)
    ip_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["object_type", "object_id"]),)
        verbose_name = verbose_name_plural = "审计记录"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding:
            from web.audit import chain

            self.algorithm = self.algorithm or chain.preferred_algorithm()
            if self.ip and not self.ip_digest:
                self.ip_salt = secrets.token_hex(16)
                self.ip_digest = chain.address_digest(self.ip_salt, self.ip, self.algorithm)
        super().save(*args, **kwargs)
        if adding:
            from web.audit import chain

            transaction.on_commit(chain.seal_after_commit, using=kwargs.get("using"), robust=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs, for the history page."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class AuditChainHead(models.Model):
    """The end of the audit chain (审计链头): one row, locked while rows are sealed, so concurrent writers
    append one after the other. ``archived_*`` is where the chain continues after older rows were moved to
    an archive file (``web.audit.retention``)."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)
    archived_seq = models.BigIntegerField(default=0)
    archived_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class AuditPolicy(models.Model):
    """Audit settings (审计策略), kept by the security administrator: how long client addresses are kept
    before they are anonymised, and after how long rows are moved to a signed archive file (never under
    180 days: 网络安全法 第二十一条). 0 turns either off. One row."""

    MINIMUM_KEEP_DAYS = 180

    ip_retention_days = models.PositiveIntegerField(
        "来源地址保留天数", default=0, help_text="超过天数的审计记录中的来源地址将被匿名化, 0 表示不匿名化")
    archive_after_days = models.PositiveIntegerField(
        "归档天数", default=0, help_text="超过天数的审计记录移入签名归档文件, 0 表示不归档, 否则至少 180")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计策略"

    def __str__(self) -> str:
        return f"地址保留 {self.ip_retention_days} 天, 归档 {self.archive_after_days} 天"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.archive_after_days and self.archive_after_days < self.MINIMUM_KEEP_DAYS:
            raise ValidationError({"archive_after_days": f"审计记录至少保存 {self.MINIMUM_KEEP_DAYS} 天"})

    @classmethod
    def current(cls) -> AuditPolicy:
        policy = cls.objects.filter(pk=1).first()
        if policy is None:
            policy = cls(pk=1, ip_retention_days=settings.LUOSHI_AUDIT_IP_DAYS,
                         archive_after_days=settings.LUOSHI_AUDIT_ARCHIVE_DAYS)
        return policy
