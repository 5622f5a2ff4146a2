"""A county over its towns (县乡对比): the towns side by side, and the county's 督查室 sharing their plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from web.accounts.roles import role_at
from web.dashboards import county
from web.plans.access import EDIT, get_issuer_for_user
from web.plans.county import share_plans_below


@login_required
def towns(request, issuer_id):
    """The issuers below one (a county's towns) compared for a year; ``?sort=`` a column, ``-`` descending."""
    issuer = get_issuer_for_user(request, issuer_id)
    years = county.plan_years(issuer)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else (years[0] if years else None)
    sort = request.GET.get("sort", county.DEFAULT_SORT)
    rows = county.compare(issuer, year, sort) if year else []
    columns = [(key, heading, county.next_sort(sort, key)) for key, (heading, _) in county.SORTS.items()]
    return render(request, "dashboards/towns.html", {
        "issuer": issuer, "year": year, "years": years, "rows": rows, "sort": sort, "columns": columns,
        "role": role_at(request.user, issuer)})


@require_POST
@login_required
def share_plans(request, issuer_id):
    """The county's 督查室 lets its towns read one another's plans (下级互相可见), or stops it."""
    issuer = get_issuer_for_user(request, issuer_id, write=EDIT)
    shared = request.POST.get("shared") == "1"
    share_plans_below(request.user, issuer, shared)
    messages.success(request, "下级单位现可互相查看规划(只读)" if shared else "下级单位不再互相查看规划")
    return redirect("county_towns", issuer.pk)
