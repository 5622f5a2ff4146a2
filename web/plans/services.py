"""Workflow steps on plans and tasks: one verb-first function each, in one transaction with its audit row.

Views validate input and call these; nothing else saves plans, tasks, targets or assignments.
User-facing refusals raise ``ServiceError`` (its ``str()`` is one line in Chinese).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from web.accounts.models import Department
from web.audit.services import history_of, record
from web.plans.models import (
    Assignment,
    Plan,
    Section,
    Target,
    Task,
    match_key,
)
from web.plans.signals import send_tasks_changed
from web.text import plain_text

UNSET = object()


class ServiceError(Exception):
    """A change refused for a reason the user can fix; ``str()`` says which."""


class EditConflict(ServiceError):
    """Someone changed the task after the form was loaded (编辑冲突): the edit is refused, never merged.

    ``current_version`` is the task's version now; ``by`` and ``at`` name the last change (from the audit
    trail) so the message can say who to talk to.
    """

    def __init__(self, task: Task, actor=None) -> None:
        self.task_id = task.pk
        self.current_version = Task.objects.filter(pk=task.pk).values_list("version", flat=True).first()
        last = history_of(task).first()
        self.by = last.actor_name if last else ""
        self.at = last.at if last else None
        mine = last is not None and actor is not None and last.actor_id == getattr(actor, "pk", None)
        who = "您在别处" if mine else "他人"
        when = [self.by] if self.by and not mine else []
        if self.at is not None:
            local = timezone.localtime(self.at)
            when.append(f"{local:%H:%M}" if local.date() == timezone.localdate() else f"{local:%m-%d %H:%M}")
        detail = f"（{'，'.join(when)}）" if when else ""
        super().__init__(f"该任务已被{who}修改{detail}，请刷新后再改")


class PlanClosed(ServiceError, ValidationError):
    """The plan's year is closed (已年终关闭): the plan is read-only.

    Refused as any change is, whichever way the caller takes refusals: a ``ServiceError`` for the plans' pages
    (``ServiceErrorMiddleware``) and the API, a ``ValidationError`` for ``web.steps.carry_out`` and the forms.
    """

    def __init__(self, message: str) -> None:
        ValidationError.__init__(self, message)

    def __str__(self) -> str:
        return self.message


def refuse_closed(plan: Plan) -> None:
    """Refuse a change to a plan closed at the year end (年终关闭后只读); every editing service calls it first."""
    if plan.is_closed:
        day = timezone.localtime(plan.closed_at)
        raise PlanClosed(f"{plan}已于{day:%Y-%m-%d}年终关闭，只读，不能再修改")


def _touch(task: Task) -> None:
    """Mark a change made around the task (its departments, its sub-tasks): ``Task.save`` bumps its version,
    so an edit form loaded before this change is refused instead of silently overwriting it."""
    task.save(update_fields=["updated_at"])


def publish_plan(actor, plan: Plan, published: bool = True) -> Plan:
    """Publish (公开) a plan to the public, or withdraw it."""
    with transaction.atomic():
        before = {"published": plan.published}
        plan.published = published
        plan.save(update_fields=["published", "updated_at"])
        record(actor, "plan.publish" if published else "plan.unpublish", plan, before, {"published": published})
        return plan


# --- assignments --------------------------------------------------------------------------------


def _assignment_snapshot(task: Task) -> dict:
    rows = list(task.assignments.select_related("department"))
    return {
        "lead": next((a.department.name for a in rows if a.role == Assignment.Role.LEAD), None),
        "cooperating": sorted(a.department.name for a in rows if a.role == Assignment.Role.COOPERATING),
    }


def _check_departments(task: Task, departments: Iterable[Department | None]) -> None:
    for d in departments:
        if d is not None and d.issuer_id != task.plan.issuer_id:
            raise ServiceError(f"“{d.name}”不是{task.plan.issuer.name}的部门")


def _set_assignments(actor, task: Task, lead: Department | None, cooperating: Sequence[Department]) -> bool:
    cooperating = [d for d in dict.fromkeys(cooperating) if d != lead]
    _check_departments(task, [lead, *cooperating])
    before = _assignment_snapshot(task)
    task.assignments.all().delete()
    if lead is not None:
        Assignment.objects.create(task=task, department=lead, role=Assignment.Role.LEAD)
    Assignment.objects.bulk_create(
        Assignment(task=task, department=d, role=Assignment.Role.COOPERATING) for d in cooperating
    )
    after = _assignment_snapshot(task)
    if hasattr(task, "_prefetched_objects_cache"):
        task._prefetched_objects_cache.pop("assignments", None)
    if after == before:
        return False
    _touch(task)
    record(actor, "assignment.change", task, before, after)
    return True


def assign_task(actor, task: Task, *, lead: Department | None, cooperating: Sequence[Department] = ()) -> Task:
    """Assign a task (分配任务): one lead department (牵头) and any cooperating ones (配合)."""
    refuse_closed(task.plan)
    if task.archived:
        raise ServiceError("已归档的任务不能分配")
    with transaction.atomic():
        _set_assignments(actor, task, lead, cooperating)
        return task


@dataclass
class BulkResult:
    """What ``bulk_assign`` did: tasks changed, and suggested names that match no department."""

    changed: int = 0
    unmatched: list[str] = field(default_factory=list)


def bulk_assign(actor, tasks: Iterable[Task], *, lead: Department | None = None,
                cooperating: Sequence[Department] = (), use_suggestions: bool = False) -> BulkResult:
    """Assign many tasks at once (批量分配): to the given departments, or to the extractor's suggestions
    (牵头/配合单位 named in the report) mapped onto the issuer's departments by name or alias."""
    result = BulkResult()
    with transaction.atomic():
        for task in tasks:
            refuse_closed(task.plan)
            if task.archived:
                continue
            if use_suggestions:
                names = [n for n in [task.suggested_lead, *task.suggested_cooperating] if n]
                found = {n: Department.lookup(task.plan.issuer, n) for n in names}
                result.unmatched += [n for n, d in found.items() if d is None and n not in result.unmatched]
                task_lead = found.get(task.suggested_lead)
                if task_lead is None:
                    continue
                task_cooperating = [found[n] for n in task.suggested_cooperating if found.get(n)]
            else:
                task_lead, task_cooperating = lead, cooperating
            result.changed += _set_assignments(actor, task, task_lead, task_cooperating)
    return result


