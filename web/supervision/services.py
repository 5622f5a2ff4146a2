"""Workflow steps of supervision, one verb-first function each, each in one transaction with its audit row.

Callers (views, commands) have already checked who may do it through ``web.supervision.access``;
these functions check the state: a locked period, a report not awaiting review, a bad file.
A refused step raises ``ValidationError`` with one sentence for the user and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from web.accounts.uploads import max_upload_bytes, safe_filename, zip_problem
from web.audit.services import record
from web.crypto.envelope import write_file
from web.ops.files import make_private_dirs
from web.plans.services import refuse_closed
from web.supervision import status_store
from web.supervision.models import (
    Evidence,
    ExtensionRequest,
    ProgressReport,
    ReportingCadence,
    TargetActual,
    evidence_root,
)
from web.text import plain_text

Status = ProgressReport.Status


def set_reporting_cadence(actor, plan, *, cadence: str, due_day: int) -> ReportingCadence:
    """The supervisor sets how often the plan's tasks are reported and the day reports are due."""
    refuse_closed(plan)
    if cadence not in ReportingCadence.Cadence.values:
        raise ValidationError("报送周期只能是每月或每季度")
    if not 1 <= int(due_day) <= 31:
        raise ValidationError("报送截止日应在1至31之间")
    with transaction.atomic():
        current = ReportingCadence.for_plan(plan)
        before = {"cadence": current.cadence, "due_day": current.due_day} if current.pk else None
        current.cadence, current.due_day = cadence, int(due_day)
        current.save()
        record(actor, "cadence.set", current, before=before, after={"cadence": cadence, "due_day": int(due_day)},
               plan=plan)
        status_store.refresh(plan)
    return current


def _check_files(files) -> None:
    if len(files) > Evidence.MAX_FILES:
        raise ValidationError(f"每次最多上传{Evidence.MAX_FILES}个佐证材料")
    limit = min(Evidence.MAX_BYTES, max_upload_bytes())
    for f in files:
        f.name = safe_filename(f.name or "")  # the original name is only shown: no path, no control characters
        ext = Path(f.name).suffix.lower()
        if ext not in Evidence.ALLOWED:
            raise ValidationError(f"“{f.name}”的文件类型不允许:只接受 jpg、png、pdf、docx、xlsx")
        if f.size > limit:
            raise ValidationError(f"“{f.name}”超过{limit / (1024 * 1024):g}MB")
        f.seek(0)
        head = f.read(8)
        f.seek(0)
        if not head.startswith(Evidence.MAGIC[ext]):
            raise ValidationError(f"“{f.name}”的内容与扩展名不符")
        problem = zip_problem(f) if ext in (".docx", ".xlsx") else None
        f.seek(0)
        if problem:
            raise ValidationError(f"“{f.name}”{problem}")


def _store_file(report: ProgressReport, f, written: list[Path]) -> Evidence:
    ext = Path(f.name).suffix.lower()
    relative = Path(str(report.task.plan_id)) / str(report.task_id) / f"{uuid.uuid4().hex}{ext}"
    target = evidence_root() / relative
    make_private_dirs(target.parent, evidence_root())
    write_file(target, f.chunks())  # sealed with LUOSHI_ENCRYPTION_KEY when one is set (web/crypto/envelope.py)
    written.append(target)
    return Evidence.objects.create(report=report, name=Path(f.name).name[:255], path=str(relative),
                                   content_type=Evidence.ALLOWED[ext], size=f.size)


def submit_progress_report(actor, task, *, department, period: str, text: str, percent: int, difficulties: str = "",
                           actuals: dict | None = None, files=(), draft: bool = False,
                           today: dt.date | None = None, demo: bool = False) -> ProgressReport:
    """A department reports on a task for a period (报送进展): a new version, or its draft saved.

    Refused on an archived task, when the period is approved (locked), when a version awaits review, for a
    future period or one outside the plan year, for a percent outside 0–100, an empty text, or a file of the
    wrong type or size, or more files than a report may hold (a draft saved again keeps its files).
    """
    refuse_closed(task.plan)
    if task.archived:
        raise ValidationError("该任务已归档, 不能报送进展")
    cadence = ReportingCadence.for_plan(task.plan)
    try:
        the_period = cadence.parse(period)
    except ValueError:
        raise ValidationError(f"报送期“{period}”无效") from None
    today = today or cadence.today()
    if the_period.start > today:
        raise ValidationError("不能报送尚未开始的报送期")
    text, difficulties = plain_text(text), plain_text(difficulties)
    if not text:
        raise ValidationError("请填写工作进展")
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ValidationError("完成进度应为0至100的整数") from None
    if not 0 <= percent <= 100:
        raise ValidationError("完成进度应为0至100的整数")
    files = list(files or [])
    _check_files(files)
    targets = {t.pk: t for t in task.targets.filter(archived=False)}
    for target_id in actuals or {}:
        if int(target_id) not in targets:
            raise ValidationError("填报的目标不属于该任务")

    written: list[Path] = []
    try:
        with transaction.atomic():
            versions = ProgressReport.objects.select_for_update().filter(task=task, period=period)
            if versions.filter(status=Status.APPROVED).exists():
                raise ValidationError(f"{the_period.label}的报送已审核通过,已锁定")
            if versions.filter(status=Status.SUBMITTED).exists():
                raise ValidationError(f"{the_period.label}已有报送等待审核")
            report = versions.filter(status=Status.DRAFT).first()
            if report is not None and files and report.evidence.count() + len(files) > Evidence.MAX_FILES:
                raise ValidationError(f"每份报送最多{Evidence.MAX_FILES}个佐证材料, 草稿中已有"
                                      f"{report.evidence.count()}个")
            before = report.snapshot() if report else None
            if report is None:
                latest = versions.aggregate(n=Max("version"))["n"] or 0
                report = ProgressReport(task=task, period=period, version=latest + 1, author=actor)
            report.department = department
            report.author = actor
            report.text, report.percent, report.difficulties = text, percent, difficulties
            report.status = Status.DRAFT if draft else Status.SUBMITTED
            report.submitted_at = None if draft else timezone.now()
            report.demo = demo
            report.save()
            report.actuals.all().delete()
            for target_id, value in (actuals or {}).items():
                TargetActual.objects.create(report=report, target=targets[int(target_id)], value=float(value))
            for f in files:
                _store_file(report, f, written)
            record(actor, "report.save_draft" if draft else "report.submit", report, before=before,
                   after=report.snapshot(), plan=task.plan)
            if not draft:
                status_store.refresh(task.plan, [task.pk])
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return report


