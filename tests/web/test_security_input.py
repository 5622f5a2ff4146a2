"""Input that a careless user or an attacker sends where the forms never would: periods with a line break or
from another century, bidi controls in text, a JSON body that is not an object, reports outside the plan year
or on archived tasks, one more file per draft save, a broken statistics workbook. Each is refused in Chinese,
never a 500 and never stored."""

from __future__ import annotations

import io
import zipfile

import pytest
import supervision_fixtures as fixtures
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook
from supervision_fixtures import submit, upload
from web_sample import sample_extracted

from web.api.models import ApiToken
from web.indicators.models import IndicatorActual
from web.indicators.services import create_indicators_from_targets
from web.jobs.models import Job
from web.plans.import_services import save_extracted_plan
from web.plans.services import ServiceError, add_task, archive_task, edit_task
from web.supervision.models import Evidence, ProgressReport
from web.supervision.periods import parse_period

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def api(cast, who: str):
    from django.test import Client

    _, raw = ApiToken.issue(getattr(cast, who), f"{who} 的脚本")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


# --- reporting periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["2025-06\n", "2025-06\r\n", "２０２５-06", "2025-Q2\n"])
def test_a_period_with_anything_around_or_unusual_digits_is_not_a_period(key):
    with pytest.raises(ValueError):
        parse_period(key)


@pytest.mark.parametrize("period", ["2025-06%0A", "0001-01", "9999-12", "2024-12"])
def test_a_bulletin_of_a_period_outside_the_plan_year_is_not_found_and_no_job_is_stored(as_, supervised, period):
    url = f"/plans/{supervised.plan.pk}/bulletin/{period}.docx"
    assert as_("attacker").get(url).status_code == 404
    assert not Job.objects.exists()


@pytest.mark.parametrize("period", ["0001-01", "9999-12"])
def test_the_bulletin_page_of_a_period_far_away_is_not_found(as_, supervised, period):
    response = as_("attacker").get(reverse("bulletin", args=[supervised.plan.pk]), {"period": period})
    assert response.status_code == 404


def test_a_report_for_a_period_of_another_year_is_refused_by_the_api(supervised):
    response = api(supervised, "attacker").post(f"/api/tasks/{supervised.tasks['t4'].pk}/progress-reports",
                                                {"period": "2024-12", "text": "上年的报送", "percent": 10},
                                                content_type="application/json")
    assert response.status_code == 400 and "无效" in response.json()["detail"], response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_report_on_an_archived_task_is_refused_by_the_api(supervised):
    archive_task(supervised.supervisor, supervised.tasks["t4"], reason="并入其他任务")
    response = api(supervised, "attacker").post(f"/api/tasks/{supervised.tasks['t4'].pk}/progress-reports",
                                                {"period": "2025-06", "text": "已归档仍报送", "percent": 10},
                                                content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == "该任务已归档, 不能报送进展"
    assert not ProgressReport.objects.exists()


# --- JSON bodies ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["[]", "null", '"text"', "3"])
def test_a_task_edit_whose_body_is_not_an_object_is_a_422(supervised, body):
    task = supervised.tasks["t1"]
    task.refresh_from_db()
    version = task.version
    response = api(supervised, "supervisor").patch(f"/api/tasks/{task.pk}", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"] == "请求参数有误"
    task.refresh_from_db()
    assert task.version == version


# --- bidi controls ----------------------------------------------------------------------------------------


def test_bidi_controls_are_taken_out_of_a_progress_report(supervised):
    report = submit(supervised, "t4", who="attacker", department="党政办", text=f"已完成{RLO}exe.jpg",
                    difficulties=f"需{LRI}协调{PDI}")
    report.refresh_from_db()
    assert (report.text, report.difficulties) == ("已完成exe.jpg", "需协调")


def test_bidi_controls_are_taken_out_of_a_task(cast):
    task = add_task(cast.supervisor, cast.plan, text=f"新建{RLO}停车场")
    assert task.text == "新建停车场"
    edit_task(cast.supervisor, task, text="扩建\u202a停车场\u202c")
    task.refresh_from_db()
    assert task.text == "扩建停车场"


def test_a_task_of_nothing_but_bidi_controls_is_refused(cast):
    with pytest.raises(ServiceError):
        add_task(cast.supervisor, cast.plan, text=RLO * 3)


def test_bidi_controls_are_taken_out_of_an_imported_report(cast):
    extracted = sample_extracted(changes={"t4": f"健全城市管理{RLO}长效机制"})
    plan = save_extracted_plan(cast.outsider, issuer=cast.other_town, extracted=extracted, filename="月山镇.txt")
    assert plan.tasks.get(key="t4").text == "健全城市管理长效机制"


# --- evidence ---------------------------------------------------------------------------------------------


def test_saving_a_draft_again_cannot_pile_up_more_than_five_files(supervised):
    submit(supervised, "t4", who="attacker", department="党政办", draft=True, files=[upload() for _ in range(5)])
    with pytest.raises(ValidationError, match="最多"):
        submit(supervised, "t4", who="attacker", department="党政办", draft=True, files=[upload()])
    assert Evidence.objects.count() == 5


# --- the statistics workbook --------------------------------------------------------------------------------


def truncated_workbook() -> bytes:
    wb = Workbook()
    wb.active.append(["水口镇2025年1-5月主要经济指标"])
    wb.active.append(["指标名称", "单位", "1-5月累计", "同比增长(%)"])
    for i in range(200):
        wb.active.append([f"指标{i}", "亿元", i, 9.1])
    whole = io.BytesIO()
    wb.save(whole)
    out = io.BytesIO()
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as broken:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet's XML stops in the middle of a row
            broken.writestr(item, data)
    return out.getvalue()


def test_a_workbook_with_a_truncated_sheet_is_refused_in_chinese(as_, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    create_indicators_from_targets(cast.supervisor, cast.plan)
    file = SimpleUploadedFile("统计月报.xlsx", truncated_workbook())
    response = as_("supervisor").post(reverse("import_indicators", args=[cast.plan.pk]), {"file": file}, follow=True)
    assert response.status_code == 200
    assert "无法读取该文件" in response.content.decode()
    assert not IndicatorActual.objects.exists()
