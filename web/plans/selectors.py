"""Reads for the plan pages (查询): the filtered task table, with everything a row shows prefetched."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone

from web.plans.models import Assignment, Plan, Section, Target, Task


def task_table(plan: Plan, *, section: Section | None = None, department=None, due_before=None, status: str = "",
               include_archived: bool = False):
    """The plan's tasks in report order, filtered; each with assignments, targets and milestones prefetched.

    ``status`` is one of ``Task.State``; empty means every live (unarchived) task.
    """
    tasks = plan.tasks.select_related("section", "parent").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("department")),
        Prefetch("targets", queryset=Target.objects.filter(archived=False)),
        "milestones",
    )
    if section is not None:
        tasks = tasks.filter(Q(section=section) | Q(section__parent=section))
    if department is not None:
        tasks = tasks.filter(assignments__department=department).distinct()
    if due_before is not None:
        tasks = tasks.filter(deadline__lte=due_before)
    today = timezone.localdate()
    if status == Task.State.ARCHIVED:
        tasks = tasks.filter(archived=True)
    elif not include_archived:
        tasks = tasks.filter(archived=False)
    if status == Task.State.OVERDUE:
        tasks = tasks.filter(deadline__lt=today)
    elif status == Task.State.ASSIGNED:
        tasks = tasks.filter(assignments__role=Assignment.Role.LEAD).exclude(deadline__lt=today).distinct()
    elif status == Task.State.UNASSIGNED:
        tasks = tasks.exclude(assignments__role=Assignment.Role.LEAD).exclude(deadline__lt=today)
    return tasks.order_by("section__order", "order", "pk")


def group_by_section(plan: Plan, tasks) -> list[tuple[Section | None, list[Task]]]:
    """Tasks under their section heading, sections in report order, empty sections left out."""
    groups: dict[int | None, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.section_id, []).append(task)
    out = [(s, groups[s.pk]) for s in plan.sections.all() if s.pk in groups]
    if None in groups:
        out.append((None, groups[None]))
    return out


def unlinked_targets(plan: Plan):
    """Targets that belong to no task (the headline targets of section 0, typically)."""
    return plan.targets.filter(archived=False, task__isnull=True).select_related("section")
