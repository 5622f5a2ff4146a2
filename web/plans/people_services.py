"""Naming who answers for a row (分管领导 and 责任人 on a task): one audited step, in one transaction.

A row names them only when they differ from its lead department's (``Department.leader_in_charge`` /
``responsible``, set on the people pages); ``None`` goes back to the department's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from web.accounts.models import Membership
from web.accounts.people import display_name
from web.audit.services import record
from web.plans.models import Task
from web.plans.services import refuse_closed


def people_snapshot(task: Task) -> dict:
    return {"leader_in_charge": display_name(task.leader_in_charge) or None,
            "responsible": display_name(task.responsible) or None}


def set_task_people(actor, task: Task, *, leader_in_charge=None, responsible=None) -> Task:
    """The office names a row's own 分管领导 and 责任人 (or clears them: the lead department's apply)."""
    refuse_closed(task.plan)
    issuer = task.plan.issuer
    if leader_in_charge is not None and not Membership.objects.filter(
            user=leader_in_charge, issuer=issuer, role=Membership.Role.LEADER).exists():
        raise ValidationError(f"{display_name(leader_in_charge)}不是{issuer}的领导,不能任分管领导")
    if responsible is not None and not Membership.objects.filter(user=responsible, issuer=issuer).exists():
        raise ValidationError(f"{display_name(responsible)}不是{issuer}的人员,不能任责任人")
    with transaction.atomic():
        before = people_snapshot(task)
        task.leader_in_charge, task.responsible = leader_in_charge, responsible
        after = people_snapshot(task)
        if after != before:
            task.save(update_fields=["leader_in_charge", "responsible", "updated_at"])
            record(actor, "task.people", task, before, after)
    return task
