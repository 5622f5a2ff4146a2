"""批示 pages: write one (from the dashboard, the one-page view or a row), list them, read one with its replies,
reply as an addressed department."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from web.accounts.models import Department
from web.directives import instructions as services
from web.directives.access import REPLY, get_instruction_for_user
from web.directives.forms import InstructionForm, ReplyForm
from web.directives.selectors import plan_today
from web.plans.access import INSTRUCT, INTERNAL, get_plan_for_user, role_for_plan
from web.plans.models import Instruction
from web.steps import carry_out


def _subject(request, plan):
    """The row or department a new 批示 is about (``?task=`` / ``?department=``), else the whole plan."""
    source = request.POST if request.method == "POST" else request.GET
    task = department = None
    if (value := source.get("task", "")).isdigit():
        task = get_object_or_404(plan.tasks.filter(archived=False).prefetch_related("assignments__department"),
                                 pk=int(value))
    elif (value := source.get("department", "")).isdigit():
        department = get_object_or_404(Department, pk=int(value), issuer=plan.issuer)
    return task, department


@login_required
def instruction_new(request, plan_id):
    """写批示: the leader's text, the departments that must act (the row's or the department's to begin with) and by
    when; on a row (``?task=``), a department (``?department=``) or the whole plan."""
    plan = get_plan_for_user(request, plan_id, write=INSTRUCT)
    task, department = _subject(request, plan)
    form = InstructionForm(request.POST or None, plan=plan, today=plan_today(plan),
                           initial={"addressees": services.default_addressees(task, department)})
    if request.method == "POST" and form.is_valid():
        try:
            instruction = services.write_instruction(request.user, plan, task=task, department=department,
                                                     **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "批示已发出:" + "、".join(d.name for d in instruction.addressees.all()))
            return redirect("instruction_detail", instruction.pk)
    return render(request, "directives/instruction_new.html",
                  {"plan": plan, "task": task, "department": department, "form": form},
                  status=400 if form.errors else 200)


@login_required
def instruction_list(request, plan_id):
    """批示: every 批示 of the plan with its replies (a department: those it must act on)."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    role = role_for_plan(request.user, plan)
    items = (Instruction.objects.filter(plan=plan).select_related("task", "department", "author")
             .prefetch_related("addressees", "replies__department"))
    if role.is_staff:
        items = items.filter(addressees=role.department_id)
    return render(request, "directives/instruction_list.html",
                  {"plan": plan, "today": plan_today(plan), "instructions": items[:100]})


@login_required
def instruction_detail(request, instruction_id):
    """One 批示: its text, who must act by when, their replies; the reply form for an addressed department. The
    leader who wrote it reading it marks the replies as read."""
    instruction = get_instruction_for_user(request, instruction_id)
    services.mark_replies_read(request.user, instruction)
    role = role_for_plan(request.user, instruction.plan)
    can_reply = role.is_staff and instruction.addressees.filter(pk=role.department_id).exists()
    return render(request, "directives/instruction_detail.html", {
        "instruction": instruction, "plan": instruction.plan, "today": plan_today(instruction.plan),
        "replies": instruction.replies.select_related("department", "author"),
        "form": ReplyForm() if can_reply else None})


@require_POST
def instruction_reply(request, instruction_id):
    instruction = get_instruction_for_user(request, instruction_id, write=REPLY)
    form = ReplyForm(request.POST)
    department = Department.objects.get(pk=role_for_plan(request.user, instruction.plan).department_id)
    if form.is_valid():
        carry_out(request, lambda: services.reply_to_instruction(request.user, instruction, department,
                                                                 form.cleaned_data["text"]), "已回复批示")
    else:
        messages.error(request, "请填写办理情况")
    return redirect("instruction_detail", instruction.pk)
