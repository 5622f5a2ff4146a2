"""Merging two adjacent rows of the task table (合并任务): the inverse of a split.

The office's table may keep in one row what the extractor cut in two (two clauses of one sentence, or
two sentences about one thing). The rows' texts are joined in order into the first row; the second row's
targets, milestones, projects, progress reports, extension requests, instructions and units move to the
first; the second row is archived (never deleted) with a note saying where it went. One transaction,
audited.
"""

from __future__ import annotations

from django.db import transaction

from web.audit.services import record
from web.plans.models import Assignment, Task, match_key
from web.plans.office import suggestion_for
from web.plans.services import ServiceError, _archive, refuse_closed

_ENDS = "。；;！？!?"


def joined_text(first: str, second: str) -> str:
    """Two rows' texts in order (合并后的文字): a sentence end between them is kept, else a 。 is put in.

    >>> joined_text("启动创新基地污水处理厂建设", "力争上半年动工建设")
    '启动创新基地污水处理厂建设。力争上半年动工建设'
    >>> joined_text("加强综治中心规范化建设；", "加快推进信访工作法治化。")
    '加强综治中心规范化建设；加快推进信访工作法治化。'
    """
    first, second = first.strip(), second.strip()
    return first + ("" if first[-1:] in _ENDS else "。") + second


def merge_with_next(actor, task: Task) -> Task:
    """Merge the row after ``task`` into it (与下一行合并); refused (ServiceError) when there is none to merge."""
    refuse_closed(task.plan)
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        other = task.next_row()
        if other is None or not task.can_merge_with(other):
            raise ServiceError("只能与同一章节中紧随其后的未归档一级任务合并")
        other = Task.objects.select_for_update().get(pk=other.pk)
        before = task.snapshot()
        task.text = joined_text(task.text, other.text)
        task.match_key = match_key(task.text)
        if other.deadline and (task.deadline is None or other.deadline > task.deadline):
            task.deadline, task.deadline_text = other.deadline, other.deadline_text  # both must be done by then
        task.milestone = task.milestone or other.milestone
        # The merged row's suggestion, from the issuer's own departments and the office's past choices.
        task.suggested_lead, task.suggested_cooperating = suggestion_for(task.plan.issuer, task.text)
        task.save()
        moved = {}
        for name, related in (("targets", other.targets), ("milestones", other.milestones),
                              ("projects", other.plan_projects), ("progress_reports", other.progress_reports),
                              ("extension_requests", other.extension_requests), ("instructions", other.instructions)):
            moved[name] = related.update(task=task)
        assigned = task.department_ids()
        for a in other.assignments.select_related("department"):
            if a.department_id not in assigned:  # the second row's lead helps with the merged row
                Assignment.objects.create(task=task, department=a.department, role=Assignment.Role.COOPERATING)
                assigned.add(a.department_id)
        record(actor, "task.merge", task, before, {**task.snapshot(), "merged": other.pk, "moved": moved},
               plan=task.plan)
        _archive(actor, other, note=f"已合并入任务 {task.key or task.pk}")
        return task
