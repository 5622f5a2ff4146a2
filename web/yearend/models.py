"""What the year end keeps: the 兑现表 reviews of a plan, the close of its year and each row's final state.

Changes go through ``web.yearend.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccountabilityReview(models.Model):
    """A 兑现表 (兑现情况): next year's report as uploaded by the office and, for every target of the plan year,
    what it claims (``table``: the ``accountability/1`` object of ``luoshi.accountability.review``).

    Kept as it was computed: a later edit of a target does not rewrite what the report said of it.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="accountability_reviews")
    source_name = models.CharField("下一年报告文件", max_length=255)
    source_format = models.CharField("格式", max_length=20, blank=True)
    report_year = models.PositiveIntegerField("报告年度", null=True, blank=True)
    text = models.TextField("报告文本", blank=True)
    table = models.JSONField("兑现表 (accountability/1)", default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("plan", "-created_at", "-pk")
        verbose_name = verbose_name_plural = "兑现表"

    def __str__(self) -> str:
        return f"{self.plan}兑现表({self.source_name})"

    @property
    def items(self) -> list[dict]:
        return list(self.table.get("items") or [])

    @property
    def summary(self) -> dict:
        return dict(self.table.get("summary") or {})

    def snapshot(self) -> dict:
        return {"source_name": self.source_name, "report_year": self.report_year, "summary": self.summary}


class YearEndClose(models.Model):
    """The close of a plan's year (年终关闭): who closed it, the departments' scores of the year as the ranking
    gave them that day, and the next year's plan that the carried rows went to."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="year_end")
    next_plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="carried_in_from")
    scores = models.JSONField("部门年度得分", default=list)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "年终关闭"

    def __str__(self) -> str:
        return f"{self.plan}年终"


class RowOutcome(models.Model):
    """A row's final state at the year end (年终状态): done, mostly done, not done (with its reason) or carried
    into next year (结转, with the row it became)."""

    class State(models.TextChoices):
        DONE = "done", "完成"
        MOSTLY_DONE = "mostly_done", "基本完成"
        NOT_DONE = "not_done", "未完成"
        CARRIED = "carried", "结转"

    close = models.ForeignKey(YearEndClose, on_delete=models.CASCADE, related_name="outcomes")
    task = models.OneToOneField("plans.Task", on_delete=models.CASCADE, related_name="outcome")
    state = models.CharField("年终状态", max_length=20, choices=State.choices)
    reason = models.TextField("原因", blank=True)
    carried_to = models.ForeignKey("plans.Task", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="结转为")

    class Meta:
        ordering = ("close", "task__order", "task_id")
        verbose_name = verbose_name_plural = "年终状态"

    def __str__(self) -> str:
        return f"{self.task} {self.get_state_display()}"
