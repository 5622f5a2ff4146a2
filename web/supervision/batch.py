"""Batch work (批量报送与审核), each batch in one transaction, each report through the one-report service (its own
version, evidence and audit row):

- ``submit_progress_reports``: a department reports all its due rows of a period from one page; a row that is
  refused refuses the batch, with each row's reason, and nothing is kept (nor any evidence file written);
- ``approve_progress_reports``: the office approves several submitted reports at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from web.supervision.models import ProgressReport
from web.supervision.services import approve_progress_report, submit_progress_report


@dataclass
class BatchEntry:
    """One row of a batch report: the task and what the department says about it."""

    task: object
    percent: int
    text: str
    difficulties: str = ""
    actuals: dict = field(default_factory=dict)
    files: list = field(default_factory=list)


def submit_progress_reports(actor, department, period: str, entries: list[BatchEntry], *,
                            draft: bool = False) -> list[ProgressReport]:
    """A department's reports on several rows for one period (批量报送), all or none.

    Refused rows raise one ``ValidationError`` whose ``error_dict`` maps each refused task's id to its reasons.
    """
    if not entries:
        raise ValidationError("请至少填写一项任务的进展")
    reports, written, errors = [], [], {}
    try:
        with transaction.atomic():
            for entry in entries:
                try:
                    with transaction.atomic():  # a refused row leaves the others' work intact until the end
                        report = submit_progress_report(
                            actor, entry.task, department=department, period=period, text=entry.text,
                            percent=entry.percent, difficulties=entry.difficulties, actuals=entry.actuals,
                            files=entry.files, draft=draft)
                except ValidationError as e:
                    errors[str(entry.task.pk)] = e.messages
                    continue
                reports.append(report)
                written += [ev.file_path for ev in report.evidence.all()]
            if errors:
                raise ValidationError(errors)
    except ValidationError:
        for path in written:
            Path(path).unlink(missing_ok=True)
        raise
    return reports


def approve_progress_reports(actor, reports, comment: str = "") -> list[ProgressReport]:
    """The office approves several submitted reports at once (批量审核通过), all or none."""
    reports = list(reports)
    if not reports:
        raise ValidationError("请选择要审核通过的报送")
    with transaction.atomic():
        return [approve_progress_report(actor, r, comment) for r in reports]
