"""Milestones (luoshi/extract/milestones.py): tasks with a stated deadline and no number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.document import Document
from luoshi.extract import extract, extract_file
from luoshi.extract.milestones import is_milestone
from luoshi.plan import Plan, Task
from luoshi.report import parse

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "eval" / "gold" / "shuikou-2025.json"


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
        ("t1", "启动西园路建设,力争6月底前动工", "2025-06-30", "6月底前")]
    assert [t.milestone for t in plan.tasks] == [True, False, False]


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared is not beside the repository")
def test_every_gold_milestone_of_the_demo_is_a_task_with_its_deadline(demo: Plan) -> None:
    """Milestone accuracy 1.0 (issue 3), matched as score.py does: a task containing the phrase, that deadline."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for m in gold["milestones"]:
        assert any(m["contains"] in t.text and t.deadline == m["deadline"] for t in demo.tasks), m


def test_the_demo_milestones_are_the_dated_tasks_without_numbers(demo: Plan) -> None:
    assert {"下半年", "上半年"} <= {m.deadline_text for m in demo.milestones}
    assert all(m.deadline_text for m in demo.milestones)
    assert all(not t.targets for t in demo.tasks if t.milestone)
