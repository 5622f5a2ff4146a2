"""A county over its towns (县乡联动): the county's 督查室 shares its towns' plans with one another, and assigns one
of its rows down to its towns (联动任务), each town's part a row of the town's own plan.

Workflow steps, one transaction each with its audit rows. Who reads what along the tree is
``web.accounts.roles``; the comparison page is ``web.dashboards.county``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from web.audit.services import record
from web.plans.models import Issuer, Plan, Task, match_key
from web.plans.services import ServiceError, refuse_closed
from web.plans.signals import send_tasks_changed


def share_plans_below(actor, issuer: Issuer, shared: bool) -> Issuer:
    """Let the issuers below ``issuer`` read one another's plans (下级互相可见), or stop it."""
    with transaction.atomic():
        before = {"shares_plans": issuer.shares_plans}
        issuer.shares_plans = shared
        issuer.save(update_fields=["shares_plans"])
        record(actor, "issuer.share" if shared else "issuer.unshare", issuer, before, {"shares_plans": shared})
        return issuer


def assign_task_to_towns(actor, task: Task, towns: Iterable[Issuer]) -> list[Task]:
    """Assign a county's row down to its towns (联动下达): each town gets a row of its own, in its plan of the same
    year, linked to ``task``; a town that already has a live part of it is left as it is. Returns the new rows."""
    refuse_closed(task.plan)
    towns = list(towns)
    county = task.plan.issuer
    if any(t.parent_id != county.pk for t in towns):
        raise ServiceError("只能下达到本单位的下级单位")
    plans = {p.issuer_id: p for p in Plan.objects.filter(issuer__in=towns, year=task.plan.year)}
    missing = [t.name for t in towns if t.pk not in plans]
    if missing:
        raise ServiceError(f"{'、'.join(missing)}尚无{task.plan.year}年规划,无法下达")
    if task.archived:
        raise ServiceError("已归档的任务不能下达")
    for plan in plans.values():
        refuse_closed(plan)
    have = set(Task.objects.filter(linked_to=task, archived=False).values_list("plan__issuer_id", flat=True))
    created = []
    with transaction.atomic():
        for town in towns:
            if town.pk in have:
                continue
            plan = plans[town.pk]
            last = plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0
            part = Task.objects.create(plan=plan, text=task.text, match_key=match_key(task.text),
                                       deadline=task.deadline, deadline_text=task.deadline_text,
                                       origin=Task.Origin.MANUAL, order=last + 10, linked_to=task)
            record(actor, "task.add", part, None, {**part.snapshot(), "linked_to": task.pk},
                   note=f"{county.name}联动下达")
            send_tasks_changed(plan, [part.pk])
            created.append(part)
        if created:
            record(actor, "task.assign_down", task, {"towns": sorted(have)},
                   {"towns": sorted(have | {p.plan.issuer_id for p in created})},
                   note="下达至" + "、".join(p.plan.issuer.name for p in created))
    return created
