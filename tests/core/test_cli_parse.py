"""``luoshi parse FILE [--json | --text] [--year Y] [--issuer NAME]``, run through ``luoshi.cli.main``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from luoshi.cli import main
from luoshi.report import parse

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"
SHARED = Path(__file__).resolve().parents[3] / "shared"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["parse", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- the readable view -------------------------------------------------------------------------


def test_it_names_the_file_format_and_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO))
    assert code == 0
    assert f"文件: {DEMO}" in out and "格式: txt" in out and "编码: utf-8" in out


def test_it_shows_the_plan_year_and_the_issuer(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO))
    assert "计划年度: 2025" in out and "发文机关: 水口镇人民政府" in out


def test_it_counts_the_warnings_and_shows_each_one(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO))
    warnings = parse(DEMO).normalised.warnings
    assert f"警告: {len(warnings)}" in out
    assert "长者饭" in out  # the demo report's damaged span, shown in its context


def test_it_shows_the_section_tree_indented_by_level(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO))
    assert "\n  1  一、以超常力度推动产业攀高向强" in out
    assert "\n    1.1  (一)加强产业平台建设  [计划]  按照“两平台三中心”" in out


# --- --json ------------------------------------------------------------------------------------


def test_json_is_the_plan_schema_with_sections_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO), "--json")
    plan = json.loads(out)
    assert code == 0
    assert (plan["schema"], plan["issuer"], plan["year"]) == ("plan/1", "水口镇人民政府", 2025)
    assert [s["id"] for s in plan["sections"]][:3] == ["0", "1", "1.1"]
    assert any("长者饭" in w["context"] for w in plan["warnings"])


def test_json_sections_carry_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO), "--json")
    section = json.loads(out)["sections"][2]
    assert {k: section[k] for k in ("id", "number", "title", "parent")} == {
        "id": "1.1", "number": "(一)", "title": "加强产业平台建设", "parent": "1"}


def test_json_holds_no_targets_or_tasks(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO), "--json")
    plan = json.loads(out)
    assert plan["targets"] == [] and plan["tasks"] == []


def test_json_gives_null_for_a_year_it_cannot_find(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("一、推动产业发展\n(一)加强平台建设。", encoding="utf-8")
    _, out, _ = run(capsys, str(report), "--json")
    assert json.loads(out)["year"] is None


# --- --text ------------------------------------------------------------------------------------


def test_text_prints_the_normalised_text_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(DEMO), "--text")
    assert code == 0
    assert out.rstrip("\n") == parse(DEMO).text.rstrip("\n")


def test_json_and_text_cannot_be_asked_together(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(DEMO), "--json", "--text"])
    assert exit_.value.code == 2


# --- options -----------------------------------------------------------------------------------


def test_year_option_overrides_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO), "--json", "--year", "2026")
    assert json.loads(out)["year"] == 2026


def test_issuer_option_overrides_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(DEMO), "--issuer", "开平市人民政府")
    assert "发文机关: 开平市人民政府" in out


def test_a_dash_reads_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DEMO.read_bytes()), encoding="utf-8"))
    _, out, _ = run(capsys, "-", "--json")
    assert json.loads(out)["issuer"] == "水口镇人民政府"


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the repo")
def test_it_reads_a_docx_report(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(SHARED / "corpus" / "hebei-prov-2025.docx"), "--json")
    plan = json.loads(out)
    assert (plan["issuer"], plan["year"], len(plan["sections"])) == ("河北省人民政府", 2025, 17)


# --- bad input: exit 2, one line naming the file, nothing on standard output -------------------


def bad_input(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    return err


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad_input(capsys, tmp_path / "没有这个文件.txt")


def test_a_directory_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad_input(capsys, tmp_path)


def test_an_empty_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad_input(capsys, empty)


def test_an_unknown_extension_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = tmp_path / "report.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not a report")
    bad_input(capsys, sheet)


def test_a_truncated_docx_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    bad_input(capsys, broken)
