"""Stage: milestones (节点目标): tasks with a stated deadline and no number.

A task whose own text names a time (第一季度, 上半年, 6月底前, 年内, 到2027年) but holds no target
is a milestone: the supervisor checks it by date, not by amount (创新基地污水处理厂…力争上半年动工建设).
A task with no time word is due at year end by default and is not a milestone; one with a target
is tracked through its target.
"""

from __future__ import annotations

from luoshi.extract import Draft
from luoshi.plan import Milestone, Task, evolve


def is_milestone(task: Task) -> bool:
    """A task with a stated deadline and no target (节点任务).

    >>> is_milestone(Task("t1", "3.3", "启动污水处理厂建设,力争上半年动工建设", "2025-06-30", "上半年"))
    True
    >>> is_milestone(Task("t2", "1.1", "力争第一季度完成1230亩土地平整", "2025-03-31", "第一季度", targets=("g7",)))
    False
    >>> is_milestone(Task("t3", "3.3", "持续完善污水管网", "2025-12-31", ""))
    False
    """
    return bool(task.deadline_text) and not task.targets


def find_milestones(draft: Draft) -> Draft:
    """Stage: mark milestone tasks and list them as milestones, in task order."""
    tasks = tuple(evolve(t, milestone=True) if is_milestone(t) else t for t in draft.tasks)
    milestones = tuple(Milestone(task=t.id, text=t.text, deadline=t.deadline, deadline_text=t.deadline_text)
                       for t in tasks if t.milestone)
    return draft.with_(tasks=tasks, milestones=milestones)
