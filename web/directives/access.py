"""Who may read and act on chases, 督办单 and replies to 批示: the one place holding that permission logic.

- the plan's 督查室 chases, issues 督办单 and reads them all;
- leaders read them all (a 督办单 unanswered goes to the department's 分管领导);
- a department's staff read the chases and 督办单 addressed to their department and reply to those;
- other departments and the public read none (a stranger gets a 404; a member who may read but not act, a 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.directives.models import Chase, SupervisionNotice
from web.plans.access import role_for_plan

READ, REPLY = False, "reply"


def can_read_addressed(user, plan, department_id: int) -> bool:
    """Chases and 督办单 to ``department_id``: the office, leaders, and that department's staff."""
    role = role_for_plan(user, plan)
    return role.is_supervisor or role.is_leader or (role.is_staff and role.department_id == department_id)


def visible_to(user, plan, items):
    """``items`` (a queryset of the plan's chases or 督办单) narrowed to what ``user`` may read."""
    role = role_for_plan(user, plan)
    if role.is_supervisor or role.is_leader:
        return items
    if role.is_staff:
        return items.filter(department_id=role.department_id)
    return items.none()


def get_notice_for_user(request, notice_id: int, write=READ) -> SupervisionNotice:
    """A 督办单 if readable (else 404); with ``write="reply"``, only for its department's staff (else 403)."""
    notice = get_object_or_404(SupervisionNotice.objects.select_related("plan__issuer", "department"), pk=notice_id)
    if not can_read_addressed(request.user, notice.plan, notice.department_id):
        raise Http404
    if write == REPLY:
        role = role_for_plan(request.user, notice.plan)
        if not (role.is_staff and role.department_id == notice.department_id):
            raise PermissionDenied
    return notice


def get_chase_for_user(request, chase_id: int) -> Chase:
    chase = get_object_or_404(Chase.objects.select_related("plan__issuer", "department"), pk=chase_id)
    if not can_read_addressed(request.user, chase.plan, chase.department_id):
        raise Http404
    return chase


def get_instruction_for_user(request, instruction_id: int, write=READ):
    """A 批示 is read by the plan's members (else 404); with ``write="reply"``, answered only by the staff of a
    department it names (else 403)."""
    from web.plans.models import Instruction

    instruction = get_object_or_404(Instruction.objects.select_related("plan__issuer", "task", "department",
                                                                       "author"), pk=instruction_id)
    role = role_for_plan(request.user, instruction.plan)
    if not role.is_member:
        raise Http404
    if write == REPLY and not (role.is_staff and instruction.addressees.filter(pk=role.department_id).exists()):
        raise PermissionDenied
    return instruction
