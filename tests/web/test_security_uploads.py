"""Uploads (上传文件): size and type limits, zip bombs refused before anything is unpacked, file names that are
only metadata, and stored files served only through a permission check."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import supervision_fixtures as fixtures
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from supervision_fixtures import submit, upload

from web.accounts.uploads import safe_filename
from web.plans.models import PendingImport
from web.supervision.models import Evidence

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
MB = 1024 * 1024


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def dense_bomb() -> bytes:
    """A real bomb in miniature: 4 MB of zeros in a few kB (ratio ~1000)."""
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": bytes(4 * MB)})


def lying_bomb() -> bytes:
    """A zip whose directory declares 3 GB for a small part: what zipfile would be asked to produce."""
    data = bytearray(zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>" * 10}))
    central = data.index(b"PK\x01\x02", data.index(b"word/document.xml") - 60)
    data[central + 24:central + 28] = (3 * 1024 * MB).to_bytes(4, "little")  # uncompressed size
    return bytes(data)


def import_report(client, cast, name, data):
    return client.post(reverse("import_report"), {"file": SimpleUploadedFile(name, data), "issuer": cast.town.pk})


@pytest.fixture
def unopened(monkeypatch):
    """Fails the test if openpyxl is asked to open anything: a refused file must never get that far."""
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a file that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr("web.exports.xlsx.load_workbook", refuse)
    monkeypatch.setattr("web.indicators.statreport.load_workbook", refuse)


# --- the report import ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "message"), [
    ("tool.exe", b"MZ\x90\x00", "文件类型不允许"),
    ("report.pdf", b"MZ\x90\x00 renamed program", "不是 PDF 文件"),
    ("report.docx", "一、推动产业发展".encode(), "不是 docx 文件"),
    ("report.txt", b"MZ\x90\x00\x03\x00 renamed program", "不是文本文件"),
    ("report.html", b"\x7fELF\x02\x01", "不是文本文件"),
    ("report.docx", dense_bomb(), "疑似压缩炸弹"),
    ("report.docx", lying_bomb(), "疑似压缩炸弹"),
])
def test_the_report_import_refuses_a_file_that_is_not_what_it_says(as_, cast, name, data, message):
    response = import_report(as_("supervisor"), cast, name, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_report_import_names_the_size_limit_in_chinese(as_, cast, settings):
    settings.LUOSHI_MAX_UPLOAD_MB = 1
    response = import_report(as_("supervisor"), cast, "report.txt", b"x" * (MB + 1))
    assert response.status_code == 400 and "超过 1 MB, 不能上传" in response.content.decode()


def test_a_request_larger_than_any_form_is_refused_unread_with_a_chinese_page(as_, cast, settings):
    settings.LUOSHI_MAX_REQUEST_BYTES = 10_000
    response = import_report(as_("supervisor"), cast, "report.txt", b"x" * 20_000)
    assert response.status_code == 413 and "文件过大" in response.content.decode()
    assert "RequestDataTooBig" not in response.content.decode()


# --- spreadsheets the web app opens (task table, statistics report) -----------------------------------------


@pytest.mark.parametrize("bomb", [dense_bomb, lying_bomb])
def test_a_task_table_zip_bomb_is_refused_before_openpyxl_opens_it(as_, cast, unopened, bomb):
    file = SimpleUploadedFile("任务分解表.xlsx", bomb())
    response = as_("supervisor").post(reverse("import_xlsx", args=[cast.plan.pk]), {"file": file})
    assert response.status_code == 200 and "疑似压缩炸弹" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_task_table_that_is_not_a_zip_is_refused(as_, cast, unopened):
    file = SimpleUploadedFile("任务分解表.xlsx", b"MZ\x90\x00 renamed program")
    response = as_("supervisor").post(reverse("import_xlsx", args=[cast.plan.pk]), {"file": file})
    assert "不是 xlsx 文件" in response.content.decode()


def test_a_statistics_report_zip_bomb_is_refused_before_openpyxl_opens_it(as_, cast, unopened):
    file = SimpleUploadedFile("统计月报.xlsx", dense_bomb())
    response = as_("supervisor").post(reverse("import_indicators", args=[cast.plan.pk]), {"file": file},
                                      follow=True)
    assert "疑似压缩炸弹" in response.content.decode()


# --- evidence files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sent", "kept"), [
    ("..\\..\\windows\\system32\\evil.jpg", "evil.jpg"),
    ("CON.jpg", "_CON.jpg"),
    ("照片\u202egpj.jpg", "照片gpj.jpg"),
    ("a" * 300 + ".jpg", "a" * 96 + ".jpg"),
])
def test_evidence_keeps_a_cleaned_name_and_stores_under_a_generated_one(as_, supervised, mid_year, sent, kept):
    response = as_("staff").post(reverse("progress_report", args=[supervised.tasks["t3"].pk]), {
        "period": "2025-06", "text": "现场照片见附件", "percent": "30", "evidence": [upload(sent)]})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.name == kept
    assert re.fullmatch(r"\d+/\d+/[0-9a-f]{32}\.jpg", evidence.path)
    assert evidence.file_path.resolve().is_relative_to((Path(settings.LUOSHI_DATA_DIR) / "evidence").resolve())


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a\x00b.txt", "x\r\nSet-Cookie: a=b",
                                  "NUL", "..", "C:\\boot.ini", "lpt1.docx"])
def test_a_cleaned_name_is_a_plain_file_name(name):
    cleaned = safe_filename(name)
    assert cleaned and "/" not in cleaned and "\\" not in cleaned and not cleaned.startswith(".")
    assert not re.search(r"[\x00-\x1f]", cleaned) and len(cleaned) <= 100
    assert cleaned.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "lpt1", "com1"}


def test_a_download_header_never_carries_a_line_break_from_a_name(as_, supervised, mid_year):
    report = submit(supervised, files=[upload()])
    Evidence.objects.filter(report=report).update(name="x\r\nSet-Cookie: stolen=1.pdf")  # stored before cleaning
    response = as_("supervisor").get(reverse("evidence", args=[report.evidence.get().pk]))
    assert response.status_code == 200 and "\n" not in response["Content-Disposition"]
    assert "stolen" not in response.cookies


def test_evidence_obeys_the_upload_limit_when_it_is_lower(supervised, mid_year, settings):
    settings.LUOSHI_MAX_UPLOAD_MB = 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="超过1MB"):
        submit(supervised, files=[upload(content=b"\xff\xd8\xff" + bytes(MB))])


def test_an_evidence_zip_bomb_is_refused(supervised, mid_year):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        submit(supervised, files=[upload("表格.xlsx", dense_bomb())])
    assert not Evidence.objects.exists()


def test_evidence_of_another_departments_draft_is_not_found(as_, supervised, mid_year):
    report = submit(supervised, files=[upload()], draft=True)
    url = reverse("evidence", args=[report.evidence.get().pk])
    assert as_("staff").get(url).status_code == 200
    for role in ("other_staff", "supervisor", "outsider"):
        assert as_(role).get(url).status_code == 404, role
    assert as_("public").get(url).status_code == 302  # to the login page


def test_stored_files_have_no_direct_url(as_, supervised, mid_year):
    report = submit(supervised, files=[upload()])
    path = report.evidence.get().path
    client = as_("staff")
    for url in (f"/media/evidence/{path}", f"/media/{path}", f"/evidence/{path}", f"/static/{path}",
                f"/static/../evidence/{path}", f"/static/%2e%2e/evidence/{path}"):
        assert client.get(url).status_code == 404, url


def test_the_examples_in_the_security_modules_hold():
    import doctest

    from web.accounts import network, passwords, uploads

    for module in (uploads, network, passwords):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_a_form_too_large_to_hold_in_memory_gets_a_chinese_400(as_, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_("supervisor").post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "长" * 2000})
    assert response.status_code == 400 and "请求有误" in response.content.decode()
    assert "RequestDataTooBig" not in response.content.decode()
