"""The job queue (后台任务队列): enqueue → claim → complete or fail, retries with backoff, stale locks requeued.

Handlers of kinds named ``test.*`` are registered here; the real ones (imports, bulletins) have their own tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from web.env import env_choice
from web.jobs import services
from web.jobs.models import Job
from web.jobs.registry import JobFailed, Output, job_handler

calls: list[int] = []


@job_handler("test.echo")
def echo(job):
    calls.append(job.pk)
    return {"echo": job.payload.get("say")}


@job_handler("test.unreadable")
def unreadable(job):
    raise JobFailed("report.docx: 文件已损坏, 无法读取", "BadZipFile: not a zip file")


@job_handler("test.flaky")
def flaky(job):
    raise ConnectionError("database restarting")


@job_handler("test.file")
def make_file(job):
    return Output(b"%PDF-1.4 ...", "通报.pdf", "application/pdf", {"pages": 1})


@pytest.fixture
def queue_mode(settings):
    settings.LUOSHI_JOBS = "queue"


def test_enqueue_in_queue_mode_leaves_the_job_for_a_worker(db, queue_mode, cast):
    job = services.enqueue("test.echo", {"say": "你好"}, subject="test:1", created_by=cast.supervisor)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.payload, job.created_by) == ("queued", 0, {"say": "你好"}, cast.supervisor)


def test_claim_marks_the_oldest_ready_job_running_for_that_worker(db, queue_mode):
    first, second = services.enqueue("test.echo"), services.enqueue("test.echo")
    job = services.claim("host:1")
    assert job.pk == first.pk and job.state == "running" and job.locked_by == "host:1" and job.attempts == 1
    assert job.heartbeat is not None and job.locked_at is not None
    assert services.claim("host:2").pk == second.pk


def test_a_claimed_job_is_not_claimed_again(db, queue_mode):
    services.enqueue("test.echo")
    assert services.claim("host:1") is not None
    assert services.claim("host:2") is None


def test_a_job_waits_until_its_run_after(db, queue_mode):
    services.enqueue("test.echo", run_after=timezone.now() + dt.timedelta(minutes=5))
    assert services.claim("host:1") is None
    assert services.claim("host:1", now=timezone.now() + dt.timedelta(minutes=6)) is not None


def test_claim_can_be_limited_to_some_kinds(db, queue_mode):
    services.enqueue("test.flaky")
    assert services.claim("host:1", kinds=["test.echo"]) is None
    assert services.claim("host:1", kinds=["test.flaky"]) is not None


def test_running_a_job_stores_its_result(db, queue_mode):
    services.enqueue("test.echo", {"say": "完成"})
    job = services.claim("host:1")
    services.run(job)
    job.refresh_from_db()
    assert job.state == "done" and job.result == {"echo": "完成"} and job.finished_at is not None


def test_a_job_can_store_a_file(db, queue_mode):
    services.enqueue("test.file")
    services.run(services.claim("host:1"))
    job = Job.objects.get(kind="test.file")
    assert bytes(job.output).startswith(b"%PDF") and job.output_name == "通报.pdf" and job.result == {"pages": 1}


def test_inline_mode_runs_the_job_inside_enqueue_through_the_table(db, settings):
    settings.LUOSHI_JOBS = "inline"
    calls.clear()
    job = services.enqueue("test.echo", {"say": "即时"})
    assert job.state == "done" and job.result == {"echo": "即时"} and job.attempts == 1 and calls == [job.pk]
    assert Job.objects.get(pk=job.pk).locked_by.endswith(":inline")


def test_a_permanent_failure_fails_at_once_with_the_users_line_and_the_staff_detail(db, queue_mode):
    services.enqueue("test.unreadable", max_attempts=3)
    services.run(services.claim("host:1"))
    job = Job.objects.get(kind="test.unreadable")
    assert job.state == "failed" and job.attempts == 1
    assert job.error == "report.docx: 文件已损坏, 无法读取" and "BadZipFile" in job.error_detail


def test_an_unexpected_error_is_retried_with_growing_backoff_then_fails(db, queue_mode):
    services.enqueue("test.flaky", max_attempts=3)
    waits = []
    now = timezone.now()
    for _ in range(3):
        job = services.claim("host:1", now=now)
        assert job is not None, "the job should be ready again once its backoff has passed"
        before = timezone.now()
        services.run(job)
        job.refresh_from_db()
        if job.state == "queued":
            waits.append(round((job.run_after - before).total_seconds()))
            assert services.claim("host:1", now=before) is None  # not before the backoff has passed
            now = job.run_after + dt.timedelta(seconds=1)
    assert waits == [10, 20]
    assert job.state == "failed" and job.attempts == 3
    assert job.error == services.GENERIC_ERROR and "Traceback" not in job.error
    assert "ConnectionError: database restarting" in job.error_detail and "Traceback" in job.error_detail


def test_an_inline_failure_is_not_retried(db, settings):
    settings.LUOSHI_JOBS = "inline"
    job = services.enqueue("test.flaky", max_attempts=3)
    assert job.state == "failed" and job.attempts == 1


def test_a_job_of_an_unknown_kind_fails_with_a_line_for_the_user(db, queue_mode):
    services.enqueue("test.nobody-handles-this")
    services.run(services.claim("host:1"))
    job = Job.objects.get(kind="test.nobody-handles-this")
    assert job.state == "failed" and job.error == services.UNKNOWN_KIND_ERROR


def test_a_job_whose_worker_stopped_beating_is_queued_again(db, queue_mode):
    services.enqueue("test.echo")
    lost = services.claim("host:dead")
    later = timezone.now() + services.STALE_AFTER + dt.timedelta(seconds=1)
    assert services.requeue_stale(now=later - dt.timedelta(seconds=2)) == 0  # still within the timeout
    assert services.requeue_stale(now=later) == 1
    job = Job.objects.get(pk=lost.pk)
    assert job.state == "queued" and job.locked_by == "" and job.attempts == 1


def test_a_heartbeat_keeps_a_long_job_from_being_taken_for_dead(db, queue_mode):
    services.enqueue("test.echo")
    job = services.claim("host:1")
    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - services.STALE_AFTER * 2)
    assert services.beat(job)
    assert services.requeue_stale() == 0


def test_a_stale_job_that_used_all_its_attempts_fails_instead_of_looping(db, queue_mode):
    services.enqueue("test.echo", max_attempts=1)
    services.claim("host:dead")
    services.requeue_stale(now=timezone.now() + services.STALE_AFTER * 2)
    job = Job.objects.get(kind="test.echo")
    assert job.state == "failed" and job.error == services.LOST_ERROR


def test_a_worker_presumed_dead_cannot_overwrite_the_run_that_replaced_it(db, queue_mode):
    services.enqueue("test.echo")
    slow = services.claim("host:slow")
    later = timezone.now() + services.STALE_AFTER * 2
    services.requeue_stale(now=later)
    fresh = services.claim("host:fresh", now=later)
    assert not services.complete(slow, {"from": "slow"})
    assert not services.beat(slow)
    assert services.complete(fresh, {"from": "fresh"})
    assert Job.objects.get(pk=fresh.pk).result == {"from": "fresh"}


def test_a_second_handler_for_the_same_kind_is_refused():
    def other(job):
        return None

    with pytest.raises(ValueError, match=r"test\.echo"):
        job_handler("test.echo")(other)


def test_luoshi_jobs_names_the_variable_of_a_bad_value(monkeypatch):
    monkeypatch.setenv("LUOSHI_JOBS", "celery")
    with pytest.raises(ImproperlyConfigured, match=r"^LUOSHI_JOBS: expected one of inline, queue"):
        env_choice("LUOSHI_JOBS", ["inline", "queue"], default="inline")
    monkeypatch.setenv("LUOSHI_JOBS", " Queue ")
    assert env_choice("LUOSHI_JOBS", ["inline", "queue"], default="inline") == "queue"


@pytest.mark.parametrize("name", ["web.jobs.services", "web.plans.management.commands.cleanup_pending_imports"])
def test_the_docstring_examples_hold(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
