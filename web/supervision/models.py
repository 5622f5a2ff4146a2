"""Supervision (督查督办): reporting cadence, progress reports with their versions and evidence, extensions.

Rules about one object live here; every change goes through ``web.supervision.services``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from web.supervision.periods import MONTHLY, QUARTERLY, Period, parse_period, period_of, periods_of_year


class ReportingCadence(models.Model):
    """A plan's reporting cadence (报送周期): monthly or quarterly, due on ``due_day`` of the period's last month."""

    class Cadence(models.TextChoices):
        MONTHLY = MONTHLY, "每月"
        QUARTERLY = QUARTERLY, "每季度"

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="reporting_cadence")
    cadence = models.CharField("报送周期", max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY)
    due_day = models.PositiveSmallIntegerField("报送截止日", default=25,
                                               validators=[MinValueValidator(1), MaxValueValidator(31)])
    # Set only by load_demo_history: the demo plan is shown "in the middle of its year" whatever the clock says.
    as_of = models.DateField("演示基准日", null=True, blank=True,
                             help_text="设置后,该规划的各页面按此日期计算进度(仅用于演示)")

    class Meta:
        verbose_name = verbose_name_plural = "报送周期"

    def __str__(self) -> str:
        return f"{self.get_cadence_display()}{self.due_day}日前"

    @classmethod
    def for_plan(cls, plan) -> ReportingCadence:
        """The plan's cadence, or the default (monthly, the 25th) unsaved when none was set."""
        try:
            return plan.reporting_cadence
        except cls.DoesNotExist:
            return cls(plan=plan)

    def today(self) -> dt.date:
        """The day the plan's lights are computed for: the demo's fixed day, or today."""
        return self.as_of or timezone.localdate()

    def period_of(self, day: dt.date) -> Period:
        return period_of(day, self.cadence, self.due_day)

    def parse(self, key: str) -> Period:
        """A period of the plan's year in the plan's cadence; ValueError for any other (another year's period
        has no report, no light and no bulletin of this plan)."""
        period = parse_period(key, self.due_day)
        if (self.cadence == QUARTERLY) != ("Q" in key):
            raise ValueError(f"period {key} does not match the cadence {self.cadence}")
        if period.start.year != self.plan.year:
            raise ValueError(f"period {key} is not in the plan year {self.plan.year}")
        return period

    def periods(self) -> list[Period]:
        return periods_of_year(self.plan.year, self.cadence, self.due_day)

    def current_period(self, today: dt.date | None = None) -> Period:
        """The period being reported on ``today``, clamped to the plan year."""
        today = today or self.today()
        year = self.plan.year
        if today.year < year:
            today = dt.date(year, 1, 1)
        elif today.year > year:
            today = dt.date(year, 12, 31)
        return self.period_of(today)


def plan_today(plan) -> dt.date:
    """Today for ``plan``'s pages (see ``ReportingCadence.as_of``)."""
    return ReportingCadence.for_plan(plan).today()


class ProgressReportQuerySet(models.QuerySet):
    def visible(self):
        """Reports that count: submitted or approved (drafts and returned versions do not)."""
        return self.filter(status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.APPROVED])

    def approved(self):
        return self.filter(status=ProgressReport.Status.APPROVED)


