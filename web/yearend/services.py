"""The year end's workflow steps: one verb-first function each, in one transaction with its audit row.

``review_accountability`` keeps a 兑现表 of the plan against next year's report; ``close_plan_year`` closes the
plan's year (年终): every row's final state, the departments' scores of the year, the rows carried (结转) into next
year's plan. A closed plan is read-only: every editing service calls ``web.plans.services.refuse_closed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from web.audit.services import record
from web.plans.models import Assignment, Plan, Section, Task
from web.plans.services import ServiceError, refuse_closed
from web.plans.signals import send_tasks_changed
from web.text import plain_text
from web.yearend.accountability import read_next_report, review_table
from web.yearend.models import AccountabilityReview, RowOutcome, YearEndClose

State = RowOutcome.State
CARRIED_SECTION = ("carried", "上年结转任务")  # the section of next year's plan that holds the carried rows


def review_accountability(actor, plan: Plan, *, data: bytes, filename: str) -> AccountabilityReview:
    """Keep the 兑现表 of ``plan`` against next year's report (上传下一年报告, 生成兑现表).

    The file is read as ``luoshi review`` reads it; one the reader refuses, of another year, or with no review
    part (工作回顾) is refused with its reason and nothing is kept. A closed plan may still be reviewed: the
    兑现表 adds to its record and changes none of its rows.
    """
    report = read_next_report(plan, data, filename)
    table = review_table(plan, report)
    with transaction.atomic():
        review = AccountabilityReview.objects.create(
            plan=plan, source_name=filename[:255], source_format=report.document.format,
            report_year=report.year or plan.year + 1, text=report.document.text, table=table, created_by=actor)
        record(actor, "accountability.review", review, None, review.snapshot(), plan=plan, note=filename)
        return review


@dataclass(frozen=True)
class Outcome:
    """What the office says of a row at the year end: its final state and, for 未完成, why."""

    state: str
    reason: str = ""


def close_plan_year(actor, plan: Plan, outcomes: Mapping[int, Outcome]) -> YearEndClose:
    """Close the plan's year (年终关闭): every live row gets its final state (完成, 基本完成, 未完成 with its
    reason, 结转); the departments' scores of the year are kept as the ranking gives them now; each 结转 row is
    carried into next year's plan (made for the same issuer if there is none), pointing back to its origin.

    Refused, and nothing changed, when the plan is already closed, a row has no state, a 未完成 row has no reason,
    or next year's plan is itself closed. The plan is read-only afterwards.
    """
    refuse_closed(plan)
    rows = list(plan.tasks.filter(archived=False).prefetch_related("assignments").order_by("order", "pk"))
    cleaned = _check_outcomes(rows, outcomes)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        refuse_closed(plan)
        carried = [t for t in rows if cleaned[t.pk].state == State.CARRIED]
        next_plan = _next_plan(actor, plan) if carried else None
        close = YearEndClose.objects.create(plan=plan, next_plan=next_plan, scores=year_scores(plan),
                                            closed_by=actor)
        made = _carry(actor, next_plan, carried) if carried else {}
        RowOutcome.objects.bulk_create(
            RowOutcome(close=close, task=t, state=cleaned[t.pk].state, reason=cleaned[t.pk].reason,
                       carried_to=made.get(t.pk)) for t in rows)
        plan.closed_at = timezone.now()
        plan.save(update_fields=["closed_at", "updated_at"])
        counts = {label: sum(o.state == value for o in cleaned.values()) for value, label in State.choices}
        record(actor, "plan.close", plan, {"closed": False},
               {"closed": True, "outcomes": counts, "next_plan": next_plan.pk if next_plan else None})
        return close


def _check_outcomes(rows: list[Task], outcomes: Mapping[int, Outcome]) -> dict[int, Outcome]:
    cleaned, missing = {}, []
    for task in rows:
        outcome = outcomes.get(task.pk)
        if outcome is None or outcome.state not in State.values:
            missing.append(task)
            continue
        reason = plain_text(outcome.reason or "")
        if outcome.state == State.NOT_DONE and not reason:
            raise ServiceError(f"“{task.text[:30]}”未完成，请填写原因")
        cleaned[task.pk] = Outcome(outcome.state, reason)
    if missing:
        raise ServiceError(f"还有 {len(missing)} 项任务未填写年终状态（如“{missing[0].text[:30]}”）")
    return cleaned


def year_scores(plan: Plan) -> list[dict]:
    """The departments' scores of the year (部门年度得分): the ranking of the dashboards, as it stands now."""
    from web.dashboards.selectors import ranking
    from web.supervision.status_store import stored_progress

    return [{"rank": d.rank, "department": d.department.name, "tasks": d.tasks, "on_time": d.on_time,
             "expected": d.expected, "on_time_rate": d.on_time_rate, "average_percent": d.average_percent,
             "average_gap": d.average_gap, "red": d.red, "score": d.score}
            for d in ranking(stored_progress(plan))]


def _next_plan(actor, plan: Plan) -> Plan:
    """Next year's plan of the same issuer: the one there is, or a new, empty one the rows are carried into."""
    year = plan.year + 1
    found = Plan.objects.select_for_update().filter(issuer=plan.issuer, year=year).first()
    if found is not None:
        refuse_closed(found)
        return found
    made = Plan.objects.create(issuer=plan.issuer, year=year, title=f"{plan.issuer.name}{year}年工作任务")
    record(actor, "plan.open", made, None, {"year": year, "carried_from_plan": plan.pk})
    return made


def _carry(actor, next_plan: Plan, tasks: list[Task]) -> dict[int, Task]:
    """Each row as a new row of ``next_plan`` (结转), with its departments; its progress stays on the origin."""
    key, title = CARRIED_SECTION
    section, _ = Section.objects.get_or_create(plan=next_plan, key=key, defaults={"title": title, "order": 0})
    last = next_plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0
    year_end = dt.date(next_plan.year, 12, 31)
    made = {}
    for n, task in enumerate(tasks, start=1):
        new = Task.objects.create(
            plan=next_plan, section=section, key=f"结转{n}", text=task.text, match_key=task.match_key,
            deadline=year_end, deadline_text="上年结转", firmness=task.firmness, suggested_lead=task.suggested_lead,
            suggested_cooperating=task.suggested_cooperating, origin=Task.Origin.CARRIED, order=last + 10 * n,
            carried_from=task, leader_in_charge=task.leader_in_charge, responsible=task.responsible)
        Assignment.objects.bulk_create(Assignment(task=new, department=a.department, role=a.role)
                                       for a in task.assignments.all())
        record(actor, "task.carry", new, None, {**new.snapshot(), "carried_from": task.pk}, plan=next_plan)
        made[task.pk] = new
    send_tasks_changed(next_plan, [t.pk for t in made.values()])
    return made
