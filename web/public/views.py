"""The public page (公开): published plans with no login. Sections, tasks, progress and approved updates only.

Nothing internal is read here: no drafts, no submitted-but-unreviewed or returned versions, no review
comments, no difficulties, no people's names. The same page is shown to everyone, signed in or not.
"""

from __future__ import annotations

from collections import defaultdict

from django.shortcuts import get_object_or_404, render

from web.plans.models import Plan
from web.supervision.lights import plan_progress
from web.supervision.models import ProgressReport

SHOWN_UPDATES = 2  # the latest approved updates shown per task


def _heading(section) -> str:
    """``一、以超常力度… · (一)加强产业平台建设``: the section under its parent."""
    return f"{section.parent} · {section}" if section.parent_id else str(section)


def public_index(request):
    plans = Plan.objects.published().select_related("issuer")
    return render(request, "public/index.html", {"plans": plans})


def public_plan(request, plan_id):
    plan = get_object_or_404(Plan.objects.published().select_related("issuer"), pk=plan_id)
    progress = plan_progress(plan, public=True, with_latest=False)
    updates = defaultdict(list)
    demo = False
    # Plain rows, newest first; a task shows its latest SHOWN_UPDATES (a year of monthly reports is thousands).
    approved = (ProgressReport.objects.approved().filter(task__plan=plan, task__archived=False)
                .order_by("-period").values_list("task_id", "period", "percent", "text", "demo"))
    for task_id, period, percent, text, is_demo in approved:
        demo = demo or is_demo
        if len(updates[task_id]) < SHOWN_UPDATES:
            updates[task_id].append({"period": period, "percent": percent, "text": text})
    query = request.GET.get("q", "").strip()[:50]
    sections = defaultdict(list)
    for row in progress.tasks:
        department = str(row.department) if row.department else ""
        if query and query not in row.task.text and query not in department:
            continue
        sections[row.task.section_id].append({
            "text": row.task.text, "deadline": row.task.deadline, "light": row.status.light,
            "light_label": row.status.light_label, "percent": row.status.reported, "category": row.status.category,
            "department": department, "updates": updates.get(row.task.pk, [])})
    groups = [(_heading(s), sections[s.pk]) for s in plan.sections.select_related("parent") if s.pk in sections]
    if None in sections:
        groups.append(("其他任务", sections[None]))
    return render(request, "public/plan.html", {
        "plan": plan, "groups": groups, "progress": progress, "demo": demo, "query": query,
        "found": sum(len(tasks) for _, tasks in groups), "summary": summary(progress),
        "indicators": [(i, i.forecast()) for i in plan.indicators.prefetch_related("actuals")]})


def summary(progress) -> dict:
    """The figures the public page opens with: tasks, done, on course (green), behind (yellow, red)."""
    rows = progress.tasks
    return {"total": len(rows), "done": sum(r.status.done for r in rows),
            "green": sum(r.status.light == "green" for r in rows),
            "behind": sum(r.status.light != "green" for r in rows),
            "average": round(sum(r.status.reported for r in rows) / len(rows), 1) if rows else 0}
