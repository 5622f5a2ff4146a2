"""Milestones (luoshi/extract/milestones.py): tasks with a stated deadline and no number."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from luoshi.document import Document
from luoshi.extract import extract, extract_file
from luoshi.extract.milestones import is_milestone
from luoshi.plan import Plan, Task
from luoshi.report import parse

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "eval" / "gold" / "shuikou-2025.json"


def scored(text: str) -> str:
    """Text as ../shared/eval/score.py compares it: NFKC (full-width punctuation as ASCII), no blanks or quotes."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in "“”‘’\"'")


@pytest.fixture(scope="module")
def demo() -> Plan:
    return extract_file(ROOT / "luoshi" / "data" / "shuikou-2025.txt")


def test_a_task_with_a_time_word_and_no_target_is_a_milestone() -> None:
    assert is_milestone(Task("t1", "3.3", "启动污水处理厂建设,力争上半年动工建设", "2025-06-30", "上半年"))


def test_a_task_with_a_target_or_without_a_time_word_is_not() -> None:
    assert not is_milestone(Task("t1", "1.1", "力争第一季度完成1230亩土地平整", "2025-03-31", "第一季度", ("g7",)))
    assert not is_milestone(Task("t2", "3.3", "持续完善污水管网", "2025-12-31", ""))


def test_milestones_follow_their_tasks_and_mark_them() -> None:
    text = "一、抓项目\n(一)抓建设。启动西园路建设,力争6月底前动工。新建污水管网12公里。持续完善污水管网。"
    plan = extract(parse(Document("报告.txt", "txt", text), year=2025))
    assert [(m.task, m.text, m.deadline, m.deadline_text) for m in plan.milestones] == [
        ("t1", "启动西园路建设，力争6月底前动工", "2025-06-30", "6月底前")]
    assert [t.milestone for t in plan.tasks] == [True, False, False]


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared is not beside the repository")
def test_every_gold_milestone_of_the_demo_is_a_task_with_its_deadline(demo: Plan) -> None:
    """Milestone accuracy 1.0 (issue 3), matched as score.py does: a task containing the phrase, that deadline."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for m in gold["milestones"]:
        assert any(scored(m["contains"]) in scored(t.text) and t.deadline == m["deadline"] for t in demo.tasks), m


def test_the_demo_milestones_are_the_dated_tasks_without_numbers(demo: Plan) -> None:
    assert {"下半年", "上半年"} <= {m.deadline_text for m in demo.milestones}
    assert all(m.deadline_text for m in demo.milestones)
    assert all(not t.targets for t in demo.tasks if t.milestone)


def plan_of(text: str) -> Plan:
    return extract(parse(Document("报告.txt", "txt", "一、抓项目\n(一)抓建设。" + text), year=2025))


def test_an_in_year_month_makes_a_milestone_due_at_its_end() -> None:
    plan = plan_of("推进水口大桥建设，确保一期今年7月底完成。")
    assert [(m.text, m.deadline, m.deadline_text) for m in plan.milestones] == [
        ("推进水口大桥建设，确保一期今年7月底完成", "2025-07-31", "今年7月底")]


def test_a_month_dates_the_target_and_stays_out_of_its_indicator() -> None:
    plan = plan_of("建设城市运行管理平台，力争今年4月贯通实战应用超过200个。")
    assert [(g.indicator, g.value, g.deadline) for g in plan.targets] == [("贯通实战应用", 200, "2025-04-30")]


def test_restating_the_plan_year_or_a_closing_slogan_is_no_milestone() -> None:
    plan = plan_of("做好今年工作。努力完成全年经济社会发展目标任务。办好2025年中国网络文明大会。")
    assert plan.milestones == ()
    assert [t.text for t in plan.tasks][-2:] == ["努力完成全年经济社会发展目标任务", "办好2025年中国网络文明大会"]


def test_a_multi_year_horizon_is_the_tasks_horizon_not_its_deadline() -> None:
    plan = plan_of("编制实施城市更新规划（2024—2029年）。面向2035年谋划一批重大项目。加强“十五五”时期发展谋划。")
    assert [(t.deadline, t.deadline_text, t.horizon, t.milestone) for t in plan.tasks] == [
        ("2025-12-31", "", "（2024—2029年）", False), ("2025-12-31", "", "面向2035年", False),
        ("2025-12-31", "", "“十五五”时期", False)]