# --- editing tasks and targets ------------------------------------------------------------------


def edit_task(actor, task: Task, *, text=UNSET, deadline=UNSET, section=UNSET,
              expected_version: int | None = None) -> Task:
    """Edit a task (修改任务): its text, deadline or section. Unchanged values write no audit row.

    With ``expected_version`` (the version the editor's form was loaded at) the edit is refused with
    ``EditConflict`` when the task has changed since: optimistic concurrency (乐观锁), no lost update.
    The check and the write are one conditional UPDATE, so of two simultaneous edits only one can win.
    """
    refuse_closed(task.plan)
    if expected_version is not None:
        try:
            expected_version = int(expected_version)
        except (TypeError, ValueError):
            raise ServiceError("版本号无效，请刷新后再改") from None
    with transaction.atomic():
        if expected_version is not None and expected_version != task.version:
            raise EditConflict(task, actor)
        before = task.snapshot()
        if text is not UNSET:
            text = plain_text(text)
            if not text:
                raise ServiceError("任务内容不能为空")
            task.text = text
        if deadline is not UNSET:
            task.deadline = deadline
        if section is not UNSET:
            if section is not None and section.plan_id != task.plan_id:
                raise ServiceError("章节不属于该规划")
            task.section = section
        if task.snapshot() == before:
            return task
        if expected_version is None:
            task.save()
        else:
            now = timezone.now()
            won = Task.objects.filter(pk=task.pk, version=expected_version).update(
                text=task.text, deadline=task.deadline, section=task.section, updated_at=now,
                version=F("version") + 1)
            if not won:  # another edit committed between loading the task and this write
                raise EditConflict(task, actor)
            task.version, task.updated_at = expected_version + 1, now
        record(actor, "task.edit", task, before, task.snapshot())
        send_tasks_changed(task.plan, [task.pk])
        return task