class ProgressReport(models.Model):
    """A department's progress report (进展报送) on one task for one period; one row per version.

    A draft is edited in place; submitting it makes it a version. A returned version stays as it was
    and the department submits a new one. Once a version of the period is approved, the period is locked.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审核"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已通过"

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="progress_reports")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="progress_reports")
    period = models.CharField("报送期", max_length=10)
    version = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField("工作进展")
    percent = models.PositiveSmallIntegerField("完成进度(%)", validators=[MaxValueValidator(100)])
    difficulties = models.TextField("需协调解决的问题", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)  # internal: never shown on the public page
    demo = models.BooleanField("演示数据", default=False)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ("task", "period", "version")
        constraints = (
            models.UniqueConstraint(fields=["task", "period", "version"], name="progress_report_one_version"),
        )
        indexes = (models.Index(fields=["task", "period"]),)
        verbose_name = verbose_name_plural = "进展报送"

    def __str__(self) -> str:
        return f"{self.period} v{self.version} {self.task}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def was_on_time(self, due: dt.date) -> bool:
        """Submitted by the end of the due day (local time)."""
        return self.submitted_at is not None and timezone.localdate(self.submitted_at) <= due

    def snapshot(self) -> dict:
        return {"period": self.period, "version": self.version, "status": self.status, "percent": self.percent,
                "text": self.text[:200], "difficulties": self.difficulties[:200],
                "review_comment": self.review_comment[:200]}

    @property
    def plan_id(self):  # for the audit trail's plan grouping
        return self.task.plan_id

    @classmethod
    def period_locked(cls, task, period: str) -> bool:
        """An approved version closes the period (已审核通过的报送期锁定)."""
        return cls.objects.filter(task=task, period=period, status=cls.Status.APPROVED).exists()

    @classmethod
    def returned_count(cls, task, period: str) -> int:
        return cls.objects.filter(task=task, period=period, status=cls.Status.RETURNED).count()


class TargetActual(models.Model):
    """A target's actual value (实际完成值) as given in one report version."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="actuals")
    target = models.ForeignKey("plans.Target", on_delete=models.CASCADE, related_name="actuals")
    value = models.FloatField("实际值")

    class Meta:
        constraints = (models.UniqueConstraint(fields=["report", "target"], name="target_actual_once_per_report"),)
        verbose_name = verbose_name_plural = "目标完成值"


def evidence_root() -> Path:
    """Where evidence files live: under LUOSHI_DATA_DIR, outside the web root and the static files."""
    return Path(settings.LUOSHI_DATA_DIR) / "evidence"


class Evidence(models.Model):
    """An evidence file (佐证材料) of a report: a photo or a document, served only through a checked view."""

    ALLOWED: ClassVar[dict[str, str]] = {  # extension → content type; anything else is refused
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    MAGIC: ClassVar[dict[str, tuple[bytes, ...]]] = {  # how each type's bytes begin: a renamed file is refused
        ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
        ".pdf": (b"%PDF",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",),
    }
    MAX_BYTES = 10 * 1024 * 1024
    MAX_FILES = 5

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("文件名", max_length=255)
    path = models.CharField(max_length=255)  # relative to evidence_root()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)
        verbose_name = verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The admin may edit a row: its path must name a file under the evidence directory, never another
        file of the server (``../secret_key``, ``/etc/passwd``)."""
        if self.path and self.file_path is None:
            raise ValidationError({"path": "文件路径不在佐证材料目录内, 不能保存"})

    @property
    def file_path(self) -> Path | None:
        """The stored file, resolved (links followed); None when the path leads outside ``evidence_root()``."""
        root = evidence_root().resolve()
        path = (root / self.path).resolve()
        return path if path.is_relative_to(root) and path != root else None

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ExtensionRequest(models.Model):
    """A request to move a task's deadline (延期申请), approved or refused by the supervisor."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已同意"
        REFUSED = "refused", "不同意"

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="extension_requests")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="+")
    current_deadline = models.DateField("原完成时限", null=True, blank=True)
    requested_deadline = models.DateField("申请延至")
    reason = models.TextField("延期理由")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField("审批意见", blank=True)

    class Meta:
        ordering = ("-requested_at", "-pk")
        verbose_name = verbose_name_plural = "延期申请"

    def __str__(self) -> str:
        return f"延期申请 {self.task}"

    @property
    def plan_id(self):
        return self.task.plan_id

    def snapshot(self) -> dict:
        return {"status": self.status, "requested_deadline": self.requested_deadline.isoformat(),
                "current_deadline": self.current_deadline.isoformat() if self.current_deadline else None,
                "reason": self.reason[:200], "decision_comment": self.decision_comment[:200]}


from web.supervision.channels import NoticeChannel  # noqa: E402, F401  (a model of this app, in its own module)
from web.supervision.status_models import StoredStatus  # noqa: E402,F401  (the row statuses, one module of their own)
