"""An import cannot sweep a live plan by mistake: the issuer and year a report names itself are compared with the
chosen plan; a mismatch stops with an explanation in Chinese and offers a new plan (another issuer and/or year);
a re-import into a plan with progress says exactly what it keeps."""

from __future__ import annotations

import dataclasses

import pytest
import supervision_fixtures as fixtures
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from supervision_fixtures import submit
from web_sample import sample_extracted

from web.audit.models import AuditEvent
from web.plans.import_services import ServiceError, confirm_import
from web.plans.importing import extracted_from_json, extracted_to_json
from web.plans.models import Issuer, PendingImport, Plan

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below


def report_of(issuer: str | None, year: int | None, **changes):
    """The sample plan, as if read from a report that names ``issuer`` and ``year`` itself."""
    return dataclasses.replace(sample_extracted(**changes), detected_issuer=issuer, detected_year=year)


def upload(client, cast, name, year=""):
    file = SimpleUploadedFile(name, b"report", content_type="text/plain")
    client.post(reverse("import_report"), {"file": file, "issuer": cast.town.pk, "year": year})
    return PendingImport.objects.get(filename=name)


def test_a_report_of_another_issuer_stops_the_import_into_the_live_plan(as_, cast, fake_extractor):
    fake_extractor["guangdong.txt"] = report_of("广东省人民政府", 2025, drop=("t1", "t2", "t3"))
    client = as_("supervisor")
    pending = upload(client, cast, "guangdong.txt")
    page = client.get(reverse("import_preview", args=[pending.pk])).content.decode()
    assert "导入已停止" in page and 'id="confirm-import"' not in page
    assert "报告中写明的发文单位是“广东省人民政府”,而您选择的是“水口镇人民政府”。" in page
    response = client.post(reverse("import_preview", args=[pending.pk]))  # posted anyway
    assert response.status_code == 302 and PendingImport.objects.get(pk=pending.pk).confirmed_at is None
    assert cast.plan.tasks.filter(archived=True).count() == 0
    with pytest.raises(ServiceError, match="为防止误导入“水口镇人民政府2025年工作任务”,已停止导入"):
        confirm_import(cast.supervisor, pending, fake_extractor["guangdong.txt"])


def test_a_report_of_another_year_stops_too(as_, cast, fake_extractor):
    fake_extractor["2024.txt"] = report_of("水口镇人民政府", 2024)
    client = as_("supervisor")
    pending = upload(client, cast, "2024.txt", year="2025")
    assert "报告中写明的是2024年的工作安排,而您选择的是2025年。" in client.get(
        reverse("import_preview", args=[pending.pk])).content.decode()


def test_the_stopped_report_becomes_a_new_plan_of_its_own_issuer(as_, cast, fake_extractor):
    fake_extractor["guangdong.txt"] = report_of("广东省人民政府", 2025)
    client = as_("supervisor")
    pending = upload(client, cast, "guangdong.txt")
    client.post(reverse("import_target", args=[pending.pk]),
                {"issuer": "", "new_issuer": "广东省人民政府", "parent": cast.town.pk, "year": "2025"})
    page = client.get(reverse("import_preview", args=[pending.pk])).content.decode()
    assert 'id="confirm-import"' in page and "导入已停止" not in page
    client.post(reverse("import_preview", args=[pending.pk]))
    province = Issuer.objects.get(name="广东省人民政府")
    assert Plan.objects.filter(issuer=province, year=2025).exists() and cast.plan.tasks.count() == 4
    assert AuditEvent.objects.filter(action="issuer.add", actor=cast.supervisor).exists()


def test_who_makes_an_issuer_by_an_import_is_its_office(as_, cast, fake_extractor):
    from web.plans.access import can_edit_plan

    fake_extractor["guangdong.txt"] = report_of("广东省人民政府", 2025)
    client = as_("supervisor")
    pending = upload(client, cast, "guangdong.txt")
    client.post(reverse("import_target", args=[pending.pk]),
                {"issuer": "", "new_issuer": "广东省人民政府", "parent": cast.town.pk, "year": "2025"})
    client.post(reverse("import_preview", args=[pending.pk]))
    plan = Plan.objects.get(issuer__name="广东省人民政府")
    assert can_edit_plan(cast.supervisor, plan)


def test_a_misread_report_is_imported_once_the_importer_confirms_it(as_, cast, fake_extractor):
    fake_extractor["typo.txt"] = report_of("水日镇人民政府", 2025)  # the report's own name, misread
    client = as_("supervisor")
    pending = upload(client, cast, "typo.txt")
    client.post(reverse("import_target", args=[pending.pk]),
                {"issuer": cast.town.pk, "year": "2025", "confirmed": "on"})
    assert 'id="confirm-import"' in client.get(reverse("import_preview", args=[pending.pk])).content.decode()


def test_the_office_cannot_point_an_upload_at_another_offices_issuer(as_, cast, fake_extractor):
    fake_extractor["yueshan.txt"] = report_of("月山镇人民政府", 2025)
    client = as_("supervisor")
    pending = upload(client, cast, "yueshan.txt")
    client.post(reverse("import_target", args=[pending.pk]),
                {"new_issuer": "月山镇人民政府", "parent": cast.town.pk, "year": "2025"})
    assert PendingImport.objects.get(pk=pending.pk).issuer == cast.town


def test_a_report_that_names_the_chosen_issuer_and_year_goes_straight_to_confirmation(as_, cast, fake_extractor):
    fake_extractor["same.txt"] = report_of("广东省江门市开平市水口镇人民政府", 2025)
    client = as_("supervisor")
    pending = upload(client, cast, "same.txt")
    page = client.get(reverse("import_preview", args=[pending.pk])).content.decode()
    assert 'id="confirm-import"' in page and "import-guard" not in page


def test_a_reimport_into_a_plan_with_progress_says_what_it_keeps(as_, supervised, fake_extractor, mid_year):
    report = submit(supervised, "t3", "2025-06", 40)
    from web.supervision.services import approve_progress_report

    approve_progress_report(supervised.supervisor, report)
    submit(supervised, "t4", "2025-06", 20, department="党政办", who="attacker")
    fake_extractor["corrected.txt"] = report_of("水口镇人民政府", 2025, drop=("t4",))
    client = as_("supervisor")
    pending = upload(client, supervised, "corrected.txt")
    page = client.get(reverse("import_preview", args=[pending.pk])).content.decode()
    assert "保留 3 项任务" in page and "4 项已分配" not in page and "3 项已分配牵头单位" in page
    assert "全部 1 份进展报送(其中 1 份已审核通过)" in page
    assert "归档 1 项新版本中已没有的任务,其中 1 项已有进展报送(共 1 份)" in page


def test_the_job_keeps_what_the_report_says_of_itself(cast):
    extracted = report_of("广东省人民政府", 2025)
    again = extracted_from_json(extracted_to_json(extracted))
    assert (again.detected_issuer, again.detected_year) == ("广东省人民政府", 2025)

