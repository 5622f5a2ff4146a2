"""What chases and 督办单 put on the workbenches (工作台): a few queries per desk whatever the plan's size."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

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
    counts = waiting.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(reply_due__lt=today)),
                               escalated=Count("pk", filter=Q(escalated_at__isnull=False)))  # one query
    return {"today": today, **counts,
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


# --- 批示 ---------------------------------------------------------------------------------------------------

def _instructions(plan):
    from web.plans.models import Instruction

    return (Instruction.objects.filter(plan=plan).select_related("task", "department", "author")
            .prefetch_related("addressees", "replies__department"))


def _waiting(instructions) -> list:
    """Instructions some addressed department has not answered yet."""
    return [i for i in instructions if {r.department_id for r in i.replies.all()} < {d.pk for d in i.addressees.all()}]


def office_instructions(plan, user, role) -> dict:
    """督查室: 批示 awaiting a department's reply (the office follows them up)."""
    recent = list(_instructions(plan)[:100])
    return {"today": plan_today(plan), "waiting": _waiting(recent)[:SHOWN], "waiting_count": len(_waiting(recent))}


def department_instructions(plan, user, department) -> dict:
    """A department: the 批示 it must act on and has not answered yet."""
    mine = list(_instructions(plan).filter(addressees=department).exclude(replies__department=department)
                .order_by("due", "created_at")[:SHOWN])
    return {"today": plan_today(plan), "to_reply": mine}


def leader_instructions(plan, user, who) -> dict:
    """A leader: their own 批示 with the replies not yet read, and those still awaiting replies."""
    mine = list(_instructions(plan).filter(author=user)[:50])
    fresh = [r for i in mine for r in i.replies.all() if r.read_at is None]
    return {"today": plan_today(plan), "mine": mine[:SHOWN], "fresh": fresh, "waiting": len(_waiting(mine))}
