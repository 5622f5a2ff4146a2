"""Dashboards (督查看板): the overview, a department's page, the leader's one page. Members only."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from web.accounts.models import Department
from web.dashboards import selectors
from web.plans.access import INTERNAL, get_plan_for_user
from web.supervision.alerts import alerts_for
from web.supervision.status_store import department_task_ids, stored_progress


@login_required
def dashboard(request, plan_id):
    """The overview: tasks by status, by section, by department; the lagging list; the ranking."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    progress = stored_progress(plan)
    summary = selectors.summary(progress)
    ranks = selectors.ranking(progress)
    rows_url, table_url = _rows_url(plan), reverse("task_table", args=[plan.pk])
    charts = {
        "chart-lights": selectors.light_pie(summary, rows_url),
        "chart-categories": selectors.category_bar(summary, rows_url),
        "chart-sections": selectors.stacked_bar(selectors.by_section(progress), table_url=table_url),
        "chart-departments": selectors.stacked_bar(selectors.by_department(progress), horizontal=True,
                                                   table_url=table_url),
        "chart-ranking": selectors.ranking_bar(ranks, table_url),
    }
    return render(request, "dashboards/dashboard.html", {
        "plan": plan, "progress": progress, "summary": summary, "lagging": progress.lagging()[:20],
        "ranks": ranks, "charts": charts, "rows_url": rows_url})


@login_required
def department_dashboard(request, plan_id, department_id):
    """One department's page: its tasks' lights, its lagging tasks, its place in the ranking."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    department = get_object_or_404(Department, pk=department_id, issuer=plan.issuer)
    whole = stored_progress(plan)  # the ranking compares all departments: computed once, then narrowed
    rank = next((d for d in selectors.ranking(whole) if d.department.pk == department.pk), None)
    theirs = department_task_ids(plan, department)
    progress = dataclasses.replace(whole, tasks=[r for r in whole.tasks if r.task.pk in theirs])
    summary = selectors.summary(progress)
    rows_url = _rows_url(plan, department)
    return render(request, "dashboards/department.html", {
        "plan": plan, "department": department, "progress": progress, "summary": summary, "rank": rank,
        "rows_url": rows_url, "charts": {"chart-lights": selectors.light_pie(summary, rows_url),
                                         "chart-categories": selectors.category_bar(summary, rows_url)}})


@login_required
def leader_view(request, plan_id):
    """The leader's one page (领导一页纸): figures, indicators with forecasts, the worst tasks, the ranking."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    progress = stored_progress(plan)
    summary = selectors.summary(progress)
    indicators = [(i, i.forecast()) for i in plan.indicators.prefetch_related("actuals")]
    instructions = (plan.instructions.select_related("task", "department", "author")
                    .prefetch_related("addressees", "replies__department")[:8])
    return render(request, "dashboards/leader.html", {"instructions": instructions,
        "plan": plan, "progress": progress, "summary": summary, "lagging": progress.lagging()[:10],
        "alerts": alerts_for(progress)[:10], "ranks": selectors.ranking(progress), "indicators": indicators,
        "rows_url": _rows_url(plan), "charts": {"chart-lights": selectors.light_pie(summary, _rows_url(plan))}})


def _rows_url(plan, department=None) -> str:
    """Where a tile or a chart's bar leads: the rows behind it (``…?show=red``), for one department if given."""
    url = reverse("tile_rows", args=[plan.pk]) + "?"
    return url + f"department={department.pk}&" if department is not None else url


@login_required
def tile_rows(request, plan_id):
    """The tasks behind a tile or a chart's bar (红灯, 逾期, 超进度 …), as the lagging list shows them."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    show = request.GET.get("show", "all")
    if show not in selectors.ROW_FILTERS:
        raise Http404
    progress = stored_progress(plan)
    rows = progress.tasks
    department = None
    if request.GET.get("department"):
        department = get_object_or_404(Department, pk=request.GET["department"], issuer=plan.issuer)
        theirs = department_task_ids(plan, department)
        rows = [r for r in rows if r.task.pk in theirs]
    label, keep = selectors.ROW_FILTERS[show]
    rows = sorted((r for r in rows if keep(r.status)), key=lambda r: -r.status.gap)
    return render(request, "dashboards/rows.html", {"plan": plan, "rows": rows, "label": label,
                                                    "department": department, "progress": progress})
