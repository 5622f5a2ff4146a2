"""Reads for the chasing pages and for what chases, 督办单 and 批示 add elsewhere (row marks, workbench items):
a few queries per page whatever the number of rows."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch

from web.directives.models import Chase, SupervisionNotice
from web.plans.models import Assignment
from web.supervision.models import ProgressReport, ReportingCadence

Status = ProgressReport.Status
ROW_ASSIGNMENTS = Assignment.objects.select_related("department__responsible", "department__leader_in_charge")


def candidate_rows(plan, *, task_ids=None, department_ids=None):
    """The rows a chase page offers: the ones chosen, else the chosen departments' (or all) rows not reported this
    period; each with its stored status and departments."""
    tasks = (plan.tasks.filter(archived=False).select_related("stored_status")
             .prefetch_related(Prefetch("assignments", queryset=ROW_ASSIGNMENTS)))
    if task_ids:
        return tasks.filter(pk__in=task_ids).order_by("order", "pk")
    tasks = tasks.filter(stored_status__not_reported=True)
    if department_ids:
        tasks = tasks.filter(assignments__role=Assignment.Role.LEAD, assignments__department__in=department_ids)
    return tasks.order_by("order", "pk")


def answered(chases) -> dict[int, tuple[int, int]]:
    """Chase id → (rows reported since the chase, rows chased): a chase is answered row by row."""
    chases = list(chases)
    if not chases:
        return {}
    pairs = [(c.pk, t.pk) for c in chases for t in c.tasks.all()]
    since = min(c.created_at for c in chases)
    reports = defaultdict(list)
    for task_id, at in (ProgressReport.objects.filter(task__in={t for _, t in pairs}, submitted_at__gte=since,
                                                      status__in=[Status.SUBMITTED, Status.APPROVED])
                        .values_list("task_id", "submitted_at")):
        reports[task_id].append(at)
    out = {}
    for chase in chases:
        tasks = [t for c, t in pairs if c == chase.pk]
        done = sum(any(at >= chase.created_at for at in reports[t]) for t in tasks)
        out[chase.pk] = (done, len(tasks))
    return out


def with_answers(chases) -> list:
    """The chases with ``answered`` and ``chased`` counts attached."""
    chases = list(chases)
    counts = answered(chases)
    for chase in chases:
        chase.answered, chase.chased = counts.get(chase.pk, (0, 0))
    return chases


def open_notices(plan):
    return SupervisionNotice.objects.filter(plan=plan, status=SupervisionNotice.Status.OPEN)


def plan_today(plan):
    return ReportingCadence.for_plan(plan).today()


def chases_of(plan):
    return Chase.objects.filter(plan=plan).select_related("department", "created_by").prefetch_related("tasks")
