"""A leader's instruction (领导批示): defined here, imported by ``web.plans.models`` (so it belongs to the plans app).

Written and answered through ``web.directives.instructions``; its replies are
``web.directives.models.InstructionReply``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Instruction(models.Model):
    """A leader's instruction (领导批示) on a row, a department or the whole plan: what to do, which departments
    must act (``addressees``) and by when (``due``). Each addressed department replies
    (``web.directives.models.InstructionReply``); the leader reads the replies."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="instructions")
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="instructions")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="instructions_about", verbose_name="批示的部门")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="instructions")
    text = models.TextField("批示内容")
    addressees = models.ManyToManyField("accounts.Department", blank=True, related_name="instructions_to_act",
                                        verbose_name="办理单位")
    due = models.DateField("办理时限", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = verbose_name_plural = "领导批示"

    def __str__(self) -> str:
        return self.text[:40]

    def save(self, *args, **kwargs) -> None:
        if self.plan_id is None and self.task_id is not None:  # on a row: the row's plan
            self.plan_id = self.task.plan_id
        super().save(*args, **kwargs)

    @property
    def subject(self) -> str:
        """What the instruction is about, in words: the row, the department or the plan."""
        if self.task_id:
            return f"任务:{self.task.text[:40]}"
        if self.department_id:
            return f"部门:{self.department.name}"
        return f"全局:{self.plan}"

    def snapshot(self) -> dict:
        return {"instruction": self.text[:500], "due": self.due.isoformat() if self.due else None,
                "addressees": sorted(d.name for d in self.addressees.all())}
