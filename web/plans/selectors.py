"""Reads for the plan pages (查询): the filtered task table, with everything a row shows prefetched."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q

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
    today = plan.today()
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
    # Tasks in no section (added by hand, or left over from a re-import) first, on every database: they are
    # the ones to file, and a page boundary must fall in the same place on SQLite and PostgreSQL.
    return tasks.order_by(F("section__order").asc(nulls_first=True), "order", "pk")


def group_by_section(plan: Plan, tasks) -> list[tuple[Section | None, list[Task]]]:
    """Tasks under their section heading, sections in report order, empty sections left out; tasks in no
    section first (see ``task_table``)."""
    groups: dict[int | None, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.section_id, []).append(task)
    out = [(None, groups[None])] if None in groups else []
    return out + [(s, groups[s.pk]) for s in plan.sections.all() if s.pk in groups]


def unlinked_targets(plan: Plan):
    """Targets that belong to no task (the headline targets of section 0, typically)."""
    return plan.targets.filter(archived=False, task__isnull=True).select_related("section")


def active_task_counts(plans) -> dict[int, int]:
    """Live tasks per plan for a page of plans, in one query (plan id → count)."""
    rows = (Task.objects.filter(plan__in=[p.pk for p in plans], archived=False).values("plan_id")
            .annotate(n=Count("id")).values_list("plan_id", "n"))
    return dict(rows)
