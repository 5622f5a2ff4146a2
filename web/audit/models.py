from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One change (变更记录): actor, time, action, the object (by type and id) and its state before → after.

    ``plan_id`` groups every event of one plan so the plan's history is one query.
    Security events (安全事件: logins, failed logins, lockouts, permission denials, exports) are rows too,
    with the client's ``ip``, no ``plan_id`` and an action listed in ``services.SECURITY_ACTIONS``.
    Rows are only ever added.
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

    class Meta:
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["object_type", "object_id"]),)
        verbose_name = verbose_name_plural = "审计记录"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs, for the history page."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
