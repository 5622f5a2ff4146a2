"""Who may read and change a plan and its items: the one place holding the permission logic.

Views call ``get_plan_for_user`` / ``get_task_for_user`` / ``get_target_for_user`` /
``get_pending_import_for_user`` and never check roles themselves. Rules:

- public (anonymous, or not a member of the plan's issuer): reads published plans only;
- staff (部门工作人员): reads their issuer's plans; changes only their own department's tasks'
  progress (``write="report"``, used by progress reports);
- leader (领导): reads everything of their issuer; writes instructions (``write="instruct"``);
- supervisor (督查室): reads and edits everything of their issuer's plans (``write=True``);
- oversight (上级查看: a county's 督查室 or leader over its towns' plans) and neighbour (同级共享: a town the county
  lets read its neighbours' plans): read as members, change nothing. The tree rule is ``web.accounts.roles``.

An issuer (``get_issuer_for_user``): those who oversee the issuers below it (its 督查室 and leaders, and anyone
overseeing it from above) compare them (``write=False``); its own 督查室 shares their plans with one another
(``write=True``).

``write=INTERNAL`` asks for any member (the history pages: names of people are not public).

What may not be read is a 404 (it does not exist for you); what may be read but not changed, a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.accounts.roles import OVERSIGHT, Role, issuer_ids_for, role_at
from web.plans.models import Issuer, PendingImport, Plan, Target, Task

READ, EDIT, INSTRUCT, REPORT, INTERNAL = False, True, "instruct", "report", "internal"


def role_for_plan(user, plan: Plan) -> Role:
    return role_at(user, plan.issuer)


def can_read_plan(user, plan: Plan) -> bool:
    return plan.published or role_for_plan(user, plan).is_member


def can_edit_plan(user, plan: Plan) -> bool:
    return role_for_plan(user, plan).is_supervisor


def can_instruct(user, plan: Plan) -> bool:
    return role_for_plan(user, plan).is_leader


def can_see_archived(user, plan: Plan) -> bool:
    """Archived tasks are the office's own records: members see them, the public does not."""
    return role_for_plan(user, plan).is_member


def can_report_on_task(user, task: Task) -> bool:
    """Staff of one of the task's departments (lead or cooperating) may report its progress."""
    role = role_for_plan(user, task.plan)
    return role.is_staff and role.department_id in task.department_ids()


def can_import(user) -> bool:
    """Supervisors of any issuer (and superusers) may upload a report."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.memberships.filter(role="supervisor").exists()


def _allowed(user, plan: Plan, write, task: Task | None = None) -> bool:
    if write is READ:
        return True
    if write is EDIT:
        return can_edit_plan(user, plan)
    if write == INTERNAL:
        return role_for_plan(user, plan).is_member
    if write == INSTRUCT:
        return can_instruct(user, plan)
    if write == REPORT:
        return task is not None and can_report_on_task(user, task)
    raise ValueError(f"unknown write mode {write!r}")


def get_plan_for_user(request, plan_id: int, write=READ) -> Plan:
    """The plan if the user may read it (else 404) and, with ``write``, change it that way (else 403)."""
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=plan_id)
    if not can_read_plan(request.user, plan):
        raise Http404
    if not _allowed(request.user, plan, write):
        raise PermissionDenied
    return plan


def get_task_for_user(request, task_id: int, write=READ) -> Task:
    """The task under the same rules as its plan; ``write`` is False, True, "instruct" or "report".

    Archived tasks are read by members only: the public never sees them.
    """
    task = get_object_or_404(Task.objects.select_related("plan__issuer", "section", "parent"), pk=task_id)
    plan = task.plan
    if not can_read_plan(request.user, plan):
        raise Http404
    if task.archived and not can_see_archived(request.user, plan):
        raise Http404
    if not _allowed(request.user, plan, write, task):
        raise PermissionDenied
    return task


def get_target_for_user(request, target_id: int, write=READ) -> Target:
    target = get_object_or_404(Target.objects.select_related("plan__issuer", "task"), pk=target_id)
    if not can_read_plan(request.user, target.plan):
        raise Http404
    if not _allowed(request.user, target.plan, write):
        raise PermissionDenied
    return target


def get_pending_import_for_user(request, pending_id, kind: str) -> PendingImport:
    """An upload is seen only by the person who made it: nobody else sees a draft import."""
    pending = get_object_or_404(PendingImport, pk=pending_id, kind=kind)
    if not request.user.is_authenticated or pending.created_by_id != request.user.pk:
        raise Http404
    if pending.issuer_id is not None and not role_at(request.user, pending.issuer).is_supervisor:
        raise PermissionDenied
    if pending.plan_id is not None and not can_edit_plan(request.user, pending.plan):
        raise PermissionDenied
    return pending


def can_compare_below(user, issuer: Issuer) -> bool:
    """The issuer's 督查室 and leaders, and whoever oversees it from above, compare the issuers below it."""
    role = role_at(user, issuer)
    return role.is_supervisor or role.is_leader or role.name == OVERSIGHT


def get_issuer_for_user(request, issuer_id: int, write=READ) -> Issuer:
    """The issuer if the user may compare the issuers below it (members who may not: 403; others: 404); with
    ``write``, only its own 督查室 (sharing the plans below it)."""
    issuer = get_object_or_404(Issuer, pk=issuer_id)
    role = role_at(request.user, issuer)
    if not role.is_member:
        raise Http404
    if not can_compare_below(request.user, issuer) or (write is EDIT and not role.is_supervisor):
        raise PermissionDenied
    return issuer


def plans_for_user(user):
    """Plans the user may read: published ones and every plan of their issuers."""
    from django.db.models import Q

    ids = issuer_ids_for(user)
    return Plan.objects.filter(Q(published=True) | Q(issuer_id__in=ids)).select_related("issuer")


def require_importer(request) -> None:
    if not request.user.is_authenticated:
        raise Http404
    if not can_import(request.user):
        raise PermissionDenied