def approve_progress_report(actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    """The supervisor approves a submitted version (审核通过): the period locks."""
    refuse_closed(report.task.plan)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.SUBMITTED:
            raise ValidationError("只有待审核的报送可以审核")
        before = report.snapshot()
        report.status, report.reviewer, report.reviewed_at = Status.APPROVED, actor, timezone.now()
        report.review_comment = plain_text(comment)
        report.save()
        record(actor, "report.approve", report, before=before, after=report.snapshot(), plan=report.task.plan)
        status_store.refresh(report.task.plan, [report.task_id])
    return report


def return_progress_report(actor, report: ProgressReport, comment: str) -> ProgressReport:
    """The supervisor returns a submitted version with a comment (退回): the department submits again."""
    refuse_closed(report.task.plan)
    comment = plain_text(comment)
    if not comment:
        raise ValidationError("退回时请填写退回意见")
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.SUBMITTED:
            raise ValidationError("只有待审核的报送可以退回")
        before = report.snapshot()
        report.status, report.reviewer, report.reviewed_at = Status.RETURNED, actor, timezone.now()
        report.review_comment = comment
        report.save()
        record(actor, "report.return", report, before=before, after=report.snapshot(), plan=report.task.plan)
        status_store.refresh(report.task.plan, [report.task_id])
    return report


def request_extension(actor, task, *, department, requested_deadline: dt.date, reason: str) -> ExtensionRequest:
    """A department asks for a later deadline (延期申请) with a reason."""
    refuse_closed(task.plan)
    reason = plain_text(reason)
    if not reason:
        raise ValidationError("请填写延期理由")
    if task.deadline and requested_deadline <= task.deadline:
        raise ValidationError("申请的时限应晚于原完成时限")
    with transaction.atomic():
        if task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
            raise ValidationError("该任务已有待审批的延期申请")
        ext = ExtensionRequest.objects.create(task=task, department=department, current_deadline=task.deadline,
                                              requested_deadline=requested_deadline, reason=reason,
                                              requested_by=actor)
        record(actor, "extension.request", ext, after=ext.snapshot(), plan=task.plan)
    return ext


def decide_extension(actor, ext: ExtensionRequest, *, approve: bool, comment: str = "") -> ExtensionRequest:
    """The supervisor approves (the task's deadline moves, with its own audit row) or refuses a request."""
    refuse_closed(ext.task.plan)
    comment = plain_text(comment)
    if not approve and not comment:
        raise ValidationError("不同意延期时请填写理由")
    with transaction.atomic():
        ext = ExtensionRequest.objects.select_for_update().select_related("task").get(pk=ext.pk)
        if ext.status != ExtensionRequest.Status.PENDING:
            raise ValidationError("该申请已审批")
        before = ext.snapshot()
        ext.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
        ext.decided_by, ext.decided_at, ext.decision_comment = actor, timezone.now(), comment
        ext.save()
        record(actor, "extension.approve" if approve else "extension.refuse", ext, before=before,
               after=ext.snapshot(), plan=ext.task.plan)
        if approve:
            task = ext.task
            task_before = task.snapshot()
            task.deadline = ext.requested_deadline
            task.deadline_text = f"经批准延期至{ext.requested_deadline:%Y年%-m月%-d日}"
            task.save(update_fields=["deadline", "deadline_text", "updated_at"])
            record(actor, "task.edit", task, before=task_before, after=task.snapshot(), plan=task.plan,
                   note="延期申请获批")
            status_store.refresh(task.plan, [task.pk])
    return ext
