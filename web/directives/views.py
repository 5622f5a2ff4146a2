"""Chasing pages (催报与督办): choose rows and chase their departments, issue 督办单, list them, read and reply."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from web.audit.services import record_security
from web.directives import chases, selectors
from web.directives.access import REPLY, get_notice_for_user, visible_to
from web.directives.docx import render_notice
from web.directives.forms import ChaseForm, NoticeForm, ReplyForm
from web.directives.models import SupervisionNotice
from web.plans.access import EDIT, INTERNAL, get_plan_for_user
from web.steps import carry_out, refusal
from web.supervision.status_store import ensure_fresh

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ids(request, name: str) -> list[int]:
    """Ids chosen in the query (a link) or, when another page hands its ticked rows over (``choose``), the form."""
    source = request.POST if "choose" in request.POST else request.GET
    return [int(v) for v in source.getlist(name) if v.isdigit()]


def _choosing(request) -> bool:
    """A POST that only hands rows over from another page (the task table, the chase page): show, do not act."""
    return request.method == "POST" and "choose" in request.POST


def _grouped(plan, form):
    return chases.rows_by_department(plan, form.cleaned_data["tasks"].prefetch_related("assignments__department"))


def _rows_context(request, plan) -> dict:
    ensure_fresh(plan)
    rows = selectors.candidate_rows(plan, task_ids=_ids(request, "tasks"), department_ids=_ids(request, "departments"))
    groups: dict = {}
    for task in rows:
        groups.setdefault(task.lead_department, []).append(task)
    return {"plan": plan, "groups": list(groups.items()), "chosen": bool(_ids(request, "tasks"))}


@login_required
def chase(request, plan_id):
    """催报: the rows (the chosen ones, else every row not reported this period) by department; send a 催报 to each
    department for its ticked rows, or go on to a 督办单."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = ChaseForm(None if _choosing(request) else (request.POST or None), plan=plan)
    if form.is_bound and form.is_valid():
        try:
            sent = chases.send_chases(request.user, plan, _grouped(plan, form), form.cleaned_data["message"])
        except ValidationError as e:
            messages.error(request, refusal(e))
        else:
            names = "、".join(c.department.name for c in sent)
            messages.success(request, f"已向{len(sent)}个部门发出催报:{names}")
            return redirect("chase_list", plan.pk)
    elif form.is_bound:
        messages.error(request, "请至少选择一项任务")
    return render(request, "directives/chase.html", _rows_context(request, plan) | {"form": form})


@login_required
def notice_new(request, plan_id):
    """出具督办单: the chosen rows, the requirement and a reply deadline; one numbered 督办单 per department."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = NoticeForm(None if _choosing(request) else (request.POST or None), plan=plan,
                      today=selectors.plan_today(plan))
    if form.is_bound and form.is_valid():
        try:
            issued = chases.issue_notices(request.user, plan, _grouped(plan, form),
                                          requirement=form.cleaned_data["requirement"],
                                          reply_due=form.cleaned_data["reply_due"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "已出具" + "、".join(f"{n.label}({n.department.name})" for n in issued))
            return redirect("notice_detail", issued[0].pk) if len(issued) == 1 else redirect("chase_list", plan.pk)
    return render(request, "directives/notice_new.html", _rows_context(request, plan) | {"form": form},
                  status=400 if form.errors else 200)


@login_required
def chase_list(request, plan_id):
    """催报与督办: the plan's 督办单 (open, overdue, escalated, replied) and 催报 with how many rows were answered;
    a department sees its own."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    notices = visible_to(request.user, plan, SupervisionNotice.objects.filter(plan=plan))
    if request.GET.get("open"):
        notices = notices.filter(status=SupervisionNotice.Status.OPEN)
    recent = visible_to(request.user, plan, selectors.chases_of(plan))[:50]
    return render(request, "directives/chase_list.html", {
        "plan": plan, "today": selectors.plan_today(plan),
        "notices": notices.select_related("department", "escalated_to").prefetch_related("tasks")[:100],
        "chases": selectors.with_answers(recent)})


@login_required
def notice_detail(request, notice_id):
    notice = get_notice_for_user(request, notice_id)
    from web.plans.access import role_for_plan

    role = role_for_plan(request.user, notice.plan)
    can_reply = notice.is_open and role.is_staff and role.department_id == notice.department_id
    return render(request, "directives/notice_detail.html", {
        "notice": notice, "plan": notice.plan, "today": selectors.plan_today(notice.plan),
        "rows": notice.tasks.select_related("stored_status"), "form": ReplyForm() if can_reply else None})


@require_POST
def notice_reply(request, notice_id):
    notice = get_notice_for_user(request, notice_id, write=REPLY)
    form = ReplyForm(request.POST)
    if form.is_valid():
        carry_out(request, lambda: chases.reply_to_notice(request.user, notice, form.cleaned_data["text"]),
                  f"已回复{notice.label}")
    else:
        messages.error(request, "请填写办理情况")
    return redirect("notice_detail", notice.pk)


@login_required
def notice_docx(request, notice_id):
    """The 督办单 as .docx, its download recorded as an export."""
    notice = get_notice_for_user(request, notice_id)
    data = render_notice(notice, list(notice.tasks.select_related("stored_status")))
    record_security(request, "export.notice", obj=notice, note=notice.label)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (f"attachment; filename=\"notice-{notice.pk}.docx\"; "
                                       f"filename*=UTF-8''{quote(notice.label + '.docx')}")
    return response
