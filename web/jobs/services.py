"""The queue's steps (入队、领取、完成、失败): the only code that changes a job's state.

Every state change is one UPDATE with the expected state in its WHERE clause (compare-and-set), so
two processes can never both move the same row: the loser updates 0 rows and moves on. On
PostgreSQL ``claim`` first picks a row with ``SELECT … FOR UPDATE SKIP LOCKED`` so several workers
don't queue behind one row lock; SQLite has no row locks and runs one worker, the same UPDATE keeps
it safe. Completion is fenced by ``locked_by`` and ``attempts``: a worker that was presumed dead and
comes back cannot overwrite the run that replaced it.

``LUOSHI_JOBS=inline`` (the demo, the tests) runs a job inside ``enqueue``, through the same rows and
steps; ``queue`` leaves it for ``manage.py run_worker``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import traceback
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from web.jobs.models import Job
from web.jobs.registry import JobFailed, Output, handler_for

log = logging.getLogger(__name__)

INLINE, QUEUE = "inline", "queue"
# A running job whose heartbeat is older than this lost its worker (killed, machine gone): it is queued again.
# Workers beat every HEARTBEAT_EVERY, so a live worker is never taken for dead.
STALE_AFTER = dt.timedelta(minutes=2)
HEARTBEAT_EVERY = dt.timedelta(seconds=15)
# Retry n waits BACKOFF_BASE · 2^(n-1), at most BACKOFF_MAX: a database restart or a full disk gets time to pass.
BACKOFF_BASE = dt.timedelta(seconds=10)
BACKOFF_MAX = dt.timedelta(minutes=10)

GENERIC_ERROR = "后台处理出错, 已记录详情; 请稍后重试, 或联系系统管理员"
LOST_ERROR = "后台处理中断 (处理进程已停止) 且已达最多尝试次数; 请重新提交"
UNKNOWN_KIND_ERROR = "系统不认识该后台任务类型, 请联系系统管理员"


def mode() -> str:
    """``inline`` or ``queue`` (setting ``LUOSHI_JOBS``)."""
    return getattr(settings, "LUOSHI_JOBS", INLINE)


def worker_name(suffix: str = "") -> str:
    """``host:pid`` (plus the thread's suffix): who holds a lock, readable in the admin."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    return f"{name}:{suffix}" if suffix else name


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait before retry number ``attempts``.

    >>> [int(backoff(n).total_seconds()) for n in (1, 2, 3, 10)]
    [10, 20, 40, 600]
    """
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def enqueue(kind: str, payload: dict[str, Any] | None = None, *, subject: str = "", created_by=None,
            max_attempts: int = 3, run_after: dt.datetime | None = None) -> Job:
    """Queue a job (入队); in ``inline`` mode also run it now, so the returned job is already finished."""
    job = Job.objects.create(kind=kind, payload=payload or {}, subject=subject, created_by=created_by,
                             max_attempts=max_attempts, run_after=run_after or timezone.now())
    if mode() == INLINE:
        claimed = claim(worker_name("inline"), pk=job.pk)
        if claimed is not None:
            run(claimed, retry=False)
        job.refresh_from_db()
    return job


def claim(worker: str, *, pk: int | None = None, kinds: list[str] | None = None,
          now: dt.datetime | None = None) -> Job | None:
    """Take the oldest ready job (领取) for ``worker``, or None when there is none.

    ``pk`` claims that one job only (inline mode). The returned job is running, locked by ``worker``,
    its ``attempts`` already counting this run.
    """
    now = now or timezone.now()
    ready = Job.objects.filter(state=Job.State.QUEUED, run_after__lte=now)
    if pk is not None:
        ready = ready.filter(pk=pk)
    if kinds:
        ready = ready.filter(kind__in=kinds)
    ready = ready.order_by("run_after", "pk")
    changes = dict(state=Job.State.RUNNING, locked_by=worker, locked_at=now, heartbeat=now,
                   attempts=F("attempts") + 1, started_at=now)
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # Rows another worker is claiming right now are skipped instead of waited for.
            candidates = list(ready.select_for_update(skip_locked=True).values_list("pk", flat=True)[:1])
        else:
            candidates = list(ready.values_list("pk", flat=True)[:5])
        for candidate in candidates:
            if Job.objects.filter(pk=candidate, state=Job.State.QUEUED).update(**changes) == 1:
                return Job.objects.defer("output").get(pk=candidate)
    return None


def beat(job: Job) -> bool:
    """Refresh the heartbeat of a job this worker still holds; False when it was taken away."""
    return Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, locked_by=job.locked_by,
                              attempts=job.attempts).update(heartbeat=timezone.now()) == 1


def _held(job: Job):
    return Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, locked_by=job.locked_by, attempts=job.attempts)


def complete(job: Job, value: Any = None) -> bool:
    """Store the result (完成): ``value`` is JSON, or an ``Output`` carrying a file. False if the job was lost."""
    changes: dict[str, Any] = dict(state=Job.State.DONE, finished_at=timezone.now(), error="", error_detail="")
    if isinstance(value, Output):
        changes.update(result=value.result, output=value.data, output_name=value.filename,
                       output_type=value.content_type)
    else:
        changes["result"] = value
    done = _held(job).update(**changes) == 1
    if not done:
        log.warning("job %s finished by %s after it was taken away; result dropped", job.pk, job.locked_by)
    return done


def fail(job: Job, message: str, detail: str = "", *, retry: bool = True) -> bool:
    """Record a failure (失败): queued again after a backoff while attempts remain and ``retry``, else failed.

    ``message`` is one line for the user; ``detail`` (the traceback) is for staff. False if the job was lost.
    """
    now = timezone.now()
    if retry and job.attempts < job.max_attempts:
        changes = dict(state=Job.State.QUEUED, run_after=now + backoff(job.attempts), locked_by="", locked_at=None,
                       heartbeat=None)
    else:
        changes = dict(state=Job.State.FAILED, finished_at=now)
    return _held(job).update(error=message[:300], error_detail=detail, **changes) == 1


def run(job: Job, *, retry: bool = True) -> None:
    """Run a claimed job's handler and record how it ended. The handler's writes are one transaction."""
    handler = handler_for(job.kind)
    if handler is None:
        fail(job, UNKNOWN_KIND_ERROR, f"no handler registered for kind {job.kind!r}", retry=False)
        return
    try:
        with transaction.atomic():
            value = handler(job)
    except JobFailed as e:
        fail(job, e.message, e.detail, retry=False)
    except Exception as e:
        log.exception("job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
        fail(job, GENERIC_ERROR, f"{type(e).__name__}: {e}\n\n{traceback.format_exc()}", retry=retry)
    else:
        complete(job, value)


def requeue_stale(*, stale_after: dt.timedelta = STALE_AFTER, now: dt.datetime | None = None) -> int:
    """Queue again the running jobs whose worker stopped beating (被中断的任务); returns how many.

    A job that has used all its attempts fails instead, so a report that kills its worker every time
    (out of memory) does not loop for ever.
    """
    now = now or timezone.now()
    stale = Job.objects.filter(state=Job.State.RUNNING).filter(
        Q(heartbeat__lt=now - stale_after) | Q(heartbeat__isnull=True, locked_at__lt=now - stale_after))
    lost = stale.filter(attempts__gte=F("max_attempts")).update(
        state=Job.State.FAILED, finished_at=now, error=LOST_ERROR,
        error_detail=f"heartbeat older than {stale_after} at {now.isoformat()}")
    requeued = stale.filter(attempts__lt=F("max_attempts")).update(
        state=Job.State.QUEUED, run_after=now, locked_by="", locked_at=None, heartbeat=None)
    if requeued or lost:
        log.warning("stale jobs: %s queued again, %s failed", requeued, lost)
    return requeued


def latest(subject: str) -> Job | None:
    """The newest job about ``subject``, without its file."""
    return Job.objects.filter(subject=subject).defer("output").order_by("-created_at", "-pk").first()


def purge_finished(before: dt.datetime) -> int:
    """Delete done and failed jobs finished before ``before`` (their results and files); returns how many."""
    deleted, _ = Job.objects.filter(state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=before).delete()
    return deleted


class Heartbeat:
    """Beats for a running job from a side thread while the handler works (``with Heartbeat(job): …``).

    The thread touches the database only every ``every`` seconds, so a job shorter than that never opens
    a second connection.
    """

    def __init__(self, job: Job, every: dt.timedelta = HEARTBEAT_EVERY) -> None:
        self.job = job
        self.every = every.total_seconds()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job.pk}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        from django.db import connections

        try:
            while not self._stop.wait(self.every):
                try:
                    if not beat(self.job):
                        log.warning("job %s was taken away from %s", self.job.pk, self.job.locked_by)
                        return
                except Exception:  # SQLite busy with the job's own writes, a database blip: beat again next time
                    log.warning("heartbeat for job %s failed; trying again", self.job.pk, exc_info=True)
        finally:
            connections.close_all()
