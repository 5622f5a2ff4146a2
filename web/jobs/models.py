"""A background job (后台任务): one row per piece of slow work, run by ``manage.py run_worker``.

The table is the queue: no broker to install. A worker claims a queued row (``state`` queued → running,
``locked_by`` its name), keeps ``heartbeat`` fresh while it works and writes ``result`` or ``error``.
A running row whose heartbeat went stale belongs to a worker that died: it is queued again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One job (后台任务): ``kind`` names its handler, ``payload`` its arguments (JSON)."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "处理中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("类型", max_length=50)
    payload = models.JSONField("参数", default=dict, blank=True)
    # What the job is about ("pending_import:<uuid>", "bulletin:3:2025-06:docx"), so a page finds its job.
    subject = models.CharField("对象", max_length=120, blank=True, db_index=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveIntegerField("最多尝试次数", default=3)
    run_after = models.DateTimeField("最早开始时间", default=timezone.now)
    locked_by = models.CharField("处理进程", max_length=120, blank=True)
    locked_at = models.DateTimeField("领取时间", null=True, blank=True)
    heartbeat = models.DateTimeField("心跳", null=True, blank=True)
    result = models.JSONField("结果", null=True, blank=True)
    # A file the job made (a bulletin): kept in the database so every app server behind the proxy can serve it.
    output = models.BinaryField("文件", null=True, blank=True)
    output_name = models.CharField("文件名", max_length=255, blank=True)
    output_type = models.CharField("文件类型", max_length=120, blank=True)
    error = models.CharField("错误(给用户)", max_length=300, blank=True)  # one line in Chinese, never a trace
    error_detail = models.TextField("错误详情(给管理员)", blank=True)  # the exception and traceback, staff only
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["state", "run_after"], name="jobs_ready"),)

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