def edit_target(actor, target: Target, *, value=UNSET, comparator=UNSET, unit=UNSET) -> Target:
    """Edit a target (修改量化目标): its value, comparator or unit."""
    refuse_closed(target.plan)
    with transaction.atomic():
        before = target.snapshot()
        if value is not UNSET:
            target.value = float(value)
        if comparator is not UNSET:
            if comparator not in Target.COMPARATOR_WORDS:
                raise ServiceError(f"未知的比较符“{comparator}”")
            target.comparator = comparator
        if unit is not UNSET:
            target.unit = (unit or "").strip()
        if target.snapshot() != before:
            target.save()
            record(actor, "target.edit", target, before, target.snapshot())
        return target


def add_task(actor, plan: Plan, *, text: str, section: Section | None = None, deadline: dt.date | None = None,
             lead: Department | None = None) -> Task:
    """Add a task by hand (手工添加任务), at the end of its section."""
    refuse_closed(plan)
    text = plain_text(text)
    if not text:
        raise ServiceError("任务内容不能为空")
    if section is not None and section.plan_id != plan.pk:
        raise ServiceError("章节不属于该规划")
    with transaction.atomic():
        last = plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0
        task = Task.objects.create(plan=plan, section=section, text=text, match_key=match_key(text),
                                   deadline=deadline, origin=Task.Origin.MANUAL, order=last + 10)
        record(actor, "task.add", task, None, task.snapshot())
        if lead is not None:
            _set_assignments(actor, task, lead, ())
        send_tasks_changed(plan, [task.pk])
        return task


def split_task(actor, task: Task, parts: Sequence[str]) -> list[Task]:
    """Split a task into sub-tasks (拆分任务): each inherits the section, deadline and departments.
    The original stays as their parent, so its history and instructions are kept."""
    refuse_closed(task.plan)
    parts = [plain_text(p) for p in parts if plain_text(p)]
    if len(parts) < 2:
        raise ServiceError("拆分至少需要两项子任务")
    if not task.can_be_split():
        raise ServiceError("只能拆分未归档的一级任务")
    with transaction.atomic():
        assignments = list(task.assignments.select_related("department"))
        children = []
        for i, text in enumerate(parts, start=1):
            child = Task.objects.create(
                plan=task.plan, section=task.section, parent=task, key=f"{task.key}.{i}" if task.key else "",
                text=text, match_key=match_key(text), deadline=task.deadline, deadline_text=task.deadline_text,
                origin=Task.Origin.SPLIT, order=task.order, firmness=task.firmness,
            )
            Assignment.objects.bulk_create(
                Assignment(task=child, department=a.department, role=a.role) for a in assignments
            )
            record(actor, "task.create", child, None, {**child.snapshot(), "parent": task.pk})
            children.append(child)
        _touch(task)
        record(actor, "task.split", task, None, {"subtasks": [c.text for c in children]})
        send_tasks_changed(task.plan, [c.pk for c in children])
        return children


def _archive(actor, task: Task, note: str = "") -> None:
    before = task.snapshot()
    task.archived, task.archived_at = True, timezone.now()
    task.save(update_fields=["archived", "archived_at", "updated_at"])
    record(actor, "task.archive", task, before, task.snapshot(), note=note)
    send_tasks_changed(task.plan, [task.pk])


def archive_task(actor, task: Task, *, reason: str = "") -> Task:
    """Archive a task (归档): hidden from the table, never deleted; ``restore_task`` brings it back."""
    refuse_closed(task.plan)
    if task.archived:
        raise ServiceError("该任务已归档")
    with transaction.atomic():
        _archive(actor, task, note=plain_text(reason))
        return task


def restore_task(actor, task: Task) -> Task:
    """Restore an archived task (恢复)."""
    refuse_closed(task.plan)
    if not task.archived:
        raise ServiceError("该任务未归档")
    with transaction.atomic():
        before = task.snapshot()
        task.archived, task.archived_at = False, None
        task.save(update_fields=["archived", "archived_at", "updated_at"])
        record(actor, "task.restore", task, before, task.snapshot())
        send_tasks_changed(task.plan, [task.pk])
        return task
