"""The exported 任务分解表 ready to print, read with openpyxl: title row, A4 landscape one page wide, title and
header on every page, the headings of both levels, 分管领导 / 进度 / 状态 / 最新进展, and the 民生实事 and 主要指标
sheets; re-importing the untouched file changes nothing."""

from __future__ import annotations

import io

import pytest
import supervision_fixtures as fixtures
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from supervision_fixtures import submit

from web.audit.models import AuditEvent
from web.exports.xlsx import COL, FIRST_DATA_ROW, TITLE_ROW
from web.indicators.services import create_indicators_from_targets
from web.plans.models import Task
from web.supervision import services as supervision

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def book(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        supervision.approve_progress_report(supervised.supervisor, submit(
            supervised, "t3", "2025-06", 15, text="洽谈项目3个"))
    leader = supervised.leader
    leader.first_name = "李明"
    leader.save()
    department = supervised.departments["经济发展办"]
    department.leader_in_charge = leader  # the department's 分管领导, the default of its tasks
    department.save()
    create_indicators_from_targets(supervised.supervisor, supervised.plan)
    response = as_("supervisor").get(reverse("export_xlsx", args=[supervised.plan.pk]))
    assert response.status_code == 200
    return response.content


def rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_it_prints_a4_landscape_one_page_wide(book):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0  # as many pages down as it takes


def test_it_repeats_the_title_and_header_rows_on_every_page(book):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3"


def test_it_starts_with_the_title_row(book):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    assert ws.cell(TITLE_ROW, 1).value == "水口镇人民政府2025年工作任务分解表"
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)


def test_first_and_second_level_headings_are_full_rows(book, supervised):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    first_column = [ws.cell(r, 1).value for r in range(FIRST_DATA_ROW, ws.max_row + 1)]
    second = next(s for s in supervised.plan.sections.all() if s.parent_id is not None and s.tasks.exists())
    first = second.parent
    assert not first.tasks.exists()  # a first-level heading with no task of its own is printed all the same
    assert f"{first.number}、{first.title}" in first_column and str(second) in first_column
    assert first_column.index(f"{first.number}、{first.title}") < first_column.index(str(second))
    merged = {r.min_row for r in ws.merged_cells.ranges}
    assert FIRST_DATA_ROW + first_column.index(f"{first.number}、{first.title}") in merged


def test_the_columns_are_the_offices(book):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    header = [c.value for c in ws[2]]
    assert header[:11] == ["序号", "任务", "目标值", "完成时限", "牵头单位", "配合单位", "分管领导", "进度", "状态",
                           "最新进展", "备注"]
    assert all(c.alignment.wrap_text for c in ws[FIRST_DATA_ROW + 2] if c.value is not None)


def test_a_row_shows_its_leader_progress_light_and_latest_report(book, supervised):
    ws = load_workbook(io.BytesIO(book))["任务分解表"]
    row = next(r for r in ws.iter_rows(min_row=FIRST_DATA_ROW) if r[COL["编号"] - 1].value ==
               f"T{supervised.tasks['t3'].pk}")
    value = {name: row[COL[name] - 1].value for name in COL}
    assert value["分管领导"] == "李明" and value["进度"] == "15%" and value["状态"] == "红灯"
    assert value["最新进展"] == "2025-06:洽谈项目3个"


def test_the_livelihood_tasks_and_the_indicators_have_their_own_sheets(book, supervised):
    wb = load_workbook(io.BytesIO(book))
    assert wb.sheetnames == ["任务分解表", "民生实事", "主要指标"]
    indicators = rows(wb["主要指标"])
    assert indicators[1][:3] == ["指标", "类型", "年度目标"]
    assert indicators[2][0] == "地方一般公共预算收入" and indicators[2][2] == "增长不低于11%"
    assert wb["民生实事"].page_setup.orientation == "landscape"


def test_reimporting_the_untouched_file_changes_nothing(as_, book, supervised):
    versions = dict(Task.objects.values_list("pk", "version"))
    events = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0  # the last row so far
    client = as_("supervisor")
    file = SimpleUploadedFile("任务分解表.xlsx", book, content_type=XLSX)
    preview = client.post(reverse("import_xlsx", args=[supervised.plan.pk]), {"file": file})["Location"]
    assert "没有改动" in client.get(preview).content.decode()
    client.post(preview)
    assert dict(Task.objects.values_list("pk", "version")) == versions
    assert not AuditEvent.objects.filter(pk__gt=events, action__startswith="task.").exists()
    assert not AuditEvent.objects.filter(pk__gt=events, action="assignment.change").exists()


def test_a_table_in_the_former_layout_still_imports(as_, book, supervised):
    wb = load_workbook(io.BytesIO(book))
    ws = wb["任务分解表"]
    for merged in list(ws.merged_cells.ranges):  # openpyxl moves no merged range when deleting a row
        ws.unmerge_cells(str(merged))
    ws.delete_rows(TITLE_ROW)  # header in row 1, as before
    ws.cell(1, COL["任务"]).value = "具体任务"
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, COL["编号"]).value == f"T{supervised.tasks['t2'].pk}")
    ws.cell(row, COL["完成时限"]).value = "2025-10-31"
    out = io.BytesIO()
    wb.save(out)
    client = as_("supervisor")
    file = SimpleUploadedFile("任务分解表.xlsx", out.getvalue(), content_type=XLSX)
    preview = client.post(reverse("import_xlsx", args=[supervised.plan.pk]), {"file": file})["Location"]
    response = client.post(preview)
    assert response.status_code == 302, response.context["table"].errors
    supervised.tasks["t2"].refresh_from_db()
    assert str(supervised.tasks["t2"].deadline) == "2025-10-31"
