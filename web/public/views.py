"""The public page (公开): published plans with no login. Sections, tasks, progress and approved updates only.

Nothing internal is read here: no drafts, no submitted-but-unreviewed or returned versions, no review
comments, no difficulties, no people's names. The same page is shown to everyone, signed in or not.
"""

from __future__ import annotations

from collections import defaultdict

from django.shortcuts import get_object_or_404, render

from web.plans.models import Plan
from web.supervision.models import ProgressReport
from web.supervision.status_store import stored_progress

SHOWN_UPDATES = 2  # the latest approved updates shown per task


def _heading(section) -> str:
    """``一、以超常力度… · (一)加强产业平台建设``: the section under its parent."""
    return f"{section.parent} · {section}" if section.parent_id else str(section)


def public_index(request):
    plans = Plan.objects.published().select_related("issuer")
    return render(request, "public/index.html", {"plans": plans})


def public_plan(request, plan_id):
    plan = get_object_or_404(Plan.objects.published().select_related("issuer"), pk=plan_id)
    progress = stored_progress(plan)  # lights from approved reports only: the same for the public
    updates = defaultdict(list)
    demo = False
    # Plain rows, newest first; a task shows its latest SHOWN_UPDATES (a year of monthly reports is thousands).
    approved = (ProgressReport.objects.approved().filter(task__plan=plan, task__archived=False)
                .order_by("-period").values_list("task_id", "period", "percent", "text", "demo"))
    for task_id, period, percent, text, is_demo in approved:
        demo = demo or is_demo
        if len(updates[task_id]) < SHOWN_UPDATES:
            updates[task_id].append({"period": period, "percent": percent, "text": text})
    sections = defaultdict(list)
    for row in progress.tasks:
        sections[row.task.section_id].append({
            "text": row.task.text, "deadline": row.task.deadline, "light": row.status.light,
            "light_label": row.status.light_label, "percent": row.status.reported, "category": row.status.category,
            "department": str(row.department) if row.department else "", "updates": updates.get(row.task.pk, [])})
    groups = [(_heading(s), sections[s.pk]) for s in plan.sections.select_related("parent") if s.pk in sections]
    if None in sections:
        groups.append(("其他任务", sections[None]))
    return render(request, "public/plan.html", {"plan": plan, "groups": groups, "progress": progress,
                                                "demo": demo})
