"""``luoshi extract --departments / --level / --rows / --history``: the office's list, level, cut and memory;
a bad list or table is refused in one line naming the file and the problem, exit 2, nothing written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from luoshi.cli import main
from luoshi.history import parse_history, read_history

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"
TOWN = ["党政办", "党建办", "经济发展办", "规划建设办", "农业农村办", "综治办", "应急管理办", "社会事务办", "财政所",
        "文化站", "自然资源所", "生态环境办", "综合行政执法队"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_leads_and_cooperating_units_come_only_from_the_given_list(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "部门.txt"
    listing.write_text("\n".join(TOWN) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, str(DEMO), "--departments", str(listing))
    tasks = json.loads(out)["tasks"]
    assert code == 0 and all(t["lead"] in TOWN and set(t.get("cooperating", [])) <= set(TOWN) for t in tasks)


def test_the_level_chooses_the_built_in_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO), "--level", "national")
    assert code == 0 and "国家发展改革委" in {t["lead"] for t in json.loads(out)["tasks"]}


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "部门名单是空的"),
    (b"\n  \n", "部门名单是空的"),
    ("财政所\n党政办\n财政所\n".encode(), "部门“财政所”重复出现（第 1 行和第 3 行）"),
    ("财政所\n党政办\n".encode("gb18030"), "不是 UTF-8"),
])
def test_a_bad_department_list_is_one_line_exit_2_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str) -> None:
    listing = tmp_path / "部门.txt"
    listing.write_bytes(content)
    out_file = tmp_path / "计划.json"
    code, out, err = run(capsys, str(DEMO), "--departments", str(listing), "-o", str(out_file))
    assert code == 2 and out == "" and not out_file.exists()
    assert err.count("\n") == 1 and str(listing) in err and problem in err


@pytest.mark.parametrize(("content", "problem"), [
    (b"not a workbook", "不是可读取的 Excel 表格"),
    (None, "无法读取历史分工表"),
])
def test_an_unreadable_history_is_one_line_exit_2_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, problem: str) -> None:
    table = tmp_path / "去年.xlsx"
    if content is not None:
        table.write_bytes(content)
    out_file = tmp_path / "计划.json"
    code, out, err = run(capsys, str(DEMO), "--history", str(table), "-o", str(out_file))
    assert code == 2 and out == "" and not out_file.exists()
    assert err.count("\n") == 1 and str(table) in err and problem in err


def test_a_history_without_the_needed_columns_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="找不到表头"):
        parse_history(workbook([["序号", "备注"], ["1", "无"]]), "表.xlsx")


def test_the_history_of_an_offices_sheet_is_read_by_its_column_names() -> None:
    data = workbook([["2024年任务分解表"], ["序号", "工作内容", "牵头单位", "配合单位"],
                     ["1", "推进水口医院医养结合综合大楼建设", "规划建设办", "社会事务办、财政所"]])
    history = parse_history(data, "表.xlsx")
    assert [(r.text, r.lead, r.cooperating) for r in history.rows] == [
        ("推进水口医院医养结合综合大楼建设", "规划建设办", ("社会事务办", "财政所"))]


def test_the_office_moving_a_row_is_followed_at_the_next_extraction(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO), "--format", "xlsx", "-o", str(tmp_path / "表.xlsx"))
    assert code == 0
    # The office gives the hospital building to 规划建设办 instead of the catalogue's 社会事务办.
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "表.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    task, lead = header.index("具体任务"), header.index("牵头单位")
    moved = 0
    for row in sheet.iter_rows(min_row=2):
        if row[task].value and "水口医院" in str(row[task].value):
            row[lead].value = "规划建设办"
            moved += 1
    book.save(tmp_path / "表.xlsx")
    assert moved == 1 and len(read_history(tmp_path / "表.xlsx")) > 50
    code, out, _ = run(capsys, str(DEMO), "--history", str(tmp_path / "表.xlsx"))
    hospital = next(t for t in json.loads(out)["tasks"] if "水口医院" in t["text"])
    assert (hospital["lead"], hospital["basis"]) == ("规划建设办", "history")


def test_the_clause_cut_is_chosen_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO), "--rows", "clause")
    assert code == 0 and len(json.loads(out)["tasks"]) > 150
