"""催报 (Chase), 督办单 (SupervisionNotice) and replies to 批示 (InstructionReply).

Rules about one object live here; every change goes through the services (``chases.py``, ``instructions.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class Chase(models.Model):
    """A 催报: the office reminds a department to report on some of its rows, in the app and by the configured
    channels (e-mail, group robots). It is answered row by row as the department reports after it."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="chases")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="chases")
    tasks = models.ManyToManyField("plans.Task", related_name="chases", verbose_name="催报的任务")
    message = models.TextField("催报内容", blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="责任人")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent = models.JSONField("发送结果", default=dict, blank=True)  # {"email": n, "webhook": n, "failed": n}

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = verbose_name_plural = "催报"

    def __str__(self) -> str:
        return f"催报 {self.department} {self.created_at:%Y-%m-%d}"

    def snapshot(self) -> dict:
        return {"department": self.department.name, "tasks": [t.text[:60] for t in self.tasks.all()],
                "message": self.message[:200], "sent": self.sent}


class SupervisionNotice(models.Model):
    """A 督办单: a numbered notice (督办〔2025〕N号) to one department naming rows, a requirement and a reply
    deadline. The department's reply closes it; one unanswered after the deadline goes to the department's
    分管领导 (escalation)."""

    class Status(models.TextChoices):
        OPEN = "open", "待回复"
        CLOSED = "closed", "已回复"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="supervision_notices")
    issuer = models.ForeignKey("plans.Issuer", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年份")
    number = models.PositiveIntegerField("编号")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="notices",
                                   verbose_name="督办单位")
    tasks = models.ManyToManyField("plans.Task", related_name="supervision_notices", verbose_name="督办事项")
    requirement = models.TextField("督办要求")
    reply_due = models.DateField("回复时限")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="责任人")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField("回复", blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    replied_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField("提请分管领导时间", null=True, blank=True)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="提请的分管领导")

    class Meta:
        ordering = ("-year", "-number")
        constraints = (models.UniqueConstraint(fields=["issuer", "year", "number"], name="notice_number_once"),)
        verbose_name = verbose_name_plural = "督办单"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"督办〔{self.year}〕{self.number}号"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: dt.date) -> bool:
        """Unanswered after its reply deadline (逾期未回复)."""
        return self.is_open and today > self.reply_due

    def snapshot(self) -> dict:
        return {"number": self.label, "department": self.department.name, "requirement": self.requirement[:200],
                "reply_due": self.reply_due.isoformat(), "status": self.status, "reply": self.reply[:200]}


class InstructionReply(models.Model):
    """A department's reply to a leader's 批示 (批示办理情况)."""

    instruction = models.ForeignKey("plans.Instruction", on_delete=models.CASCADE, related_name="replies")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("办理情况")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField("批示领导阅知时间", null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = verbose_name_plural = "批示回复"

    def __str__(self) -> str:
        return f"{self.department} 回复 {self.instruction}"

    @property
    def plan_id(self):
        return self.instruction.plan_id

    def snapshot(self) -> dict:
        return {"department": self.department.name, "text": self.text[:200]}
