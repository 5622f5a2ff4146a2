"""The worker (``manage.py run_worker``): runs queued jobs, survives a dead colleague, stops cleanly on SIGTERM,
and, on PostgreSQL, never lets two workers run the same job."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

import luoshi
from web.jobs import services
from web.jobs.models import Job
from web.jobs.registry import job_handler
from web.jobs.worker import Worker
from web.plans.models import PendingImport, Plan

DEMO = Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt"


@job_handler("test.worker.stop-me")
def stop_me(job):
    """Behaves like ``systemctl stop`` arriving while the job is half done."""
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.05)  # the signal lands while the job is still running
    return {"finished": True}


@job_handler("test.worker.noop")
def noop(job):
    return None


@pytest.fixture
def queue_mode(settings):
    settings.LUOSHI_JOBS = "queue"


def run_worker(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("run_worker", "--once", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_worker_runs_a_real_import_end_to_end_in_queue_mode(as_, cast, queue_mode):
    client = as_("supervisor")
    upload = SimpleUploadedFile("shuikou-2025.txt", DEMO.read_bytes(), content_type="text/plain")
    response = client.post(reverse("import_report"), {"file": upload, "issuer": cast.town.pk, "year": "2024"})
    assert response.status_code == 302
    assert "正在解析…" in client.get(response["Location"]).content.decode()

    output = run_worker()

    job = Job.objects.get(kind="extract_report")
    assert job.state == "done" and "extract_report" in output, job.error_detail
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and "报告中写明的是2025年的工作安排" in preview.content.decode()
    pending = response["Location"].rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("import_target", args=[pending]),  # the 2025 demo as 2024, knowingly
                {"issuer": cast.town.pk, "year": "2024", "confirmed": "on"})
    assert 'id="confirm-import"' in client.get(response["Location"]).content.decode()
    confirmed = client.post(response["Location"])
    assert confirmed["Location"] == response["Location"]  # back to the page, which now says "正在保存…"
    assert "正在保存…" in client.get(response["Location"]).content.decode()

    run_worker()

    plan = Plan.objects.get(issuer=cast.town, year=2024)
    assert client.get(response["Location"])["Location"] == reverse("task_table", args=[plan.pk])
    assert plan.tasks.count() > 10 and PendingImport.objects.get(pk=job.payload["pending"]).plan == plan


def test_a_killed_workers_job_is_finished_by_the_next_worker(db, queue_mode):
    services.enqueue("test.worker.noop")
    dead = services.claim("host:killed-with-sigkill")
    Job.objects.filter(pk=dead.pk).update(heartbeat=timezone.now() - services.STALE_AFTER - dt.timedelta(seconds=1))

    run_worker()

    job = Job.objects.get(pk=dead.pk)
    assert job.state == "done" and job.attempts == 2 and job.locked_by != "host:killed-with-sigkill"


def test_sigterm_lets_the_worker_finish_its_job_and_take_no_other(db, queue_mode):
    first = services.enqueue("test.worker.stop-me")
    second = services.enqueue("test.worker.noop")
    previous = signal.getsignal(signal.SIGTERM)

    processed = Worker(once=True, poll=0.01, report=lambda line: None).run()

    assert processed == 1
    assert Job.objects.get(pk=first.pk).state == "done" and Job.objects.get(pk=first.pk).result == {"finished": True}
    assert Job.objects.get(pk=second.pk).state == "queued"
    assert signal.getsignal(signal.SIGTERM) is previous  # the worker put the old handler back


def test_it_refuses_several_threads_on_sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match="--concurrency"):
        run_worker("--concurrency", "2")


# --- several workers at once, on PostgreSQL: each thread its own connection -----------------------------------

runs: list[tuple[int, str]] = []
runs_lock = threading.Lock()


@job_handler("test.worker.record")
def record_run(job):
    with runs_lock:
        runs.append((job.pk, threading.current_thread().name))
    time.sleep(0.01)  # long enough for the other workers to be claiming meanwhile
    return None


@contextlib.contextmanager
def committed(django_db_blocker, make):
    """What ``make()`` creates, committed outside any test transaction (the workers' connections must see it),
    and every test job removed afterwards."""
    with django_db_blocker.unblock():
        try:
            yield make()
        finally:
            Job.objects.filter(kind__startswith="test.worker.").delete()
            connections.close_all()


@pytest.fixture
def committed_jobs(django_db_setup, django_db_blocker):
    def forty_jobs():
        return [Job.objects.create(kind="test.worker.record") for _ in range(40)]

    with committed(django_db_blocker, forty_jobs) as jobs:
        yield jobs


@pytest.mark.postgres
def test_two_workers_never_run_the_same_job_on_postgres(committed_jobs, django_db_blocker, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED between connections")
    settings.LUOSHI_JOBS = "queue"
    runs.clear()
    with django_db_blocker.unblock():  # for the worker threads too
        processed = Worker(concurrency=4, once=True, poll=0.01, kinds=["test.worker.record"],
                           report=lambda line: None).run()
        states = set(Job.objects.filter(kind="test.worker.record").values_list("state", flat=True))
        connection.close()
    pks = [pk for pk, _ in runs]
    assert processed == 40 and len(pks) == 40 and set(pks) == {j.pk for j in committed_jobs}  # each exactly once
    assert states == {"done"}
    assert len({worker for _, worker in runs}) >= 2, "the jobs should have been shared between workers"


# --- a worker really killed (SIGKILL) half way through a job, on PostgreSQL -----------------------------------

WORKER_SCRIPT = """
import django, time
django.setup()
from web.jobs.registry import job_handler
from web.jobs.worker import Worker

@job_handler("test.worker.hang")
def hang(job):
    print("STARTED", job.pk, flush=True)
    time.sleep(60)

Worker(once=True, kinds=["test.worker.hang"], report=lambda line: None).run()
"""


@job_handler("test.worker.hang")
def hang_no_more(job):
    """In this process the same kind finishes at once: the second worker, after the first was killed."""
    return {"ran": "again"}


@pytest.fixture
def committed_hanging_job(django_db_setup, django_db_blocker):
    with committed(django_db_blocker, lambda: Job.objects.create(kind="test.worker.hang")) as job:
        yield job


@pytest.mark.postgres
def test_a_worker_killed_with_sigkill_loses_nothing_on_postgres(committed_hanging_job, django_db_blocker, settings):
    import subprocess
    import sys

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a second process on the test database")
    settings.LUOSHI_JOBS = "queue"
    s = connection.settings_dict
    url = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "web.settings", "LUOSHI_JOBS": "queue"}
    worker = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT], env=env, cwd=Path(__file__).parents[2],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().split() == ["STARTED", str(committed_hanging_job.pk)], worker.stderr.read()
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    with django_db_blocker.unblock():
        orphan = Job.objects.get(pk=committed_hanging_job.pk)
        assert orphan.state == "running" and orphan.locked_by.endswith(f":{worker.pid}")
        assert services.requeue_stale(now=orphan.heartbeat + services.STALE_AFTER + dt.timedelta(seconds=1)) == 1
        Job.objects.filter(pk=orphan.pk).update(run_after=timezone.now())
        Worker(once=True, kinds=["test.worker.hang"], report=lambda line: None).run()
        job = Job.objects.get(pk=orphan.pk)
        connection.close()
    assert job.state == "done" and job.result == {"ran": "again"} and job.attempts == 2


@pytest.mark.postgres
def test_the_heartbeat_thread_keeps_a_running_job_fresh_on_postgres(committed_hanging_job, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the heartbeat thread writes on its own connection")
    with django_db_blocker.unblock():
        job = services.claim("host:busy", kinds=["test.worker.hang"])
        long_ago = timezone.now() - services.STALE_AFTER * 2
        Job.objects.filter(pk=job.pk).update(heartbeat=long_ago)
        with services.Heartbeat(job, every=dt.timedelta(milliseconds=50)):
            time.sleep(0.3)  # the handler, busy
        beat = Job.objects.get(pk=job.pk).heartbeat
        requeued = services.requeue_stale()
        connection.close()
    assert beat > long_ago + services.STALE_AFTER and requeued == 0
