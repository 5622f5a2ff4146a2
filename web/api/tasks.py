"""Tasks and their assignments (任务与责任分工): read with filters and lights; add, edit, assign and archive
(supervisor)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from web.accounts.models import Department
from web.api.auth import acting, write_auth
from web.api.common import department_ref, page
from web.api.plans import READ_ERRORS, WRITE_ERRORS
from web.api.schemas import (
    ArchiveIn,
    AssignmentIn,
    AssignmentPage,
    Error,
    Id,
    Pagination,
    PathId,
    TaskCreate,
    TaskOut,
    TaskPage,
    TaskPatch,
    Text,
)
from web.plans import selectors, services
from web.plans.access import EDIT, can_see_archived, get_plan_for_user, get_task_for_user, role_for_plan
from web.plans.models import Assignment, Section, Task
from web.supervision.status import LIGHT_LABELS
from web.supervision.status_store import ensure_fresh, statuses_for_plan

router = Router(tags=["tasks 任务"])


def statuses(request, plan, tasks) -> dict:
    """Task id → its stored status on the plan's day, for the live ones among ``tasks``.

    Lights count approved reports only, for the public and members alike (a version awaiting review is
    ``pending``, shown to members only).
    """
    live = [t.pk for t in tasks if not t.archived]
    return statuses_for_plan(plan, live) if live else {}


def status_out(status, member: bool = False) -> dict | None:
    if status is None:
        return None
    return {"light": status.light, "light_label": LIGHT_LABELS[status.light], "time_progress": status.time_progress,
            "reported": status.reported, "gap": status.gap, "category": status.category, "done": status.done,
            "overdue": status.overdue, "not_reported": status.not_reported,
            "pending": bool(getattr(status, "pending", False)) if member else None}


def task_out(task: Task, status=None, member: bool = False) -> dict:
    assignments = list(task.assignments.all())
    lead = next((a.department for a in assignments if a.role == Assignment.Role.LEAD), None)
    return {
        "id": task.pk, "key": task.key, "plan_id": task.plan_id,
        "section": task.section.key if task.section_id else None,
        "parent_id": task.parent_id, "text": task.text, "deadline": task.deadline, "deadline_text": task.deadline_text,
        "milestone": task.milestone, "firmness": task.firmness, "origin": task.origin, "archived": task.archived,
        "state": task.state(), "lead": department_ref(lead),
        "cooperating": [department_ref(a.department) for a in assignments if a.role == Assignment.Role.COOPERATING],
        "suggested_lead": task.suggested_lead, "suggested_cooperating": list(task.suggested_cooperating or []),
        "target_ids": [t.pk for t in task.targets.all() if not t.archived],
        "version": getattr(task, "version", None), "status": status_out(status, member),
    }


def _one(request, task: Task) -> dict:
    """A task re-read with everything its output shows, and its light."""
    task = selectors.task_table(task.plan, include_archived=True).get(pk=task.pk)
    member = role_for_plan(request.user, task.plan).is_member
    return task_out(task, statuses(request, task.plan, [task]).get(task.pk), member=member)


class TaskFilters(Schema):
    section: Text(20) | None = Field(None, description="章节编号 (含其下级章节), 如 1 或 1.2")
    department: Id | None = Field(None, description="责任部门 id (牵头或配合)")
    status: Literal["unassigned", "assigned", "overdue", "archived"] | None = Field(None, description="任务状态")
    light: Literal["green", "yellow", "red"] | None = Field(None, description="状态灯")
    deadline_before: dt.date | None = Field(None, description="完成时限不晚于该日")
    archived: bool = Field(False, description="true: 只看已归档的任务 (仅本单位成员)")


@router.get("/plans/{plan_id}/tasks", response={200: TaskPage, **READ_ERRORS},
            summary="任务列表 · a plan's tasks, filtered, in report order")
def list_tasks(request, plan_id: PathId, filters: Query[TaskFilters], pagination: Query[Pagination]):
    """Archived tasks are the office's own records: asking for them as the public gives the live tasks, as the
    HTML table does. A section or department that is not the plan's matches nothing."""
    plan = get_plan_for_user(request, plan_id)
    status = "archived" if filters.archived else (filters.status or "")
    if status == Task.State.ARCHIVED and not can_see_archived(request.user, plan):
        status = ""
    criteria: dict = {"status": status, "due_before": filters.deadline_before}
    nothing = False
    if filters.section is not None:
        criteria["section"] = plan.sections.filter(key=filters.section).first()
        nothing = criteria["section"] is None
    if filters.department is not None:
        criteria["department"] = Department.objects.filter(pk=filters.department, issuer=plan.issuer).first()
        nothing = nothing or criteria["department"] is None
    tasks = selectors.task_table(plan, **criteria)
    if nothing:
        tasks = tasks.none()
    if filters.light:
        ensure_fresh(plan)
        tasks = tasks.filter(archived=False, stored_status__light=filters.light)
    result = page(tasks, pagination)
    lights = statuses(request, plan, result["items"])
    member = role_for_plan(request.user, plan).is_member
    result["items"] = [task_out(t, lights.get(t.pk), member=member) for t in result["items"]]
    return result


