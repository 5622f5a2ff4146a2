"""What waits for each role (工作台的内容), read from stored statuses and the workflow tables; a few queries per
page whatever the plan's size.

Each ``*_desk`` returns a dict for its role's template. Apps add their own items to a desk through ``SECTIONS``
(chases, 督办单, 批示 …): ``SECTIONS[role]`` is a list of ``(template, function(plan, user, role) -> dict)``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from web.accounts.models import Department
from web.plans.models import Assignment, Plan
from web.plans.selectors import narrow
from web.supervision.models import ExtensionRequest, ProgressReport, ReportingCadence, StoredStatus
from web.supervision.status_store import ensure_fresh

Status = ProgressReport.Status
LIST_LENGTH = 8  # rows shown in a list before "全部…"

# role name → [(template, function(plan, user, role) -> context)]: items other apps put on a role's workbench.
SECTIONS: dict[str, list[tuple[str, Callable]]] = {"supervisor": [], "staff": [], "leader": []}


def current_plan(user) -> Plan | None:
    """The plan a member lands on: the latest year's plan of an issuer they belong to (None: no such plan)."""
    from web.accounts.roles import _memberships

    if not user.is_authenticated:
        return None
    issuers = [m.issuer_id for m in _memberships(user)]
    return (Plan.objects.filter(issuer_id__in=issuers).select_related("issuer", "reporting_cadence")
            .order_by("-year", "pk").first())


def counts(plan, tasks=None) -> dict[str, int]:
    """Live rows by light and flag, from their stored statuses (one query, grouped by the flags: a plan has a few
    dozen combinations whatever its size); ``tasks`` narrows to a queryset."""
    rows = StoredStatus.objects.filter(plan=plan, task__archived=False)
    if tasks is not None:
        rows = rows.filter(task__in=tasks.values("pk"))
    out = dict.fromkeys(("total", "red", "yellow", "green", "overdue", "not_reported", "pending", "done"), 0)
    for light, overdue, not_reported, pending, done, n in (
            rows.values_list("light", "overdue", "not_reported", "pending", "done").annotate(n=Count("pk"))
            .order_by()):
        out["total"] += n
        out[light] += n
        out["overdue"] += overdue * n
        out["not_reported"] += not_reported * n
        out["pending"] += pending * n
        out["done"] += done * n
    return out


def worst_rows(tasks, limit: int = LIST_LENGTH) -> list:
    """The latest red and yellow rows among ``tasks``: overdue first, then the widest gap."""
    return list(tasks.filter(archived=False, stored_status__light__in=["red", "yellow"])
                .select_related("stored_status")
                .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("department")))
                .order_by("stored_status__severity", "-stored_status__gap", "order")[:limit])


def department_tasks(plan, department):
    """The department's live rows, lead or cooperating."""
    return plan.tasks.filter(archived=False, pk__in=Assignment.objects.filter(department=department)
                             .values("task_id"))


def _extras(role: str, plan, user, who) -> list[tuple[str, dict]]:
    return [(template, function(plan, user, who)) for template, function in SECTIONS[role]]


def supervisor_desk(plan, user, role) -> dict:
    """督查室: reports awaiting review, rows not reported this period, overdue and red rows, extension requests."""
    waiting = ProgressReport.objects.filter(task__plan=plan, status=Status.SUBMITTED)
    extensions = ExtensionRequest.objects.filter(task__plan=plan, status=ExtensionRequest.Status.PENDING)
    return {
        "counts": counts(plan),
        "reviews": list(waiting.select_related("task", "department").order_by("submitted_at")[:LIST_LENGTH]),
        "review_count": waiting.count(),
        "extensions": list(extensions.select_related("task", "department")[:LIST_LENGTH]),
        "extension_count": extensions.count(),
        "worst": worst_rows(plan.tasks.all()),
        "extras": _extras("supervisor", plan, user, role),
    }


def department_desk(plan, user, role) -> dict:
    """A department: what is due this period and when, what was returned, its rows' lights."""
    department = Department.objects.get(pk=role.department_id)
    cadence = ReportingCadence.for_plan(plan)
    today = cadence.today()
    period = cadence.current_period(today)
    mine = department_tasks(plan, department)
    answered = ProgressReport.objects.filter(task=OuterRef("pk"), period=period.key,
                                             status__in=[Status.SUBMITTED, Status.APPROVED])
    due = (mine.filter(stored_status__done=False).exclude(Exists(answered)).select_related("stored_status")
           .order_by("-stored_status__not_reported", "stored_status__severity", "deadline", "order"))
    newer = ProgressReport.objects.filter(task=OuterRef("task"), period=OuterRef("period"),
                                          version__gt=OuterRef("version"))
    returned = (ProgressReport.objects.filter(task__in=mine.values("pk"), status=Status.RETURNED)
                .exclude(Exists(newer)).select_related("task", "reviewer").order_by("-reviewed_at"))
    return {
        "department": department, "period": period, "today": today,
        "due": list(due[:LIST_LENGTH * 2]), "due_count": due.count(),
        "returned": list(returned[:LIST_LENGTH]),
        "counts": counts(plan, mine),
        "extensions": list(ExtensionRequest.objects.filter(task__plan=plan, department=department)
                           .select_related("task")[:5]),
        "extras": _extras("staff", plan, user, department),
    }


def leader_desk(plan, user, role) -> dict:
    """A leader: the rows and departments in their charge that are behind; the plan at a glance."""
    charge = narrow(plan.tasks.filter(archived=False), leader=user)
    departments = list(Department.objects.filter(issuer=plan.issuer, leader_in_charge=user))
    led = Assignment.objects.filter(role=Assignment.Role.LEAD, department__in=departments)
    per_department = {row["task__assignments__department"]: row for row in (
        StoredStatus.objects.filter(plan=plan, task__archived=False, task__in=led.values("task_id"))
        .filter(task__assignments__role=Assignment.Role.LEAD)
        .values("task__assignments__department")
        .annotate(total=Count("pk"), red=Count("pk", filter=Q(light="red")),
                  yellow=Count("pk", filter=Q(light="yellow")), not_reported=Count("pk", filter=Q(not_reported=True))))}
    return {
        "counts": counts(plan), "charge_counts": counts(plan, charge), "worst": worst_rows(charge),
        "departments": [(d, per_department.get(d.pk, {})) for d in departments],
        "extras": _extras("leader", plan, user, user),
    }


DESKS = {"supervisor": supervisor_desk, "staff": department_desk, "leader": leader_desk}


def desk(plan, user, role) -> dict:
    """The workbench's content for ``role`` at ``plan`` (empty for a role without a desk)."""
    ensure_fresh(plan)
    function = DESKS.get(role.name)
    return function(plan, user, role) if function else {}
