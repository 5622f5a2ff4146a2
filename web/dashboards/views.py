"""Dashboards (督查看板): the overview, a department's page, the leader's one page. Members only."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

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
    charts = {
        "chart-lights": selectors.light_pie(summary),
        "chart-categories": selectors.category_bar(summary),
        "chart-sections": selectors.stacked_bar(selectors.by_section(progress)),
        "chart-departments": selectors.stacked_bar(selectors.by_department(progress), horizontal=True),
        "chart-ranking": selectors.ranking_bar(ranks),
    }
    return render(request, "dashboards/dashboard.html", {
        "plan": plan, "progress": progress, "summary": summary, "lagging": progress.lagging()[:20],
        "ranks": ranks, "charts": charts})


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
    return render(request, "dashboards/department.html", {
        "plan": plan, "department": department, "progress": progress, "summary": summary, "rank": rank,
        "charts": {"chart-lights": selectors.light_pie(summary), "chart-categories": selectors.category_bar(summary)}})


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
        "charts": {"chart-lights": selectors.light_pie(summary)}})
