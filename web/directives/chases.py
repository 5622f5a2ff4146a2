"""Chasing (催报与督办), one verb-first step each, each in one transaction with its audit row; the messages go out
through ``web.supervision.notify.send_notice`` once the step is stored.

- ``send_chases``: a 催报 to each department for its selected rows (in the app, and by e-mail/group robot);
- ``issue_notices``: a numbered 督办单 (督办〔2025〕N号) per department, with the rows, the requirement and a reply
  deadline (its .docx in ``web.directives.docx``);
- ``reply_to_notice``: the department's reply closes it;
- ``escalate_overdue_notices``: each morning, a 督办单 unanswered after its deadline goes to the department's
  分管领导.

Callers have checked who may do it (``web.directives.access``). A refused step raises ``ValidationError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from web.accounts.people import display_name
from web.audit.services import record
from web.directives.models import Chase, SupervisionNotice
from web.plans.models import Assignment, Issuer
from web.plans.services import refuse_closed
from web.supervision.models import ReportingCadence
from web.supervision.notify import Notice, send_notice


def rows_by_department(plan, tasks: Iterable) -> dict:
    """The chosen rows grouped by their lead department (a row with none is left out): whom a chase goes to."""
    grouped: dict = {}
    for task in tasks:
        if task.plan_id != plan.pk or task.archived:
            continue
        lead = task.lead_department
        if lead is not None:
            grouped.setdefault(lead, []).append(task)
    return grouped


def _check_rows(plan, department, tasks) -> None:
    if department.issuer_id != plan.issuer_id:
        raise ValidationError(f"“{department.name}”不是{plan.issuer}的部门")
    if not tasks:
        raise ValidationError(f"没有选择{department.name}的任务")
    theirs = set(Assignment.objects.filter(department=department, task__in=[t.pk for t in tasks])
                 .values_list("task_id", flat=True))
    for task in tasks:
        if task.plan_id != plan.pk or task.archived or task.pk not in theirs:
            raise ValidationError(f"“{task.text[:30]}”不是{department.name}在本规划中的任务")


def recipients(department) -> list[str]:
    """Who a message to a department reaches by e-mail: its 责任人 and its active members with an address."""
    emails = {m.user.email for m in department.members.select_related("user") if m.user.email and m.user.is_active}
    if department.responsible is not None and department.responsible.email:
        emails.add(department.responsible.email)
    return sorted(emails)


def _lines(tasks) -> list[str]:
    return [f"  {i}. {t.text[:60]}(时限 {t.deadline or '年底'})" for i, t in enumerate(tasks, 1)]


def _today(plan) -> dt.date:
    return ReportingCadence.for_plan(plan).today()


def send_chases(actor, plan, rows: dict, message: str = "") -> list[Chase]:
    """A 催报 (催报) to each department for its rows: recorded, shown on its workbench and the rows, and sent."""
    refuse_closed(plan)
    for department, tasks in rows.items():
        _check_rows(plan, department, tasks)
    if not rows:
        raise ValidationError("请选择要催报的任务")
    cadence = ReportingCadence.for_plan(plan)
    period = cadence.current_period(cadence.today())
    message = (message or "").strip()
    chases = []
    with transaction.atomic():
        for department, tasks in rows.items():
            chase = Chase.objects.create(plan=plan, department=department, message=message, created_by=actor,
                                         responsible=department.responsible)
            chase.tasks.set(tasks)
            record(actor, "chase.send", chase, None, chase.snapshot(), plan=plan)
            chases.append(chase)
    for chase in chases:
        tasks = list(chase.tasks.all())
        who = f"(责任人:{display_name(chase.responsible)})" if chase.responsible else ""
        body = "\n".join([f"{chase.department.name}{who}:", f"《{plan}》以下{len(tasks)}项任务请尽快报送进展"
                          f"({period.label},截止{period.due:%m月%d日}):", *_lines(tasks),
                          *([f"督查室说明:{message}"] if message else []), f"—— {plan.issuer}督查室"])
        notice = Notice(f"【催报】{chase.department.name}:{len(tasks)}项任务请尽快报送进展", body,
                        emails=tuple(recipients(chase.department)), link=f"/plans/{plan.pk}/report/",
                        plan=plan, departments=(chase.department,))
        chase.sent = send_notice(notice)
        Chase.objects.filter(pk=chase.pk).update(sent=chase.sent)
    return chases


def _next_number(issuer, year: int) -> int:
    Issuer.objects.select_for_update().get(pk=issuer.pk)  # one numbering at a time per issuer
    last = SupervisionNotice.objects.filter(issuer=issuer, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def issue_notices(actor, plan, rows: dict, *, requirement: str, reply_due: dt.date) -> list[SupervisionNotice]:
    """A 督办单 per department (出具督办单), numbered 督办〔year〕N号 in the issuer's series, recorded and sent."""
    refuse_closed(plan)
    requirement = (requirement or "").strip()
    if not requirement:
        raise ValidationError("请填写督办要求")
    today = _today(plan)
    if reply_due is None or reply_due < today:
        raise ValidationError("回复时限不能早于今天")
    if not rows:
        raise ValidationError("请选择要督办的任务")
    for department, tasks in rows.items():
        _check_rows(plan, department, tasks)
    notices = []
    with transaction.atomic():
        for department, tasks in rows.items():
            notice = SupervisionNotice.objects.create(
                plan=plan, issuer=plan.issuer, year=today.year, number=_next_number(plan.issuer, today.year),
                department=department, requirement=requirement, reply_due=reply_due, created_by=actor,
                responsible=department.responsible)
            notice.tasks.set(tasks)
            record(actor, "notice.issue", notice, None, notice.snapshot(), plan=plan)
            notices.append(notice)
    for notice in notices:
        tasks = list(notice.tasks.all())
        body = "\n".join([f"{notice.department.name}:", f"{notice.label}《{plan}》督办事项:", *_lines(tasks),
                          f"督办要求:{requirement}", f"请于{reply_due:%Y年%-m月%-d日}前回复办理情况。",
                          f"—— {plan.issuer}督查室"])
        send_notice(Notice(f"【督办单】{notice.label} {notice.department.name}", body,
                           emails=tuple(recipients(notice.department)), link=f"/notices/{notice.pk}/", plan=plan,
                           departments=(notice.department,)))
    return notices


