"""A county's row assigned down to its towns (联动下达)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from web.plans.access import EDIT, get_task_for_user
from web.plans.county import assign_task_to_towns
from web.plans.models import Issuer
from web.plans.services import ServiceError


@require_POST
def task_assign_down(request, task_id):
    """The plan's 督查室 assigns the row down to the towns ticked (each gets a linked row in its own plan)."""
    task = get_task_for_user(request, task_id, write=EDIT)
    ids = [int(v) for v in request.POST.getlist("towns") if v.isdigit()]
    towns = Issuer.objects.filter(parent_id=task.plan.issuer_id, pk__in=ids)
    try:
        created = assign_task_to_towns(request.user, task, towns)
    except ServiceError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已下达至{len(created)}个下级单位" if created else "未选择新的下级单位")
    return redirect("task_detail", task.pk)
