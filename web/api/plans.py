"""Plans, their sections, departments, targets and projects, and the plan as ``plan/1`` JSON (read); targets (edit)."""

from __future__ import annotations

import json
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from web.accounts.models import Department
from web.api.auth import acting, write_auth
from web.api.common import page
from web.api.plan_document import plan_document
from web.api.schemas import (
    DepartmentPage,
    Error,
    Id,
    Pagination,
    PathId,
    PlanOut,
    PlanPage,
    ProjectPage,
    SectionPage,
    TargetOut,
    TargetPage,
    TargetPatch,
    Text,
)
from web.plans import services
from web.plans.access import EDIT, can_see_archived, get_plan_for_user, get_target_for_user, plans_for_user
from web.plans.models import Plan, Target

router = Router(tags=["plans 规划"])

READ_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def plan_out(plan: Plan) -> dict:
    return {"id": plan.pk, "issuer": plan.issuer.name, "issuer_id": plan.issuer_id, "year": plan.year,
            "title": str(plan), "published": plan.published, "source_name": plan.source_name,
            "updated_at": plan.updated_at}


class PlanFilters(Schema):
    year: int | None = Field(None, ge=1900, le=2200, description="年度")
    published: bool | None = Field(None, description="只看已公开 (true) 或未公开 (false) 的规划")


@router.get("/plans", response={200: PlanPage, **READ_ERRORS}, summary="规划列表 · plans the caller may read")
def list_plans(request, filters: Query[PlanFilters], pagination: Query[Pagination]):
    """Published plans for everyone; every plan of the caller's issuers (and those below them) for members."""
    plans = plans_for_user(request.user).order_by("-year", "issuer__name", "pk")
    if filters.year is not None:
        plans = plans.filter(year=filters.year)
    if filters.published is not None:
        plans = plans.filter(published=filters.published)
    result = page(plans, pagination)
    result["items"] = [plan_out(p) for p in result["items"]]
    return result


@router.get("/plans/{plan_id}", response={200: PlanOut, **READ_ERRORS}, summary="规划 · one plan")
def get_plan(request, plan_id: PathId):
    return plan_out(get_plan_for_user(request, plan_id))


@router.get("/plans/{plan_id}/plan.json", response={200: dict, **READ_ERRORS},
            summary="规划 JSON (plan/1) · the plan as `luoshi extract` prints it")
def get_plan_json(request, plan_id: PathId, source: Literal["current", "imported"] = "current"):
    """The plan in the core's ``plan/1`` format.

    ``source=current`` (the default): the plan as it stands now, edits included and archived items left out;
    provenance the web app does not keep (section offsets, extraction confidence, offsets into the original
    file) has the core's defaults, see ``web/api/plan_document.py``. ``source=imported``: what the extractor
    made of the report at the last confirmed import, byte for byte what ``luoshi extract`` prints for it.
    """
    plan = get_plan_for_user(request, plan_id)
    if source == "imported":
        if not plan.imported:  # stored before imports kept it, or made by the scale generator
            raise Http404
        return json.loads(plan.imported)
    return plan_document(plan).to_dict()


@router.get("/plans/{plan_id}/sections", response={200: SectionPage, **READ_ERRORS}, summary="章节 · sections")
def list_sections(request, plan_id: PathId, pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id)
    result = page(plan.sections.select_related("parent").order_by("order", "pk"), pagination)
    result["items"] = [{"id": s.pk, "key": s.key, "number": s.number, "title": s.title,
                        "parent_key": s.parent.key if s.parent_id else None, "part": s.part} for s in result["items"]]
    return result


@router.get("/plans/{plan_id}/departments", response={200: DepartmentPage, **READ_ERRORS},
            summary="部门 · the issuer's departments (ids for assignments and filters)")
def list_departments(request, plan_id: PathId, pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id)
    result = page(Department.objects.filter(issuer=plan.issuer).order_by("order", "name", "pk"), pagination)
    result["items"] = [{"id": d.pk, "name": d.name, "aliases": d.alias_list()} for d in result["items"]]
    return result


# --- targets ------------------------------------------------------------------------------------


def visible_targets(request, plan):
    """The plan's live targets; archived ones, and those of archived tasks, only for members (as tasks)."""
    targets = plan.targets.select_related("section", "task")
    if not can_see_archived(request.user, plan):
        targets = targets.filter(archived=False).exclude(task__archived=True)
    return targets


def target_out(t: Target) -> dict:
    return {"id": t.pk, "key": t.key, "plan_id": t.plan_id, "task_id": t.task_id,
            "section": t.section.key if t.section_id else None, "indicator": t.indicator, "kind": t.kind,
            "comparator": t.comparator, "value": t.value, "upper": t.upper, "unit": t.unit, "deadline": t.deadline,
            "deadline_text": t.deadline_text, "source_text": t.source_text, "firmness": t.firmness,
            "archived": t.archived}


class TargetFilters(Schema):
    kind: Text(20) | None = Field(None, description="growth / rate / rank / quantity")
    task_id: Id | None = None
    archived: bool = Field(False, description="true: 只看已归档的目标 (仅本单位成员)")


@router.get("/plans/{plan_id}/targets", response={200: TargetPage, **READ_ERRORS}, summary="量化目标 · targets")
def list_targets(request, plan_id: PathId, filters: Query[TargetFilters], pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id)
    targets = visible_targets(request, plan).filter(archived=filters.archived)
    if filters.kind:
        targets = targets.filter(kind=filters.kind)
    if filters.task_id is not None:
        targets = targets.filter(task_id=filters.task_id)
    result = page(targets.order_by("order", "pk"), pagination)
    result["items"] = [target_out(t) for t in result["items"]]
    return result


def _target(request, target_id: PathId, write=False) -> Target:
    target = get_target_for_user(request, target_id, write=write)
    if not visible_targets(request, target.plan).filter(pk=target.pk).exists():

        raise Http404
    return target


@router.get("/targets/{target_id}", response={200: TargetOut, **READ_ERRORS}, summary="量化目标 · one target")
def get_target(request, target_id: PathId):
    return target_out(_target(request, target_id))


@router.patch("/targets/{target_id}", auth=write_auth, response={200: TargetOut, **WRITE_ERRORS},
              summary="修改量化目标 · edit a target's value, comparator or unit (supervisor)")
def patch_target(request, target_id: PathId, payload: TargetPatch):
    target = _target(request, target_id, write=EDIT)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set if getattr(payload, k) is not None}
    with acting(request) as actor:
        services.edit_target(actor, target, **changes)
    return target_out(target)


@router.get("/plans/{plan_id}/projects", response={200: ProjectPage, **READ_ERRORS}, summary="重点项目 · projects")
def list_projects(request, plan_id: PathId, pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id)
    projects = plan.projects.select_related("section").order_by("pk")
    if not can_see_archived(request.user, plan):
        projects = projects.exclude(task__archived=True)
    result = page(projects, pagination)
    result["items"] = [{"id": p.pk, "plan_id": p.plan_id, "task_id": p.task_id,
                        "section": p.section.key if p.section_id else None, "name": p.name, "kind": p.kind,
                        "action": p.action, "investment_value": p.investment_value,
                        "investment_unit": p.investment_unit} for p in result["items"]]
    return result


