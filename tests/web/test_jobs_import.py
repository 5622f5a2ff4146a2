"""Imports and bulletins through the queue (``LUOSHI_JOBS=queue``): the page waits ("正在解析…", htmx polling)
and shows the preview, the file or the one-line error once the worker has run; old uploads are cleaned up."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from web_sample import sample_extracted

from web.jobs import services
from web.jobs.models import Job
from web.plans.models import PendingImport, Plan

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def queue_mode(settings):
    settings.LUOSHI_JOBS = "queue"


def upload(client, cast, name="report-2026.txt", data=b"v1"):
    file = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post(reverse("import_report"), {"file": file, "issuer": cast.town.pk, "year": ""})


def work() -> None:
    call_command("run_worker", "--once", stdout=StringIO(), stderr=StringIO())


def test_the_upload_page_waits_for_the_extraction_and_polls(as_, cast, queue_mode, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    client = as_("supervisor")
    response = upload(client, cast)
    pending = PendingImport.objects.get(filename="report-2026.txt")
    assert response["Location"] == reverse("import_preview", args=[pending.pk])
    page = client.get(response["Location"]).content.decode()
    assert "正在解析…" in page and 'hx-trigger="load delay:1s"' in page and "确认导入" not in page
    poll = client.get(response["Location"], **HTMX)
    assert "正在解析…" in poll.content.decode() and "HX-Refresh" not in poll


def test_polling_reloads_the_page_into_the_preview_once_the_job_is_done(as_, cast, queue_mode, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    client = as_("supervisor")
    url = upload(client, cast)["Location"]
    work()
    assert client.get(url, **HTMX)["HX-Refresh"] == "true"
    page = client.get(url).content.decode()
    assert "<mark>力争第一季度完成基地(东片区)1230亩土地平整</mark>" in page and "确认导入" in page
    assert "导入预览: 水口镇人民政府 2026 年" in page  # the year read from the report
    assert not Plan.objects.filter(year=2026).exists()


def test_an_unreadable_report_shows_its_one_line_message_after_the_wait(as_, cast, queue_mode, fake_extractor):
    client = as_("supervisor")
    url = upload(client, cast, "broken.txt")["Location"]
    work()
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 400
    assert "broken.txt: 不是可读取的报告" in page and "Traceback" not in page and "ImportFailed" not in page


def test_a_report_without_a_year_says_to_fill_it_in(as_, cast, fake_extractor):
    fake_extractor["no-year.txt"] = sample_extracted(year=0)
    response = upload(as_("supervisor"), cast, "no-year.txt")
    assert response.status_code == 400 and "未能从报告中识别年度" in response.content.decode()


def test_confirming_in_queue_mode_saves_through_the_worker_once_however_often_clicked(
        as_, cast, queue_mode, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    client = as_("supervisor")
    url = upload(client, cast)["Location"]
    work()
    assert client.post(url)["Location"] == url and client.post(url)["Location"] == url
    assert Job.objects.filter(kind="confirm_import").count() == 1
    assert "正在保存…" in client.get(url, **HTMX).content.decode() and not Plan.objects.filter(year=2026).exists()
    work()
    plan = Plan.objects.get(issuer=cast.town, year=2026)
    assert client.get(url, **HTMX)["HX-Redirect"] == reverse("task_table", args=[plan.pk])
    assert client.get(url)["Location"] == reverse("task_table", args=[plan.pk])


def test_confirming_stores_the_extraction_the_preview_showed_without_reading_the_report_again(
        as_, cast, queue_mode, fake_extractor, monkeypatch):
    from web.plans import import_services as plan_services

    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    reads: list[str] = []
    extract = plan_services.extract_report
    monkeypatch.setattr(plan_services, "extract_report", lambda data, name, **kw: reads.append(name) or extract(
        data, name, **kw))
    client = as_("supervisor")
    url = upload(client, cast)["Location"]
    work()
    client.post(url)
    work()
    plan = Plan.objects.get(issuer=cast.town, year=2026)
    assert reads == ["report-2026.txt"]  # once, by the extraction job
    assert json.loads(plan.imported)["schema"] == "plan/1" and json.loads(plan.imported)["year"] == 2026


def test_a_confirmation_that_fails_shows_one_line_on_the_preview(as_, cast, fake_extractor, monkeypatch):
    from web.plans import import_services as plan_services

    def broken(actor, pending):
        raise RuntimeError("could not serialize access due to concurrent update")

    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    monkeypatch.setattr(plan_services, "confirm_import", broken)
    client = as_("supervisor")
    response = client.post(upload(client, cast)["Location"])
    page = response.content.decode()
    assert response.status_code == 400 and f"确认导入失败: {services.GENERIC_ERROR}" in page
    assert "serialize" not in page and not Plan.objects.filter(year=2026).exists()


def test_only_the_uploader_sees_the_wait_page(as_, cast, queue_mode, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    url = upload(as_("supervisor"), cast)["Location"]
    assert as_("outsider").get(url, **HTMX).status_code == 404


# --- bulletins -------------------------------------------------------------------------------------------


def test_a_bulletin_file_is_made_by_the_worker_and_then_downloaded(as_, cast, queue_mode):
    client = as_("supervisor")
    response = client.get(reverse("bulletin_download", args=[cast.plan.pk, "2025-03", "docx"]))
    job = Job.objects.get(kind="bulletin_file")
    assert response.status_code == 302 and response["Location"] == reverse("bulletin_job", args=[cast.plan.pk, job.pk])
    assert "正在生成…" in client.get(response["Location"], **HTMX).content.decode()
    assert client.get(reverse("bulletin_download", args=[cast.plan.pk, "2025-03", "docx"])).status_code == 302
    assert Job.objects.filter(kind="bulletin_file").count() == 1  # asking again while it waits: the same job

    work()

    fragment = client.get(response["Location"], **HTMX).content.decode()
    link = reverse("bulletin_job_file", args=[cast.plan.pk, job.pk])
    assert link in fragment and "hx-trigger" not in fragment  # the link, and polling stops
    file = client.get(link)
    assert file.status_code == 200 and file.content.startswith(b"PK") and "attachment" in file["Content-Disposition"]


@pytest.mark.parametrize(("role", "status"), [("leader", 404), ("outsider", 404), ("public", 302)])
def test_a_bulletin_file_is_only_for_the_member_who_asked_for_it(as_, cast, role, status):
    as_("supervisor").get(reverse("bulletin_download", args=[cast.plan.pk, "2025-03", "pdf"]))
    job = Job.objects.get(kind="bulletin_file", state="done")
    assert as_(role).get(reverse("bulletin_job_file", args=[cast.plan.pk, job.pk])).status_code == status


def test_a_failed_bulletin_job_shows_one_line_and_no_trace(as_, cast, queue_mode, monkeypatch):
    from web.bulletins import content

    def broken(*args, **kwargs):
        raise RuntimeError("disk full at /var/luoshi")

    monkeypatch.setattr(content, "build_bulletin", broken)
    client = as_("supervisor")
    url = client.get(reverse("bulletin_download", args=[cast.plan.pk, "2025-03", "docx"]))["Location"]
    Job.objects.update(max_attempts=1)
    work()
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 500 and services.GENERIC_ERROR in page
    assert "disk full" not in page and "Traceback" not in page
    assert "disk full" in Job.objects.get(kind="bulletin_file").error_detail  # kept for staff


# --- cleaning up -----------------------------------------------------------------------------------------


def test_cleanup_forgets_old_unconfirmed_uploads_and_old_finished_jobs(cast, settings):
    settings.LUOSHI_JOBS = "inline"
    long_ago = timezone.now() - dt.timedelta(days=8)

    def pending(name, **fields):
        return PendingImport.objects.create(kind="report", created_by=cast.supervisor, filename=name, data=b"x",
                                            issuer=cast.town, year=2026, **fields)

    old, recent = pending("old.txt", created_at=long_ago), pending("recent.txt")
    confirmed = pending("confirmed.txt", created_at=long_ago, confirmed_at=long_ago, plan=cast.plan)
    # No handler for "test.cleanup": each fails at once, a finished job all the same.
    old_job, new_job = services.enqueue("test.cleanup"), services.enqueue("test.cleanup")
    Job.objects.filter(pk=old_job.pk).update(finished_at=long_ago)

    out = StringIO()
    call_command("cleanup_pending_imports", "--older-than", "7d", stdout=out)

    assert set(PendingImport.objects.values_list("pk", flat=True)) >= {recent.pk, confirmed.pk}
    assert not PendingImport.objects.filter(pk=old.pk).exists()
    assert not Job.objects.filter(pk=old_job.pk).exists() and Job.objects.filter(pk=new_job.pk).exists()
    assert "已删除 1 个未确认的上传, 1 个已结束的后台任务" in out.getvalue()


def test_cleanup_refuses_an_age_it_cannot_read(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--older-than"):
        call_command("cleanup_pending_imports", "--older-than", "a week")
