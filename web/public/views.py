"""The public page (公开): published plans with no login. Sections, tasks, progress and approved updates only.

Nothing internal is read here: no drafts, no submitted-but-unreviewed or returned versions, no review
comments, no difficulties, no people's names. The same page is shown to everyone, signed in or not.
Everything shown is read as plain rows (each row's stored status, the two latest approved updates of each task,
picked by the database) and the body is rendered once per content (``web.fragments``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render

from web.fragments import render_by_content
from web.plans.models import Assignment, Plan
from web.supervision.models import ProgressReport, StoredStatus
from web.supervision.status import LIGHT_LABELS
from web.supervision.status_store import ensure_fresh

SHOWN_UPDATES = 2  # the latest approved updates shown per task


def public_index(request):
    plans = Plan.objects.published().select_related("issuer")
    return render(request, "public/index.html", {"plans": plans})


def _updates(plan) -> tuple[dict[int, list], bool]:
    """Each task's latest SHOWN_UPDATES approved updates (plain rows; the database picks them), and whether any of
    the plan's approved reports is demo data."""
    approved = ProgressReport.objects.approved().filter(task__plan=plan, task__archived=False)
    latest = (approved.annotate(n=Window(RowNumber(), partition_by=[F("task_id")],
                                         order_by=[F("period").desc(), F("version").desc()]))
              .filter(n__lte=SHOWN_UPDATES).order_by("task_id", "-period")
              .values_list("task_id", "period", "percent", "text"))
    updates = defaultdict(list)
    for task_id, period, percent, text in latest:
        updates[task_id].append({"period": period, "percent": percent, "text": text})
    return updates, approved.filter(demo=True).exists()


def public_plan(request, plan_id):
    plan = get_object_or_404(Plan.objects.published().select_related("issuer"), pk=plan_id)
    day = ensure_fresh(plan)  # lights from approved reports only: the same rows as members see
    updates, demo = _updates(plan)
    lead = dict(Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD)
                .values_list("task_id", "department__name"))
    rows = list(StoredStatus.objects.filter(plan=plan, task__archived=False).order_by("task__order", "task_id")
                .values("task_id", "task__text", "task__deadline", "task__section_id", "light", "reported",
                        "category", "done"))
    query = request.GET.get("q", "").strip()[:50]
    sections = defaultdict(list)
    for row in rows:
        department = lead.get(row["task_id"], "")
        if query and query not in row["task__text"] and query not in department:
            continue
        sections[row["task__section_id"]].append({
            "text": row["task__text"], "deadline": row["task__deadline"], "light": row["light"],
            "light_label": LIGHT_LABELS[row["light"]], "percent": row["reported"], "category": row["category"],
            "department": department, "updates": updates.get(row["task_id"], [])})
    groups = [(f"{s.parent} · {s}" if s.parent_id else str(s), sections[s.pk])
              for s in plan.sections.select_related("parent") if s.pk in sections]
    if None in sections:
        groups.append(("其他任务", sections[None]))
    # the sections fold (<details>) so that a phone's page is the figures and a list of headings; a search opens them
    body = render_by_content("public/_groups.html", {"groups": groups, "open": bool(query)})
    return render(request, "public/plan.html", {
        "plan": plan, "day": day, "demo": demo, "body": body, "query": query,
        "found": sum(len(tasks) for _, tasks in groups), "summary": summary(rows),
        "indicators": [(i, i.forecast()) for i in plan.indicators.prefetch_related("actuals")]})


def summary(rows: list[dict]) -> dict:
    """The figures the public page opens with: tasks, done, on course (green), behind (yellow, red)."""
    return {"total": len(rows), "done": sum(r["done"] for r in rows),
            "green": sum(r["light"] == "green" for r in rows),
            "behind": sum(r["light"] != "green" for r in rows),
            "average": round(sum(r["reported"] for r in rows) / len(rows), 1) if rows else 0}
