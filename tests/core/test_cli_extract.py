"""``luoshi extract FILE|DIR [--year Y] [--issuer NAME] [--format json|md|xlsx] [-o OUT]``, run through
``luoshi.cli.main``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from luoshi.cli import main

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"
SMALL = ("2025年是关键一年。\n一、推动产业发展\n"
         "(一)抓项目。加大招商引资力度,新增3家“专精特新”中小企业。启动西园路建设,力争6月底前动工。\n")


def test_it_prints_the_plan_json_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(DEMO)]) == 0
    out = capsys.readouterr().out
    plan = json.loads(out)
    assert plan["schema"] == "plan/1" and plan["issuer"] == "水口镇人民政府" and plan["year"] == 2025
    assert 60 < len(plan["tasks"]) < 100 and plan["projects"] and plan["milestones"]
    assert "建滔" in out and "\\u" not in out  # ensure_ascii=False: Chinese as written
    assert out.startswith('{\n  "schema"')  # indented by two


def test_year_and_issuer_options_override_the_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(SMALL, encoding="utf-8")
    assert main(["extract", str(path), "--year", "2026", "--issuer", "广东省人民政府"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["year"] == 2026 and plan["issuer"] == "广东省人民政府"
    tasks = {t["text"]: t for t in plan["tasks"]}
    assert tasks["启动西园路建设，力争6月底前动工"]["deadline"] == "2026-06-30"
    assert tasks["加大招商引资力度，新增3家“专精特新”中小企业"]["lead"] == "省商务厅"  # the province's catalogue


def test_it_writes_markdown_to_the_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "计划.md"
    assert main(["extract", str(DEMO), "--format", "md", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith("# 水口镇人民政府 2025年工作计划")


def test_it_writes_the_workbook_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["extract", str(DEMO), "--format", "xlsx"]) == 0
    sheet = load_workbook(io.BytesIO(capsysbinary.readouterr().out)).active
    assert sheet["C1"].value == "具体任务"


def test_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "报告.pdf"
    bad.write_text("不是PDF", encoding="utf-8")
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("luoshi extract: ") and "报告.pdf" in err and err.count("\n") == 1


def test_a_directory_gets_one_plan_per_file_beside_each_input(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DEMO, tmp_path / "水口.txt")
    (tmp_path / "小.txt").write_text(SMALL, encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line.startswith("完成 ") for line in lines)
    assert json.loads((tmp_path / "水口.plan.json").read_text(encoding="utf-8"))["issuer"] == "水口镇人民政府"
    assert (tmp_path / "小.plan.json").is_file()
    # Plans written earlier are not read as reports the next time.
    assert main(["extract", str(tmp_path), "--format", "md"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert (tmp_path / "水口.plan.md").is_file()


def test_a_bad_file_in_a_directory_is_reported_and_the_others_still_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SMALL, encoding="utf-8")
    (src / "b.pdf").write_text("不是PDF", encoding="utf-8")
    (src / "c.txt").write_text(SMALL, encoding="utf-8")
    out_dir = tmp_path / "out"
    assert main(["extract", str(src), "--format", "xlsx", "-o", str(out_dir)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["完成", "失败", "完成"]
    assert "b.pdf" in lines[1]
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.plan.xlsx", "c.plan.xlsx"]


def test_an_empty_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path)]) == 2
    assert "没有可读取的报告" in capsys.readouterr().err


def test_jobs_sets_how_many_processes_extract_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    started: list[int] = []

    class CountingPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int) -> None:
            started.append(max_workers)
            super().__init__(max_workers=max_workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)  # the pool extract imports
    for name in ("一.txt", "二.txt", "三.txt"):
        (tmp_path / name).write_text(SMALL, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--jobs", "2"]) == 0
    assert started == [2]
    assert len(capsys.readouterr().out.splitlines()) == 3


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(tmp_path), "--jobs", jobs])
    assert exit_.value.code == 2
    assert "应为正整数" in capsys.readouterr().err
