"""Group robots (群机器人) a plan's or a department's notices go to: 企业微信 / 政务微信 (markdown), 钉钉 / 浙政钉
(markdown, signed when a secret is set), or a generic webhook (text). The 督查室 edits them; every change is
audited without the secret, and the robot's address is shown and logged without its key (``redacted_url``).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import models, transaction

from web.audit.services import ACTION_LABELS, record

ACTION_LABELS.update({"channel.save": "设置群机器人", "channel.delete": "删除群机器人"})


class NoticeChannel(models.Model):
    """A group robot (群机器人) of a plan or of a department."""

    class Kind(models.TextChoices):
        WECOM = "wecom", "企业微信/政务微信群机器人"
        DINGTALK = "dingtalk", "钉钉/浙政钉群机器人"
        WEBHOOK = "webhook", "通用 Webhook(文本)"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="notice_channels")
    department = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="notice_channels")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("名称", max_length=100)
    url = models.URLField("机器人地址", max_length=500)
    secret = models.CharField("加签密钥", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ("plan", "department", "pk")
        constraints = (models.CheckConstraint(
            condition=models.Q(plan__isnull=False, department__isnull=True)
            | models.Q(plan__isnull=True, department__isnull=False), name="channel_of_a_plan_or_a_department"),)
        verbose_name = verbose_name_plural = "群机器人"

    def __str__(self) -> str:
        return f"{self.name}({self.get_kind_display()})"

    @property
    def redacted_url(self) -> str:
        """The address without its query (the robot's key): what pages and logs show."""
        return redacted(self.url)

    def snapshot(self) -> dict:
        return {"name": self.name, "kind": self.kind, "url": self.redacted_url, "active": self.active,
                "secret": "已设置" if self.secret else "", "department": self.department_id, "plan": self.plan_id}


def redacted(url: str) -> str:
    """``https://oapi.dingtalk.com/robot/send?access_token=…`` → ``https://oapi.dingtalk.com/robot/send?…``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "…" if parts.query else "", ""))


def save_notice_channel(actor, plan, *, kind: str, name: str, url: str, secret: str = "", department=None,
                        channel: NoticeChannel | None = None) -> NoticeChannel:
    """The 督查室 adds or changes a group robot of ``plan`` (or of one of its issuer's departments)."""
    if kind not in NoticeChannel.Kind.values:
        raise ValidationError("不支持的机器人类型")
    if not url.startswith(("https://", "http://")):
        raise ValidationError("机器人地址应以 https:// 开头")
    if department is not None and department.issuer_id != plan.issuer_id:
        raise ValidationError("只能为本单位的部门设置机器人")
    with transaction.atomic():
        before = channel.snapshot() if channel else None
        channel = channel or NoticeChannel()
        channel.plan, channel.department = (None, department) if department else (plan, None)
        channel.kind, channel.name, channel.url = kind, name.strip() or NoticeChannel.Kind(kind).label, url.strip()
        if secret:
            channel.secret = secret.strip()
        channel.full_clean()
        channel.save()
        record(actor, "channel.save", channel, before=before, after=channel.snapshot(), plan=plan)
    return channel


def delete_notice_channel(actor, plan, channel: NoticeChannel) -> None:
    with transaction.atomic():
        record(actor, "channel.delete", channel, before=channel.snapshot(), after=None, plan=plan)
        channel.delete()


def channels_of_plan(plan):
    """The plan's robots and those of its issuer's departments."""
    return NoticeChannel.objects.filter(models.Q(plan=plan) | models.Q(department__issuer_id=plan.issuer_id)
                                        ).select_related("department")
