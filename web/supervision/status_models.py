"""The stored status of each row (任务状态): computed once, read by every page.

Defined here and imported by ``web.supervision.models`` (so it belongs to the supervision app); written only
by ``web.supervision.status_store``.
"""

from __future__ import annotations

from django.db import models

from web.supervision.status import LIGHT_LABELS


class StoredStatus(models.Model):
    """A task's status as last computed (任务状态): light, progress, gap to 序时进度, last report, overdue,
    unreported, awaiting review, and its reporting punctuality, for the plan's ``day``.

    One row per live task. ``web.supervision.status_store`` writes it in the transaction of every service that
    changes an input (a report, a review, a deadline, the cadence, an import …) and again each morning for the
    passing of time (``manage.py refresh_statuses``); pages read it instead of computing. Its fields carry the
    names of ``web.supervision.status.TaskStatus``, so a template shows either.
    """

    task = models.OneToOneField("plans.Task", on_delete=models.CASCADE, primary_key=True,
                                related_name="stored_status")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("计算日")
    light = models.CharField("状态灯", max_length=8)
    time_progress = models.FloatField("序时进度")
    reported = models.FloatField("已审核进度")
    gap = models.FloatField("落后百分点")
    category = models.CharField("进度分类", max_length=8)
    done = models.BooleanField("已完成", default=False)
    overdue = models.BooleanField("逾期", default=False)
    not_reported = models.BooleanField("本期未报", default=False)
    caught_up = models.BooleanField("已赶上", default=False)
    returned_twice = models.BooleanField("两次以上退回", default=False)
    pending = models.BooleanField("待审核", default=False)
    pending_percent = models.PositiveSmallIntegerField("待审核进度", null=True, blank=True)
    pending_since = models.DateTimeField("报送时间", null=True, blank=True)
    latest_report = models.ForeignKey("supervision.ProgressReport", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+")
    latest_period = models.CharField("最新报送期", max_length=10, blank=True)
    latest_at = models.DateTimeField("最新报送时间", null=True, blank=True)
    latest_text = models.CharField("最新进展", max_length=200, blank=True)
    latest_difficulties = models.CharField("需协调解决的问题", max_length=200, blank=True)
    reports_expected = models.PositiveSmallIntegerField("应报次数", default=0)
    reports_on_time = models.PositiveSmallIntegerField("按时报送次数", default=0)
    # For sorting by lateness (按滞后程度): 0 overdue, 1 red, 2 yellow, 3 green, 4 done; then the gap.
    severity = models.PositiveSmallIntegerField("滞后等级", default=3)

    class Meta:
        indexes = (models.Index(fields=["plan", "light"]),)
        verbose_name = verbose_name_plural = "任务状态"

    def __str__(self) -> str:
        return f"{self.task_id} {self.light} {self.reported:g}%"

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]

    @property
    def targets(self) -> tuple:
        return ()

    # The values that are compared with a fresh computation (the consistency test) and written on refresh.
    COMPUTED = ("day", "light", "time_progress", "reported", "gap", "category", "done", "overdue", "not_reported",
                "caught_up", "returned_twice", "pending", "pending_percent", "pending_since", "latest_report",
                "latest_period", "latest_at", "latest_text", "latest_difficulties", "reports_expected",
                "reports_on_time", "severity")

    def values(self) -> dict:
        """The computed values, for comparing two rows."""
        return {name: getattr(self, "latest_report_id" if name == "latest_report" else name)
                for name in self.COMPUTED}
