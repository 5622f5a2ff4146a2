"""The loop of a leader's instruction (批示), one verb-first step each, in one transaction with its audit row:

- ``write_instruction``: a leader writes a 批示 on a row, a department or the whole plan, naming the departments
  that must act (办理单位) and by when (办理时限); each is told through ``send_notice``;
- ``reply_to_instruction``: a department replies (办理情况); the leader is told;
- ``mark_replies_read``: the leader has read the replies (阅知), so they no longer show as new.

Callers have checked who may do it (``web.directives.access``). A refused step raises ``ValidationError``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from web.accounts.people import display_name
from web.audit.services import record
from web.directives.chases import recipients
from web.directives.models import InstructionReply
from web.plans.models import Instruction
from web.plans.services import refuse_closed
from web.supervision.models import ReportingCadence
from web.supervision.notify import Notice, send_notice


def default_addressees(task=None, department=None) -> list:
    """Who acts on a 批示 unless the leader says otherwise: the row's departments (lead first), or the department."""
    if task is not None:
        lead = task.lead_department
        return [d for d in [lead, *task.cooperating_departments] if d is not None]
    return [department] if department is not None else []


def write_instruction(actor, plan, *, text: str, task=None, department=None, addressees=None,
                      due: dt.date | None = None) -> Instruction:
    """A leader's 批示 (领导批示) on a row (``task``), a department or the plan, to ``addressees`` by ``due``."""
    refuse_closed(plan)
    text = (text or "").strip()
    if not text:
        raise ValidationError("批示内容不能为空")
    if task is not None and (task.plan_id != plan.pk or task.archived):
        raise ValidationError("该任务不属于本规划或已归档")
    if department is not None and department.issuer_id != plan.issuer_id:
        raise ValidationError(f"“{department.name}”不是{plan.issuer}的部门")
    addressees = list(addressees) if addressees else default_addressees(task, department)
    if not addressees:
        raise ValidationError("请选择办理单位")
    for d in addressees:
        if d.issuer_id != plan.issuer_id:
            raise ValidationError(f"“{d.name}”不是{plan.issuer}的部门")
    if due is not None and due < ReportingCadence.for_plan(plan).today():
        raise ValidationError("办理时限不能早于今天")
    with transaction.atomic():
        instruction = Instruction.objects.create(plan=plan, task=task, department=department, author=actor,
                                                 text=text, due=due)
        instruction.addressees.set(addressees)
        record(actor, "instruction.write", task or instruction, None, instruction.snapshot(), plan=plan)
    by = f",请于{due:%Y年%-m月%-d日}前办理并回复" if due else ",请办理并回复"
    for d in addressees:
        send_notice(Notice(f"【领导批示】{display_name(actor)}:{text[:30]}",
                           f"{d.name}:\n{instruction.subject}\n{display_name(actor)}批示:{text}\n"
                           f"办理单位:{'、'.join(x.name for x in addressees)}{by}。",
                           emails=tuple(recipients(d)), link=f"/instructions/{instruction.pk}/", plan=plan,
                           departments=(d,)))
    return instruction


def reply_to_instruction(actor, instruction: Instruction, department, text: str) -> InstructionReply:
    """An addressed department replies to a 批示 (回复批示): what it did; the leader is told."""
    refuse_closed(instruction.plan)
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写办理情况")
    if not instruction.addressees.filter(pk=department.pk).exists():
        raise ValidationError(f"该批示没有要求{department.name}办理")
    with transaction.atomic():
        reply = InstructionReply.objects.create(instruction=instruction, department=department, author=actor,
                                                text=text)
        record(actor, "instruction.reply", reply, None, reply.snapshot(), plan=instruction.plan)
    leader = instruction.author
    send_notice(Notice(f"【批示回复】{department.name}回复您的批示", f"您的批示:{instruction.text[:60]}\n"
                       f"{department.name}办理情况:{text}", emails=(leader.email,) if leader.email else (),
                       link=f"/instructions/{instruction.pk}/", plan=instruction.plan, departments=(department,)))
    return reply


def mark_replies_read(actor, instruction: Instruction) -> int:
    """The leader who wrote the 批示 has read its replies (阅知): they stop showing as new. Returns how many."""
    if actor.pk != instruction.author_id:
        return 0
    return instruction.replies.filter(read_at__isnull=True).update(read_at=timezone.now())
