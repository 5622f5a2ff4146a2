"""Stage: milestones (节点目标): tasks with a stated deadline and no number.

A task whose own text names a time (第一季度, 上半年, 今年4月, 7月底, 年底前, 到2027年) but holds no
target is a milestone: the supervisor checks it by date, not by amount (创新基地污水处理厂…力争上半年
动工建设). A time word that only restates the plan year (做好今年工作, 完成全年目标任务, 办好2025年…) dates
nothing, and closing slogans say no more: neither is a milestone. A task with no time word is due at
year end by default and is not a milestone; one with a target is tracked through its target.

This stage also gives each task the multi-year horizon it looks to (``horizon``: 规划（2024—2029年）,
面向2035年, “十五五”时期, 未来五年), which is never its deadline.
"""

from __future__ import annotations

from luoshi.extract import Draft
from luoshi.plan import Milestone, Task, evolve
from luoshi.rules.deadlines import dates_the_task, find_horizon


def is_milestone(task: Task, year: int = 0) -> bool:
    """A task with a dated commitment and no target (节点任务); ``year`` is the plan year.

    >>> is_milestone(Task("t1", "3.3", "启动污水处理厂建设，力争上半年动工建设", "2025-06-30", "上半年"), 2025)
    True
    >>> is_milestone(Task("t2", "1.1", "力争第一季度完成1230亩土地平整", "2025-03-31", "第一季度", targets=("g7",)))
    False
    >>> is_milestone(Task("t3", "3.3", "持续完善污水管网", "2025-12-31", ""))
    False
    >>> is_milestone(Task("t4", "0", "做好今年工作", "2025-12-31", "今年"), 2025)
    False
    """
    return dates_the_task(task.deadline_text, year) and not task.targets


def find_milestones(draft: Draft) -> Draft:
    """Stage: mark milestone tasks and list them as milestones, in task order; note each task's horizon."""
    year = draft.report.year
    tasks = []
    for t in draft.tasks:
        horizon = find_horizon(t.text)
        if horizon:
            t = evolve(t, horizon=horizon[0])
        tasks.append(evolve(t, milestone=True) if is_milestone(t, year) else t)
    milestones = tuple(Milestone(task=t.id, text=t.text, deadline=t.deadline, deadline_text=t.deadline_text)
                       for t in tasks if t.milestone)
    return draft.with_(tasks=tuple(tasks), milestones=milestones)
