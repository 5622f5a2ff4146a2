"""What chases and 督办单 put on the workbenches (工作台): a few queries per desk whatever the plan's size."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from web.directives.models import Chase, SupervisionNotice
from web.directives.selectors import plan_today, with_answers

RECENT = dt.timedelta(days=30)  # chases older than this no longer wait on anyone's desk
SHOWN = 8


def _open(plan):
    return SupervisionNotice.objects.filter(plan=plan, status=SupervisionNotice.Status.OPEN)


def office(plan, user, role) -> dict:
    """督查室: 督办单 awaiting a reply, overdue, escalated; the latest replies; chases not yet answered."""
    today = plan_today(plan)
    waiting = _open(plan)
    recent = with_answers(Chase.objects.filter(plan=plan).select_related("department").prefetch_related("tasks")
                          .order_by("-created_at")[:50])
    return {"today": today, "open": waiting.count(), "overdue": waiting.filter(reply_due__lt=today).count(),
            "escalated": waiting.filter(escalated_at__isnull=False).count(),
            "replies": list(SupervisionNotice.objects.filter(plan=plan, status=SupervisionNotice.Status.CLOSED)
                            .select_related("department").order_by("-replied_at")[:5]),
            "unanswered": [c for c in recent if c.answered < c.chased][:SHOWN]}


def department(plan, user, department) -> dict:
    """A department: the 督办单 it must answer and by when; the chases whose rows it has not reported yet."""
    today = plan_today(plan)
    created = dt.datetime.combine(today - RECENT, dt.time.min, tzinfo=dt.UTC)
    recent = with_answers(Chase.objects.filter(plan=plan, department=department, created_at__gte=created)
                          .select_related("created_by").prefetch_related("tasks").order_by("-created_at")[:20])
    return {"today": today,
            "notices": list(_open(plan).filter(department=department).prefetch_related("tasks").order_by("reply_due")),
            "chases": [c for c in recent if c.answered < c.chased][:SHOWN]}


def leader(plan, user, who) -> dict:
    """A leader: the 督办单 escalated to them, or overdue for a department in their charge."""
    today = plan_today(plan)
    mine = (_open(plan).filter(Q(escalated_to=user) | Q(department__leader_in_charge=user, reply_due__lt=today))
            .select_related("department").order_by("reply_due"))
    return {"today": today, "escalated": list(mine[:SHOWN]), "count": mine.count()}
