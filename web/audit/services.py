"""The audit API for every app: ``record`` a change inside the caller's transaction, read ``history_of``.

Usage, in a service function::

    with transaction.atomic():
        before = task.snapshot()
        task.text = text
        task.save()
        record(actor, "task.edit", task, before=before, after=task.snapshot())

``before``/``after`` are JSON-serialisable dicts (dates as ISO strings); ``None`` for a creation's
before or a deletion's after. ``plan`` is found from ``obj.plan`` / ``obj.task.plan`` when not given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models

from web.audit.models import AuditEvent

# Chinese labels of actions, for the history pages. Apps may add their own: ACTION_LABELS["report.submit"] = "…".
ACTION_LABELS: dict[str, str] = {
    "plan.import": "导入规划",
    "plan.reimport": "重新导入规划",
    "plan.publish": "公开规划",
    "plan.unpublish": "取消公开",
    "section.create": "新增章节",
    "section.update": "修改章节",
    "task.create": "新增任务",
    "task.add": "手工添加任务",
    "task.edit": "修改任务",
    "task.split": "拆分任务",
    "task.merge": "合并任务",
    "task.archive": "归档任务",
    "task.restore": "恢复任务",
    "task.reimport": "重新导入时更新",
    "target.create": "新增目标",
    "target.edit": "修改目标",
    "target.archive": "归档目标",
    "assignment.change": "调整责任分工",
    "instruction.write": "领导批示",
    "task_table.apply": "导入任务分解表",
}

# Security events (安全事件), recorded by ``record_security``: who, from where, did what to the system.
SECURITY_LABELS: dict[str, str] = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.timeout": "超时自动退出",
    "auth.login_failed": "登录失败",
    "auth.lockout": "登录锁定",
    "auth.password_change": "修改密码",
    "auth.password_change_failed": "修改密码时原密码错误",
    "api.tokens_revoked": "吊销接口令牌",
    "access.denied": "拒绝访问",
    "access.csrf_failed": "表单校验失败",
    "admin.add": "后台新增",
    "admin.change": "后台修改",
    "admin.delete": "后台删除",
    "export.task_table": "导出任务分解表",
    "export.bulletin": "下载督查通报",
    "export.evidence": "下载佐证材料",
    "export.notice": "下载督办单",
}
# Two factors, account administration and the audit's own upkeep (等保 2.0): security events too.
SECURITY_LABELS.update({
    "2fa.enrol": "启用双因素认证",
    "2fa.verify": "双因素认证通过",
    "2fa.backup_code": "使用备用码登录",
    "2fa.failed": "双因素验证码错误",
    "2fa.backup_codes": "重新生成备用码",
    "2fa.disable": "停用双因素认证",
    "2fa.reset": "重置双因素认证 (设备丢失)",
    "account.create": "创建账号",
    "account.password_reset": "重置密码",
    "account.deactivate": "停用账号",
    "account.activate": "启用账号",
    "account.unlock": "解除登录锁定",
    "duty.grant": "授予管理员职责",
    "duty.revoke": "撤销管理员职责",
    "audit.policy": "修改审计策略",
    "audit.verify": "校验审计链",
    "audit.anonymise": "匿名化来源地址",
    "audit.archive": "归档审计记录",
    "export.audit_log": "导出审计记录",
})
SECURITY_ACTIONS = frozenset(SECURITY_LABELS)
REFUSALS = ("access.denied", "access.csrf_failed")
ACTION_LABELS.update(SECURITY_LABELS)


def record(actor, action: str, obj: models.Model, before: dict | None = None, after: dict | None = None, *,
           plan=None, note: str = "") -> AuditEvent:
    """Write one audit row for ``obj``. Call it inside the same ``transaction.atomic`` as the change."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        plan_id=_plan_id(obj, plan),
        before=before,
        after=after,
        note=note[:500],
    )


