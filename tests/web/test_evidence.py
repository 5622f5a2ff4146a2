"""Evidence files (佐证材料): type and size limits, stored outside the web root, served only after a check."""

from __future__ import annotations

from pathlib import Path

import pytest
import supervision_fixtures as fixtures
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from supervision_fixtures import submit, upload

from web.supervision import services
from web.supervision.models import Evidence

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


def test_it_stores_evidence_under_the_data_dir_outside_the_web_root(as_, supervised):
    response = as_("staff").post(reverse("progress_report", args=[supervised.tasks["t3"].pk]), {
        "period": "2025-06", "text": "现场照片见附件", "percent": "30",
        "evidence": [upload(), upload("签约.pdf", b"%PDF-1.4 fake")]})
    assert response.status_code == 302
    files = list(Evidence.objects.order_by("pk"))
    assert [(e.name, e.content_type) for e in files] == [("photo.jpg", "image/jpeg"), ("签约.pdf", "application/pdf")]
    stored = files[0].file_path.resolve()
    assert stored.is_relative_to(Path(settings.LUOSHI_DATA_DIR).resolve() / "evidence")
    assert not stored.is_relative_to((Path(settings.BASE_DIR) / "web").resolve())
    assert stored.read_bytes() == b"\xff\xd8\xff\xe0 fake jpeg"


@pytest.mark.parametrize(("name", "message"), [("tool.exe", "类型不允许"), ("page.html", "类型不允许"),
                                               ("photo.JPG.svg", "类型不允许")])
def test_it_refuses_files_of_other_types(supervised, name, message):
    with pytest.raises(ValidationError, match=message):
        submit(supervised, files=[upload(name, b"x")])
    assert not Evidence.objects.exists()


def test_it_refuses_a_file_whose_bytes_are_not_its_type(supervised):
    with pytest.raises(ValidationError, match="内容与扩展名不符"):
        submit(supervised, files=[upload("photo.jpg", b"<html><script>alert(1)</script>")])
    assert not Evidence.objects.exists()


def test_it_refuses_files_over_the_size_limit_and_saves_nothing(supervised, monkeypatch):
    monkeypatch.setattr(Evidence, "MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="超过"):
        submit(supervised, files=[upload(content=b"x" * 11)])
    assert not Evidence.objects.exists() and supervised.tasks["t3"].progress_reports.count() == 0


def test_it_refuses_more_than_five_files(supervised):
    with pytest.raises(ValidationError, match="最多"):
        submit(supervised, files=[upload(f"{i}.jpg") for i in range(6)])


def test_a_failed_submission_leaves_no_file_behind(supervised):
    submit(supervised)
    with pytest.raises(ValidationError):
        submit(supervised, files=[upload()])  # a version awaits review: refused after the files were checked
    evidence_dir = Path(settings.LUOSHI_DATA_DIR) / "evidence"
    assert not evidence_dir.exists() or not any(p.is_file() for p in evidence_dir.rglob("*"))


@pytest.mark.parametrize(("role", "status"), [("staff", 200), ("supervisor", 200), ("leader", 200),
                                              ("other_staff", 404), ("outsider", 404)])
def test_it_serves_evidence_of_a_pending_report_only_to_those_who_may_read_it(as_, supervised, role, status):
    report = submit(supervised, files=[upload()])
    response = as_(role).get(reverse("evidence", args=[report.evidence.get().pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"\xff\xd8\xff\xe0 fake jpeg"


def test_the_public_never_gets_evidence(as_, supervised):
    report = submit(supervised, files=[upload()])
    services.approve_progress_report(supervised.supervisor, report)
    response = as_("public").get(reverse("evidence", args=[report.evidence.get().pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_evidence_of_an_approved_report_is_readable_by_other_departments(as_, supervised):
    report = submit(supervised, files=[upload()])
    services.approve_progress_report(supervised.supervisor, report)
    assert as_("other_staff").get(reverse("evidence", args=[report.evidence.get().pk])).status_code == 200
