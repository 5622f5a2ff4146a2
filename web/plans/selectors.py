"""Reads for the plan pages (查询): the filtered task table, with everything a row shows prefetched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q

from web.plans.models import Assignment, Plan, Section, Target, Task

# What a row of the table shows: its departments with their leader in charge and person responsible (the row's
# 分管领导/责任人 when it names none), its targets, milestones and stored status (状态灯, 进度, 最新进展).
ROW_ASSIGNMENTS = Assignment.objects.select_related("department__leader_in_charge", "department__responsible")


def task_table(plan: Plan, *, section: Section | None = None, department=None, lead=None, due_before=None,
               status: str = "", include_archived: bool = False):
    """The plan's tasks in report order, filtered; each with assignments, targets and milestones prefetched.

    ``section``: its rows and those of its subsections, two levels down; ``department``: the rows it leads or
    cooperates on (部门); ``lead``: the rows it leads (牵头单位).
    ``status`` is one of ``Task.State``; empty means every live (unarchived) task.
    """
    # (not the parent task: a row shows only whether it has one, and a page of rows would load each parent whole)
    tasks = plan.tasks.select_related("section", "stored_status", "leader_in_charge", "responsible").prefetch_related(
        Prefetch("assignments", queryset=ROW_ASSIGNMENTS),
        Prefetch("targets", queryset=Target.objects.filter(archived=False)),
        "milestones",
    )
    if section is not None:
        tasks = tasks.filter(Q(section=section) | Q(section__parent=section) | Q(section__parent__parent=section))
    if department is not None:
        tasks = tasks.filter(assignments__department=department).distinct()
    if lead is not None:
        tasks = tasks.filter(pk__in=Assignment.objects.filter(department=lead, role=Assignment.Role.LEAD)
                             .values("task_id"))
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


def narrow(tasks, *, light: str = "", progress: str = "", leader=None, q: str = ""):
    """The task table's rows narrowed by status (状态灯, 进展: from each row's stored status), by leader in
    charge (the row's own 分管领导, or its lead department's when it names none) and by keyword (任务内容, 编号,
    责任部门). The caller has made the plan's stored statuses fresh (``status_store.ensure_fresh``)."""
    if light:
        tasks = tasks.filter(stored_status__light=light)
    if progress in ("not_reported", "pending", "overdue", "done", "returned_twice"):
        tasks = tasks.filter(**{f"stored_status__{progress}": True})
    if leader is not None:
        led = Assignment.objects.filter(role=Assignment.Role.LEAD, department__leader_in_charge=leader)
        tasks = tasks.filter(Q(leader_in_charge=leader) | Q(leader_in_charge__isnull=True,
                                                            pk__in=led.values("task_id")))
    q = (q or "").strip()
    if q:
        named = Assignment.objects.filter(Q(department__name__icontains=q) | Q(department__aliases__icontains=q))
        tasks = tasks.filter(Q(text__icontains=q) | Q(key=q) | Q(pk__in=named.values("task_id")))
    return tasks


def ordered(tasks, order: str = ""):
    """The rows in report order (default), by lateness (逾期 and red first, the worst gap first), by deadline, or
    with the longest unreported first."""
    if order == "lateness":
        return tasks.order_by(F("stored_status__severity").asc(nulls_last=True),
                              F("stored_status__gap").desc(nulls_last=True), "order", "pk")
    if order == "deadline":
        return tasks.order_by(F("deadline").asc(nulls_last=True), "order", "pk")
    if order == "stale":
        return tasks.order_by(F("stored_status__latest_at").asc(nulls_first=True), "order", "pk")
    return tasks


@dataclass(frozen=True)
class Mark:
    """A mark on a task-table row from another app (已催报, 督办〔2025〕3号, 批示 …): a label, a link, a tone."""

    label: str
    link: str = ""
    title: str = ""
    tone: str = ""  # "" | "warn" | "bad" | "ok"


# Functions (rows) -> {task id: [Mark]} that other apps register (``AppConfig.ready``): each asks the database
# a fixed number of times for the whole page of rows.
ROW_MARKS: list[Callable[[list[Task]], dict[int, list[Mark]]]] = []


def attach_marks(rows: list[Task]) -> None:
    """Give each row of a page its ``marks`` (for members' eyes: chases and instructions are internal)."""
    for row in rows:
        row.marks = []
    by_id = {row.pk: row for row in rows}
    for function in ROW_MARKS:
        for task_id, marks in function(rows).items():
            if task_id in by_id:
                by_id[task_id].marks.extend(marks)
