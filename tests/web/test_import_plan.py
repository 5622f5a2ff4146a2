"""Importing a report (导入工作报告): upload → preview with warnings and highlighted source → nothing stored yet."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_sample import sample_extracted

from web.plans.models import PendingImport, Plan


def upload(client, cast, name="report.txt", data=b"v1", year=""):
    file = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post(reverse("import_report"), {"file": file, "issuer": cast.town.pk, "year": year})


def test_it_keeps_the_upload_pending_and_stores_no_plan(as_, cast, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    response = upload(as_("supervisor"), cast, "report-2026.txt")
    pending = PendingImport.objects.get(filename="report-2026.txt")
    assert response.status_code == 302 and response["Location"] == reverse("import_preview", args=[pending.pk])
    assert pending.year == 2026 and bytes(pending.data) == b"v1"
    assert not Plan.objects.filter(year=2026).exists()


def test_it_previews_items_with_their_source_highlighted_and_the_warnings(as_, cast, fake_extractor):
    fake_extractor["report-2026.txt"] = sample_extracted(year=2026)
    client = as_("supervisor")
    upload(client, cast, "report-2026.txt")
    pending = PendingImport.objects.get(filename="report-2026.txt")
    page = client.get(reverse("import_preview", args=[pending.pk])).content.decode()
    assert "<mark>力争第一季度完成基地(东片区)1230亩土地平整</mark>" in page
    assert "地方一般公共预算收入 ≥ 11%" in page
    assert "疑似乱码" in page
    assert "牵头: 经济发展办" in page
    assert not Plan.objects.filter(year=2026).exists()


def test_it_shows_the_readers_message_for_a_file_it_cannot_read(as_, cast, fake_extractor):
    response = upload(as_("supervisor"), cast, "broken.txt")
    assert response.status_code == 400
    assert "broken.txt: 不是可读取的报告" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_it_shows_the_real_readers_message_and_no_trace(as_, cast):
    response = upload(as_("supervisor"), cast, "报告.pdf", b"%PDF-1.4 this is not really a pdf")
    page = response.content.decode()
    assert response.status_code == 400
    assert "报告.pdf" in page and "Traceback" not in page
    assert not PendingImport.objects.exists()


def test_it_imports_the_demo_report_with_the_real_extractor(as_, cast):
    from pathlib import Path

    import luoshi

    data = (Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt").read_bytes()
    client = as_("supervisor")
    response = upload(client, cast, "shuikou-2025.txt", data, year="2024")
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = PendingImport.objects.get(filename="shuikou-2025.txt")
    assert "报告中写明的是2025年的工作安排,而您选择的是2024年" in client.get(response["Location"]).content.decode()
    client.post(reverse("import_target", args=[pending.pk]),  # the 2025 demo as 2024, knowingly
                {"issuer": cast.town.pk, "year": "2024", "confirmed": "on"})
    assert client.get(response["Location"]).status_code == 200
    assert client.post(response["Location"]).status_code == 302
    plan = Plan.objects.get(issuer=cast.town, year=2024)
    assert plan.sections.count() > 5 and plan.targets.count() > 5
    assert PendingImport.objects.get(pk=pending.pk).plan == plan


def test_it_shows_a_doubt_about_the_structure_in_chinese_before_anything_is_saved(as_, cast):
    report = ("一、2024年工作回顾\n一年来，地区生产总值增长5%。\n"
              "二、2025年工作安排\n今年要力争地区生产总值增长5%左右。\n")
    client = as_("supervisor")
    response = upload(client, cast, "report-2025.txt", report.encode())
    page = client.get(response["Location"]).content.decode()
    assert "结构存疑" in page and "只识别出1个计划章节" in page and "structure_doubt" not in page
    assert not Plan.objects.filter(source_name="report-2025.txt").exists()


def test_it_lets_only_supervisors_of_the_chosen_issuer_upload(as_, cast, fake_extractor):
    fake_extractor["r.txt"] = sample_extracted(year=2026)
    response = upload(as_("outsider"), cast, "r.txt")  # 月山镇's supervisor choosing 水口镇
    assert response.status_code == 400
    assert "issuer" in response.context["form"].errors
    assert not PendingImport.objects.exists()


def test_it_refuses_an_upload_over_the_size_limit(as_, cast, settings, fake_extractor):
    settings.LUOSHI_MAX_UPLOAD_MB = 1
    fake_extractor["big.txt"] = sample_extracted(year=2026)
    response = upload(as_("supervisor"), cast, "big.txt", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400 and "文件超过 1 MB" in response.content.decode()
    assert not PendingImport.objects.exists()