def reply_to_notice(actor, notice: SupervisionNotice, text: str) -> SupervisionNotice:
    """The department replies to a 督办单 (回复督办单); the reply closes it and goes to the office."""
    refuse_closed(notice.plan)
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写办理情况")
    with transaction.atomic():
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        if not notice.is_open:
            raise ValidationError(f"{notice.label}已回复")
        before = notice.snapshot()
        notice.status, notice.reply = SupervisionNotice.Status.CLOSED, text
        notice.replied_by, notice.replied_at = actor, timezone.now()
        notice.save()
        record(actor, "notice.reply", notice, before, notice.snapshot(), plan=notice.plan)
    office = notice.created_by
    send_notice(Notice(f"【督办回复】{notice.label} {notice.department.name}", f"{notice.department.name}回复:{text}",
                       emails=(office.email,) if office.email else (), link=f"/notices/{notice.pk}/",
                       plan=notice.plan, departments=(notice.department,)))
    return notice


def escalate_overdue_notices(plans=None) -> list[SupervisionNotice]:
    """Each 督办单 still unanswered after its reply deadline (on its plan's day) goes to the department's 分管领导,
    once: recorded, shown on the leader's workbench and sent to them. Run each morning (``escalate_notices``)."""
    notices = SupervisionNotice.objects.filter(status=SupervisionNotice.Status.OPEN, escalated_at__isnull=True,
                                               plan__closed_at__isnull=True)  # a closed plan's year is over
    if plans is not None:
        notices = notices.filter(plan__in=plans)
    escalated = []
    for notice in notices.select_related("plan__issuer", "plan__reporting_cadence",
                                         "department__leader_in_charge"):
        if not notice.is_overdue(_today(notice.plan)):
            continue
        leader = notice.department.leader_in_charge
        with transaction.atomic():
            before = notice.snapshot()
            notice.escalated_at, notice.escalated_to = timezone.now(), leader
            notice.save(update_fields=["escalated_at", "escalated_to"])
            record(None, "notice.escalate", notice, before, {**notice.snapshot(),
                                                            "escalated_to": display_name(leader) or None},
                   plan=notice.plan, note="逾期未回复" if leader else "逾期未回复;该部门未设分管领导")
        if leader is not None:
            send_notice(Notice(f"【督办逾期】{notice.label} {notice.department.name}未按时回复",
                               f"{notice.department.name}对{notice.label}逾期未回复(回复时限 {notice.reply_due}),"
                               f"督办要求:{notice.requirement}", emails=(leader.email,) if leader.email else (),
                               link=f"/notices/{notice.pk}/", plan=notice.plan, departments=(notice.department,)))
        escalated.append(notice)
    return escalated