def record_security(request, action: str, *, user=None, username: str = "", obj: models.Model | None = None,
                    note: str = "", before: dict | None = None, after: dict | None = None) -> AuditEvent:
    """Write one security event (安全事件) with the client's address: a login, a failed login (``username`` is
    what was typed), a lockout, a refused request, an export of ``obj``, a row changed in the admin (its
    fields ``before``/``after``).

    ``user`` defaults to the request's user. It is written on its own, outside any workflow transaction.
    """
    from web.accounts.network import client_ip

    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    subject = obj if obj is not None else user
    if action not in SECURITY_ACTIONS:
        raise ValueError(f"not a security action: {action!r}")
    return AuditEvent.objects.create(
        actor=user if user is not None and getattr(user, "pk", None) else None,
        actor_name=_actor_name(user) if user is not None else (username or "匿名访客")[:150],
        action=action,
        object_type=subject._meta.label_lower if subject is not None else "auth.user",
        object_id=str(subject.pk) if subject is not None else "",
        object_repr=(str(subject) if subject is not None else username)[:200],
        plan_id=None,  # not a change to the plan: kept out of the plan's history page
        before=before,
        after=after,
        note=note[:500],
        ip=client_ip(request),
    )


# Anonymous refusals (403, expired forms) are rate-limited: at most one audit row per address in this many seconds.
ANONYMOUS_REFUSAL_SECONDS = 60


def record_refusal(request, action: str, *, note: str = "") -> AuditEvent | None:
    """A refused request (拒绝访问, 表单校验失败) as a security event. A signed-in user's every refusal is recorded;
    an anonymous visitor's at most once a minute per address (the row says so), so a script hammering a page
    without logging in cannot flood the audit log. Returns the row, or None when rate-limited."""
    import datetime as dt

    from django.utils import timezone

    from web.accounts.network import client_ip

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        since = timezone.now() - dt.timedelta(seconds=ANONYMOUS_REFUSAL_SECONDS)
        if AuditEvent.objects.filter(action__in=REFUSALS, actor=None, ip=client_ip(request), at__gte=since).exists():
            return None
        note = f"{note} (匿名访问: 同一地址{ANONYMOUS_REFUSAL_SECONDS}秒内的其他拒绝不再逐条记录)"
    return record_security(request, action, note=note)


def security_events():
    """Every security event, newest first: the security log (安全日志) for the administrator."""
    return AuditEvent.objects.filter(action__in=SECURITY_ACTIONS).select_related("actor")


def change_events():
    """Every change recorded by a workflow step, newest first (security events left out)."""
    return AuditEvent.objects.exclude(action__in=SECURITY_ACTIONS)


def history_of(obj: models.Model):
    """Events about one object, newest first."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")


def history_of_plan(plan):
    """Every event of a plan and its items, newest first."""
    return AuditEvent.objects.filter(plan_id=plan.pk).select_related("actor")


# Who may read the events of one type of object (``app_label.model``): apps whose objects are not open to
# every member of the plan register a reader in ``AppConfig.ready`` (progress reports: drafts and
# unreviewed versions). A reader answers for each event, in order, the event as ``user`` may see it
# (a redacted copy where a part is not theirs) or ``None``.
EventReader = Callable[[object, list[AuditEvent]], list[AuditEvent | None]]
EVENT_READERS: dict[str, EventReader] = {}


def readable_events(user, events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """``events`` as ``user`` may read them, in their order: every history page shows this, never the raw rows.

    Events of an object type with no registered reader are shown as they are (the page has already checked
    that ``user`` may read the plan's history).
    """
    events = list(events)
    positions: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        positions.setdefault(event.object_type, []).append(i)
    shown: list[AuditEvent | None] = list(events)
    for object_type, indexes in positions.items():
        reader = EVENT_READERS.get(object_type)
        if reader is not None:
            for i, seen in zip(indexes, reader(user, [events[i] for i in indexes]), strict=True):
                shown[i] = seen
    return [e for e in shown if e is not None]


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _actor_name(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "系统"
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return full or actor.get_username()


def _plan_id(obj, plan) -> int | None:
    if plan is not None:
        return plan.pk
    if obj._meta.label_lower == "plans.plan":
        return obj.pk
    for path in ("plan_id", "task.plan_id"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    return None
