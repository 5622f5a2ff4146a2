"""The 任务分解表 .xlsx round trip: export, edit in Excel/WPS, import back as a row-by-row diff, apply on
confirmation, all or nothing; errors name the row and the column."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from web.exports.xlsx import COL, FIRST_DATA_ROW, HEADER_ROW, letter
from web.plans import services
from web.plans.models import PendingImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client, cast):
    response = client.get(reverse("export_xlsx", args=[cast.plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def row_of(ws, task) -> int:
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, COL["编号"]).value == f"T{task.pk}":
            return r
    raise AssertionError(f"no row for {task}")


def upload(client, cast, wb):
    out = io.BytesIO()
    wb.save(out)
    file = SimpleUploadedFile("任务分解表.xlsx", out.getvalue(), content_type=XLSX)
    response = client.post(reverse("import_xlsx", args=[cast.plan.pk]), {"file": file})
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def supervisor(as_):
    return as_("supervisor")


def test_it_exports_the_formatted_task_table(supervisor, cast):
    services.assign_task(cast.supervisor, cast.tasks["t2"], lead=cast.departments["规划建设办"],
                         cooperating=[cast.departments["经济发展办"]])
    ws = export(supervisor, cast).active
    assert ws.title == "任务分解表" and ws.parent.properties.title == "水口镇人民政府2025年工作任务分解表"
    assert ws.freeze_panes == "A3"
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, len(COL) + 1)] == list(COL)
    assert ws.column_dimensions[letter("版本")].hidden and ws.column_dimensions[letter("编号")].hidden
    r = row_of(ws, cast.tasks["t2"])
    assert ws.cell(r, COL["任务"]).value == cast.tasks["t2"].text
    assert ws.cell(r, COL["牵头单位"]).value == "规划建设办" and ws.cell(r, COL["配合单位"]).value == "经济发展办"
    assert ws.cell(r, COL["完成时限"]).value == dt.datetime(2025, 12, 31)
    assert "1230亩" in ws.cell(row_of(ws, cast.tasks["t1"]), COL["目标值"]).value


def test_it_shows_the_changes_row_by_row_and_applies_them_only_on_confirmation(supervisor, cast):
    wb = export(supervisor, cast)
    ws = wb.active
    r = row_of(ws, cast.tasks["t1"])
    ws.cell(r, COL["牵头单位"]).value = "经发办"  # an alias
    ws.cell(r, COL["配合单位"]).value = "财政所、党政办"
    ws.cell(r, COL["完成时限"]).value = "2025年4月30日"
    preview_url = upload(supervisor, cast, wb)
    page = supervisor.get(preview_url).content.decode()
    assert f"<td>{r}</td>" in page and "牵头单位" in page and "经济发展办" in page and "2025-04-30" in page
    t1 = cast.tasks["t1"]
    assert not t1.assignments.exists() and t1.deadline == dt.date(2025, 3, 31)  # nothing yet

    assert supervisor.post(preview_url).status_code == 302
    t1.refresh_from_db()
    assert t1.lead_department.name == "经济发展办" and t1.deadline == dt.date(2025, 4, 30)
    assert sorted(d.name for d in t1.cooperating_departments) == ["党政办", "财政所"]


def test_it_names_row_and_column_of_an_unknown_department_and_a_bad_date(supervisor, cast):
    wb = export(supervisor, cast)
    ws = wb.active
    r1, r2 = row_of(ws, cast.tasks["t1"]), row_of(ws, cast.tasks["t2"])
    ws.cell(r1, COL["牵头单位"]).value = "宣传办"
    ws.cell(r2, COL["完成时限"]).value = "明年春天"
    response = supervisor.get(upload(supervisor, cast, wb))
    page = response.content.decode()
    assert response.status_code == 400
    assert f"第{r1}行第E列(牵头单位): 未知部门“宣传办”" in page
    assert f"第{r2}行第D列(完成时限): 日期“明年春天”无法识别" in page


def test_it_applies_nothing_when_any_row_is_bad(supervisor, cast):
    wb = export(supervisor, cast)
    ws = wb.active
    ws.cell(row_of(ws, cast.tasks["t1"]), COL["牵头单位"]).value = "经济发展办"  # good
    ws.cell(row_of(ws, cast.tasks["t2"]), COL["牵头单位"]).value = "不存在的办"  # bad
    preview_url = upload(supervisor, cast, wb)
    assert supervisor.post(preview_url).status_code == 400
    assert not cast.tasks["t1"].assignments.exists()
    with pytest.raises(services.ServiceError):
        from web.exports.services import apply_task_table

        apply_task_table(cast.supervisor, PendingImport.objects.get(kind="task_table"))
    assert not cast.tasks["t1"].assignments.exists()


def test_it_names_the_header_cell_of_a_wrong_layout(supervisor, cast):
    wb = export(supervisor, cast)
    wb.active.cell(HEADER_ROW, COL["任务"]).value = "工作内容"
    page = supervisor.get(upload(supervisor, cast, wb)).content.decode()
    assert "第2行: 缺少表头“任务”" in page


def test_it_rejects_a_file_that_is_not_a_workbook(supervisor, cast):
    file = SimpleUploadedFile("任务分解表.xlsx", b"not a zip", content_type=XLSX)
    response = supervisor.post(reverse("import_xlsx", args=[cast.plan.pk]), {"file": file})
    assert "内容与扩展名不符: 不是 xlsx 文件" in response.content.decode()  # refused on upload, nothing kept
    assert not PendingImport.objects.exists()


def test_it_rejects_a_row_of_an_unknown_task(supervisor, cast):
    wb = export(supervisor, cast)
    ws = wb.active
    ws.cell(ws.max_row + 1, COL["编号"]).value = "T999999"
    ws.cell(ws.max_row, COL["任务"]).value = "一项新任务"
    page = supervisor.get(upload(supervisor, cast, wb)).content.decode()
    assert f"第{ws.max_row}行第{letter('编号')}列(编号): 本规划中没有编号为“T999999”的任务" in page


def test_it_neutralises_cells_a_spreadsheet_would_run_as_formulas(supervisor, cast):
    services.edit_task(cast.supervisor, cast.tasks["t1"], text="=HYPERLINK(\"http://x\")")
    ws = export(supervisor, cast).active
    cell = ws.cell(row_of(ws, cast.tasks["t1"]), COL["任务"])
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_it_round_trips_an_unchanged_table_to_no_changes(supervisor, cast):
    services.bulk_assign(cast.supervisor, cast.plan.tasks.all(), use_suggestions=True)
    page = supervisor.get(upload(supervisor, cast, export(supervisor, cast))).content.decode()
    assert "没有改动" in page


def test_a_row_changing_a_task_edited_on_the_web_since_the_export_is_refused(supervisor, cast):
    wb = export(supervisor, cast)
    services.edit_task(cast.supervisor, cast.tasks["t1"], text="督查室在网页上改过的任务")  # after the export
    ws = wb.active
    ws.cell(row_of(ws, cast.tasks["t1"]), COL["完成时限"]).value = "2025-04-30"
    preview_url = upload(supervisor, cast, wb)
    page = supervisor.get(preview_url).content.decode()
    assert "在导出后已在网页上被修改" in page and "请重新导出后再改" in page
    supervisor.post(preview_url)
    cast.tasks["t1"].refresh_from_db()
    assert cast.tasks["t1"].text == "督查室在网页上改过的任务" and cast.tasks["t1"].deadline == dt.date(2025, 3, 31)


def test_an_old_copy_of_the_table_cannot_undo_an_edit_made_on_the_web(supervisor, cast):
    wb = export(supervisor, cast)  # nobody touches this copy …
    services.edit_task(cast.supervisor, cast.tasks["t1"], text="督查室在网页上改过的任务")
    supervisor.post(upload(supervisor, cast, wb))  # … and it comes back later
    cast.tasks["t1"].refresh_from_db()
    assert cast.tasks["t1"].text == "督查室在网页上改过的任务"


def test_a_table_exported_before_the_version_column_still_imports(supervisor, cast):
    wb = export(supervisor, cast)
    ws = wb.active
    ws.delete_cols(COL["版本"])
    ws.cell(row_of(ws, cast.tasks["t2"]), COL["完成时限"]).value = "2025-10-31"
    assert supervisor.post(upload(supervisor, cast, wb)).status_code == 302
    cast.tasks["t2"].refresh_from_db()
    assert cast.tasks["t2"].deadline == dt.date(2025, 10, 31)
