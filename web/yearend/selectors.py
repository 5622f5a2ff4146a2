"""Reads for the year-end pages: the latest 兑现表 of a plan, each row's suggested final state, the close."""

from __future__ import annotations

from web.plans.models import Plan, Task
from web.yearend.models import AccountabilityReview, RowOutcome, YearEndClose

MOSTLY_DONE_PERCENT = 80  # a row reported at 80% or more is suggested as 基本完成; the office decides


def latest_review(plan: Plan) -> AccountabilityReview | None:
    return plan.accountability_reviews.select_related("plan__issuer").first()


def close_of(plan: Plan) -> YearEndClose | None:
    return YearEndClose.objects.filter(plan=plan).select_related("next_plan", "closed_by").first()


def suggested_states(plan: Plan) -> list[tuple[Task, str]]:
    """Every live row with the state its stored status suggests: 完成 when reported done, 基本完成 at
    ``MOSTLY_DONE_PERCENT``, else 未完成."""
    from web.supervision.status_store import stored_progress

    progress = {r.task.pk: r.status for r in stored_progress(plan).tasks}
    rows = []
    for task in plan.tasks.filter(archived=False).order_by("order", "pk"):
        status = progress.get(task.pk)
        if status is not None and status.done:
            state = RowOutcome.State.DONE
        elif status is not None and status.reported >= MOSTLY_DONE_PERCENT:
            state = RowOutcome.State.MOSTLY_DONE
        else:
            state = RowOutcome.State.NOT_DONE
        rows.append((task, state))
    return rows
