"""Importing a report as background jobs (后台解析与保存): upload → extract job → preview → confirm job.

The upload stores the bytes (``PendingImport``) and queues ``extract_report``; the job reads, normalises
and extracts, and stores the plan (``plan/1``) and text as its result, so the preview page shows it
without reading the report again. Confirming queues ``confirm_import``, which stores the plan (for a
province, thousands of rows and their audit trail). With ``LUOSHI_JOBS=inline`` each job has finished
when the request that queued it returns.
"""

from __future__ import annotations

from django.db import transaction

from web.jobs import services as jobs
from web.jobs.models import Job
from web.jobs.registry import JobFailed, job_handler
from web.plans.importing import Extracted, ImportFailed, PlanDiff, diff_plan, extracted_from_json, extracted_to_json
from web.plans.models import Issuer, PendingImport, Plan
from web.plans.office import extraction_options

EXTRACT = "extract_report"
CONFIRM = "confirm_import"


def subject_of(pending: PendingImport) -> str:
    return f"pending_import:{pending.pk}"


def confirm_subject_of(pending: PendingImport) -> str:
    return f"pending_import:{pending.pk}:confirm"


def upload_report(actor, *, data: bytes, filename: str, issuer: Issuer, year: int | None = None,
                  rows: str = "sentence") -> tuple[PendingImport, Job]:
    """Upload a report (上传报告): keep the bytes and queue their extraction. No plan rows are written.
    ``rows`` is the office's cut (按句 or 按分句)."""
    with transaction.atomic():
        pending = PendingImport.objects.create(kind=PendingImport.Kind.REPORT, created_by=actor, filename=filename,
                                               data=bytes(data), issuer=issuer, year=year, rows=rows)
    return pending, queue_extraction(actor, pending)


def queue_extraction(actor, pending: PendingImport) -> Job:
    return jobs.enqueue(EXTRACT, {"pending": str(pending.pk)}, subject=subject_of(pending), created_by=actor)


def discard_upload(pending: PendingImport) -> None:
    """Forget an upload whose report could not be read: the user sees why and uploads again."""
    PendingImport.objects.filter(pk=pending.pk, confirmed_at__isnull=True).delete()


def extraction_of(pending: PendingImport) -> Job | None:
    return jobs.latest(subject_of(pending))


def queue_confirmation(actor, pending: PendingImport) -> Job:
    """Queue storing the plan (确认导入); a second click while the first is waiting gets the same job."""
    waiting = Job.objects.filter(subject=confirm_subject_of(pending), state__in=[Job.State.QUEUED, Job.State.RUNNING])
    return waiting.defer("output").first() or jobs.enqueue(
        CONFIRM, {"pending": str(pending.pk)}, subject=confirm_subject_of(pending), created_by=actor)


def confirmation_of(pending: PendingImport) -> Job | None:
    return jobs.latest(confirm_subject_of(pending))


def preview_of(pending: PendingImport, job: Job) -> tuple[Extracted, PlanDiff, Plan | None]:
    """What confirming would store, from the job's stored extraction, against the plan stored now."""
    extracted = extracted_from_json(job.result)
    stored = Plan.objects.filter(issuer=pending.issuer, year=pending.year).first()
    return extracted, diff_plan(stored, extracted), stored


def _pending(job: Job) -> PendingImport:
    """The upload a job works on; gone (cleaned up) is a failure retrying cannot fix."""
    pending = PendingImport.objects.select_related("issuer").filter(pk=job.payload["pending"]).first()
    if pending is None:
        raise JobFailed("该上传已被清理, 请重新上传报告", f"PendingImport {job.payload['pending']} is gone")
    return pending


@job_handler(EXTRACT)
def extract_pending_report(job: Job) -> dict:
    """Read, normalise and extract an upload; a report that cannot be read fails with its reader's message."""
    from web.plans import import_services as services  # looked up at run time: tests put a fake extractor there

    pending = _pending(job)
    try:
        options = extraction_options(pending.issuer, pending.rows)
        extracted = services.extract_report(bytes(pending.data), pending.filename, issuer=pending.issuer.name,
                                            year=pending.year, options=options)
    except ImportFailed as e:
        raise JobFailed(str(e), f"ImportFailed: {e}") from None
    year = pending.year or extracted.plan.year
    if not year:
        raise JobFailed(f"{pending.filename}: 未能从报告中识别年度, 请在表单中填写年度", "no year in form or report")
    if pending.year != year:
        PendingImport.objects.filter(pk=pending.pk).update(year=year)
    return extracted_to_json(extracted)


@job_handler(CONFIRM)
def confirm_pending_report(job: Job) -> dict:
    """Store the plan of a confirmed upload (``confirm_import``: all or nothing) as the user who asked."""
    from web.plans import import_services as services

    pending = _pending(job)
    try:
        extraction = extraction_of(pending)
        done = extraction is not None and extraction.state == Job.State.DONE and extraction.result
        stored = extracted_from_json(extraction.result) if done else None  # not read a second time
        plan = services.confirm_import(job.created_by, pending, stored)
    except (services.ServiceError, ImportFailed) as e:
        raise JobFailed(str(e), f"{type(e).__name__}: {e}") from None
    return {"plan": plan.pk, "tasks": plan.active_tasks().count()}