@router.get("/tasks/{task_id}", response={200: TaskOut, **READ_ERRORS}, summary="任务 · one task")
def get_task(request, task_id: PathId):
    return _one(request, get_task_for_user(request, task_id))


def _section(plan, key: str | None) -> Section | None:
    if not key:
        return None
    section = plan.sections.filter(key=key).first()
    if section is None:
        raise services.ServiceError(f"没有编号为“{key}”的章节")
    return section


def _department(plan, department_id: int | None) -> Department | None:
    if department_id is None:
        return None
    department = Department.objects.filter(pk=department_id).first()
    if department is None or department.issuer_id != plan.issuer_id:
        raise services.ServiceError(f"部门 {department_id} 不是{plan.issuer.name}的部门")
    return department


@router.post("/plans/{plan_id}/tasks", auth=write_auth, response={201: TaskOut, **WRITE_ERRORS},
             summary="添加任务 · add a task by hand (supervisor)")
def add_task(request, plan_id: PathId, payload: TaskCreate):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    with acting(request) as actor:
        task = services.add_task(actor, plan, text=payload.text, section=_section(plan, payload.section),
                                 deadline=payload.deadline, lead=_department(plan, payload.lead_id))
    return Status(201, _one(request, task))


@router.patch("/tasks/{task_id}", auth=write_auth, response={200: TaskOut, 409: Error, **WRITE_ERRORS},
              summary="修改任务 · edit a task's text, deadline or section (supervisor)")
def patch_task(request, task_id: PathId, payload: TaskPatch):
    """Only the fields sent change. Send the ``version`` read with the task: if someone changed the task since,
    the edit is refused with a 409 and nothing is overwritten."""
    task = get_task_for_user(request, task_id, write=EDIT)
    given = payload.model_fields_set
    changes = {}
    if "text" in given:
        changes["text"] = payload.text
    if "deadline" in given:
        changes["deadline"] = payload.deadline
    if "section" in given:
        changes["section"] = _section(task.plan, payload.section)
    with acting(request) as actor:
        services.edit_task(actor, task, expected_version=payload.version, **changes)
    return _one(request, task)


@router.put("/tasks/{task_id}/assignments", auth=write_auth, response={200: TaskOut, **WRITE_ERRORS},
            summary="分配任务 · set the lead and cooperating departments (supervisor)")
def put_assignments(request, task_id: PathId, payload: AssignmentIn):
    task = get_task_for_user(request, task_id, write=EDIT)
    lead = _department(task.plan, payload.lead_id)
    cooperating = [_department(task.plan, i) for i in dict.fromkeys(payload.cooperating_ids)]
    with acting(request) as actor:
        services.assign_task(actor, task, lead=lead, cooperating=cooperating)
    return _one(request, task)


@router.post("/tasks/{task_id}/archive", auth=write_auth, response={200: TaskOut, **WRITE_ERRORS},
             summary="归档任务 · archive a task (supervisor); it is kept and can be restored")
def archive_task(request, task_id: PathId, payload: ArchiveIn):
    task = get_task_for_user(request, task_id, write=EDIT)
    with acting(request) as actor:
        services.archive_task(actor, task, reason=payload.reason)
    return _one(request, task)


@router.post("/tasks/{task_id}/restore", auth=write_auth, response={200: TaskOut, **WRITE_ERRORS},
             summary="恢复任务 · restore an archived task (supervisor)")
def restore_task(request, task_id: PathId):
    task = get_task_for_user(request, task_id, write=EDIT)
    with acting(request) as actor:
        services.restore_task(actor, task)
    return _one(request, task)


class AssignmentFilters(Schema):
    department: Id | None = Field(None, description="部门 id")
    role: Literal["lead", "cooperating"] | None = None


@router.get("/plans/{plan_id}/assignments", response={200: AssignmentPage, **READ_ERRORS},
            summary="责任分工 · which department leads or cooperates on which live task")
def list_assignments(request, plan_id: PathId, filters: Query[AssignmentFilters], pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id)
    rows = (Assignment.objects.filter(task__plan=plan, task__archived=False).select_related("department")
            .order_by("task__order", "task_id", "role", "department__order", "pk"))
    if filters.department is not None:
        rows = rows.filter(department_id=filters.department)
    if filters.role:
        rows = rows.filter(role=filters.role)
    result = page(rows, pagination)
    result["items"] = [{"task_id": a.task_id, "department": department_ref(a.department), "role": a.role}
                       for a in result["items"]]
    return result


