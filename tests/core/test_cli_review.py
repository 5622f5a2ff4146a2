"""``luoshi review PLAN_REPORT NEXT_REPORT [--format json|md|xlsx] [-o OUT] [--year Y]``, run through
``luoshi.cli.main``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from luoshi.cli import main

PLAN = ("2025年河北省政府工作报告\n一、2024年工作回顾\n过去一年，全省生产总值增长5.4%。\n二、2025年工作安排\n"
        "主要预期目标是：地区生产总值增长5%以上，城镇调查失业率5.5%左右，粮食总产740亿斤以上。\n"
        "（一）抓产业。改造城镇老旧小区500个以上。\n")
# Next year's report as scraped from the web: the site's menu, indented paragraphs, the review, then the plan.
NEXT = ("首页 > 政府信息公开\n打印 收藏\n2026年河北省政府工作报告\n一、2025年工作回顾\n"
        "\u3000\u3000过去一年，全省生产总值增长5.6%，城镇调查失业率稳步下降。\n\u3000\u3000这五年，粮食产量稳定在760亿斤以上。\n"
        "二、2026年工作安排\n地区生产总值增长5%以上。\n")


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    plan, nxt = tmp_path / "2025.txt", tmp_path / "2026.txt"
    plan.write_text(PLAN, encoding="utf-8")
    nxt.write_text(NEXT, encoding="utf-8")
    return plan, nxt


def test_it_prints_the_accountability_json_of_two_reports(reports: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", *map(str, reports)]) == 0
    table = json.loads(capsys.readouterr().out)
    assert (table["schema"], table["issuer"], table["plan_year"]) == ("accountability/1", "河北省人民政府", 2025)
    rows = {i["indicator"]: i for i in table["items"]}
    assert list(rows) == ["地区生产总值", "城镇调查失业率", "粮食总产", "改造城镇老旧小区"]  # plan order
    gdp = rows["地区生产总值"]
    assert (gdp["claim"], gdp["actual"], gdp["actual_unit"]) == ("全省生产总值增长5.6%", 5.6, "%")
    assert gdp["verdict"] == "met"
    assert (gdp["section"], gdp["comparator"], gdp["value"], gdp["unit"]) == ("2", ">=", 5, "%")
    assert rows["城镇调查失业率"]["verdict"] == "unclear" and rows["城镇调查失业率"]["actual"] is None
    assert rows["粮食总产"]["verdict"] == "met" and rows["粮食总产"]["period"] == "five_years"
    assert rows["改造城镇老旧小区"]["verdict"] == "not_reported" and rows["改造城镇老旧小区"]["claim"] is None
    assert table["summary"] == {"met": 2, "missed": 0, "unclear": 1, "not_reported": 1}


def test_a_claims_offsets_point_into_the_users_file(reports: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", *map(str, reports)]) == 0
    gdp = json.loads(capsys.readouterr().out)["items"][0]
    span = gdp["claim_span"]
    assert NEXT[span["source_start"]:span["source_end"]] == gdp["claim"]
    assert span["source_start"] == span["start"] + 2  # the paragraph's indent is not in the normalised text


def test_it_reads_the_plan_from_its_plan_json(reports: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    plan_json = tmp_path / "2025.plan.json"
    assert main(["extract", str(reports[0]), "-o", str(plan_json)]) == 0
    assert main(["review", str(plan_json), str(reports[1])]) == 0
    table = json.loads(capsys.readouterr().out)
    assert [i["verdict"] for i in table["items"]] == ["met", "unclear", "met", "not_reported"]


def test_it_writes_markdown_to_the_output_file(reports: tuple[Path, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "兑现表.md"
    assert main(["review", *map(str, reports), "--format", "md", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 河北省人民政府 2025年目标兑现表")
    assert "| 1 | 2 | 地区生产总值 | 增长≥5% | 全省生产总值增长5.6% | 增长5.6% | 已完成 | 实际值达到目标值 |" in text
    assert "已完成 2 · 未完成 0 · 无法判断 1 · 未提及 1 (共 4 个目标)" in text


def test_it_writes_the_workbook_to_standard_output(reports: tuple[Path, Path],
                                                   capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["review", *map(str, reports), "--format", "xlsx"]) == 0
    sheet = load_workbook(io.BytesIO(capsysbinary.readouterr().out)).active
    assert sheet.title == "兑现表" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]] == [1, "2", "地区生产总值", "增长≥5%", "全省生产总值增长5.6%", "增长5.6%",
                                          "已完成", "实际值达到目标值"]


def test_a_formula_in_a_plan_json_stays_text_in_the_workbook(reports: tuple[Path, Path], tmp_path: Path,
                                                              capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    plan_json = tmp_path / "plan.json"
    plan_json.write_text(json.dumps({"schema": "plan/1", "issuer": "河北省人民政府", "year": 2025, "targets": [
        {"indicator": '=HYPERLINK("http://attacker.example","地区生产总值")', "kind": "growth", "comparator": ">=",
         "value": 5, "unit": "%"}]}, ensure_ascii=False), encoding="utf-8")
    assert main(["review", str(plan_json), str(reports[1]), "--format", "xlsx"]) == 0
    sheet = load_workbook(io.BytesIO(capsysbinary.readouterr().out)).active
    assert sheet["C2"].value.startswith("'=HYPERLINK") and sheet["C2"].data_type == "s"


def test_a_next_report_without_a_review_part_is_one_line_and_exit_2(reports: tuple[Path, Path], tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    plan_only = tmp_path / "只有计划.txt"
    plan_only.write_text("2026年政府工作报告\n一、2026年工作安排\n地区生产总值增长5%以上。\n", encoding="utf-8")
    assert main(["review", str(reports[0]), str(plan_only), "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("luoshi review: ") and "只有计划.txt" in err and "回顾" in err and err.count("\n") == 1


def test_a_next_report_of_another_year_is_refused_unless_the_year_is_given(reports: tuple[Path, Path],
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    plan, _ = reports
    assert main(["review", str(plan), str(plan)]) == 2  # the 2025 report reviews 2024, not the plan year
    err = capsys.readouterr().err
    assert "2025年的报告" in err and "--year" in err and err.count("\n") == 1
    assert main(["review", str(plan), str(plan), "--year", "2024"]) == 0


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("报告.pdf", "不是PDF", "报告.pdf"),
    ("计划.json", "{不是 JSON", "不是有效的 JSON"),
    ("计划.json", '{"schema": "gold/1"}', "不是计划 JSON (plan/1)"),
    ("计划.json", '{"schema": "plan/1", "targets": [{"indicator": "地区生产总值"}]}', "缺少 kind"),
])
def test_a_bad_plan_is_one_line_and_exit_2(reports: tuple[Path, Path], tmp_path: Path, name: str, content: str,
                                           problem: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    assert main(["review", str(bad), str(reports[1])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("luoshi review: ") and name in err and problem in err and err.count("\n") == 1


def test_a_missing_next_report_is_one_line_and_exit_2(reports: tuple[Path, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(reports[0]), str(tmp_path / "没有.txt")]) == 2
    err = capsys.readouterr().err
    assert "没有.txt" in err and err.count("\n") == 1
