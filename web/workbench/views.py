"""The workbench (工作台): a member's landing page; the plan list for everyone else."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from web.plans.access import INTERNAL, get_plan_for_user, role_for_plan
from web.workbench import selectors


def home(request):
    """The landing page: a member's workbench for their current plan; the plan list for the public and anyone
    with no plan of their own."""
    plan = selectors.current_plan(request.user)
    if plan is None:
        from web.plans.views import plan_list

        return plan_list(request)
    return _render(request, plan)


@login_required
def workbench(request, plan_id):
    """The workbench for one of the member's plans (another year, another issuer below theirs)."""
    return _render(request, get_plan_for_user(request, plan_id, write=INTERNAL))


def _render(request, plan):
    from web.accounts.roles import overseen_issuers

    role = role_for_plan(request.user, plan)
    context = {"plan": plan, "role": role, "overseen": overseen_issuers(request.user),
               "desk": selectors.desk(plan, request.user, role),
               "template": f"workbench/_{role.name}.html" if role.name in selectors.DESKS else None}
    return render(request, "workbench/workbench.html", context)
