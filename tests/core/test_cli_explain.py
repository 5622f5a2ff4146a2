"""``luoshi explain``: it shows the rules that fired on a sentence and the targets found."""

from __future__ import annotations

import pytest

from luoshi.cli import main


def test_it_shows_the_target_and_the_rules_that_fired(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "城镇调查失业率控制在5.5%左右", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "目标 城镇调查失业率: rate ~ 5.5 %" in out
    assert "after_about" in out


def test_it_names_the_rule_that_ruled_a_number_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "持续抓好第二轮中央生态环境保护督察整改", "--year", "2025"]) == 0
    assert "不是目标 [name_suffix]" in capsys.readouterr().out


def test_it_reads_deadlines_at_the_year_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "到2027年新建5G基站1000个", "--year", "2025"]) == 0
    assert "截止 2027-12-31 (到2027年)" in capsys.readouterr().out


def test_it_shows_the_rows_a_sentence_makes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "加大招商引资力度,创新招商引资方式,拓宽招商引资渠道。", "--year", "2025"]) == 0
    assert "任务 t1: 加大招商引资力度，创新招商引资方式，拓宽招商引资渠道 [sentence]" in capsys.readouterr().out


def test_it_names_why_a_sentence_makes_no_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "坚持绿水青山就是金山银山。", "--year", "2025"]) == 0
    assert "不列为任务 [slogan]" in capsys.readouterr().out
