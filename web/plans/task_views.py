"""The task table (任务分解表) and the changes made from it: inline edits (htmx), assignment one by one
or in bulk, splitting, adding, archiving, instructions, and each item's history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from web.accounts.models import Department
from web.audit.services import history_of
from web.plans import merging, selectors, services
from web.plans.access import (
    EDIT,
    INSTRUCT,
    INTERNAL,
    can_edit_plan,
    can_instruct,
    can_see_archived,
    get_plan_for_user,
    get_target_for_user,
    get_task_for_user,
    role_for_plan,
)
from web.plans.forms import (
    AddTaskForm,
    ArchiveForm,
    AssignForm,
    BulkAssignForm,
    InstructionForm,
    SplitForm,
    TargetEditForm,
    TaskEditForm,
    TaskFilterForm,
    TaskPeopleForm,
)
from web.plans.models import Assignment, Task
from web.plans.row_cache import render_rows
from web.steps import carry_out


def _is_htmx(request) -> bool:
    return bool(request.htmx)


def _plan_context(request, plan) -> dict:
    role = role_for_plan(request.user, plan)
    return {"plan": plan, "can_edit": can_edit_plan(request.user, plan),
            "can_instruct": can_instruct(request.user, plan), "is_member": role.is_member,
            "is_public": not role.is_member}


# Rows per page: the page's cost (rendering most of all) stays the same whatever the plan's size.
TASKS_PER_PAGE = 50


STATUS_CRITERIA = ("light", "progress", "leader", "q")


def filter_bar(filters) -> list[dict]:
    """The filter form's fields as plain data for the bar (a hand-written loop renders faster than the widgets'
    templates, one per option, on the office's most visited page)."""
    data = filters.data if filters.is_bound else {}
    bar = []
    for name, field in filters.fields.items():
        current = str(data.get(name, "") or "")
        item = {"name": name, "label": field.label, "value": current}
        if hasattr(field, "choices"):
            item["options"] = [(str(getattr(v, "value", v)), text) for v, text in field.choices]
        else:
            item["type"] = "search" if name == "q" else ("date" if name == "due_before" else "text")
            item["placeholder"] = field.widget.attrs.get("placeholder", "")
        bar.append(item)
    return bar


def task_table(request, plan_id):
    """The office's main screen (任务分解表): every row with its departments, 分管领导, light, progress and last
    report, under its section; filtered by light, progress, department, leader, section, deadline and keyword
    (``?q=``: a search is a link), sorted by report order or lateness, a page at a time."""
    from web.supervision.status_store import ensure_fresh

    plan = get_plan_for_user(request, plan_id)
    filters = TaskFilterForm(request.GET or None, plan=plan, people=role_for_plan(request.user, plan).is_member)
    criteria = {k: v for k, v in (filters.cleaned_data if filters.is_valid() else {}).items() if v not in (None, "")}
    if criteria.get("status") == Task.State.ARCHIVED and not can_see_archived(request.user, plan):
        del criteria["status"]
    wanted = {k: criteria.pop(k) for k in STATUS_CRITERIA if k in criteria}
    order = criteria.pop("order", "")
    ensure_fresh(plan)
    tasks = selectors.ordered(selectors.narrow(selectors.task_table(plan, **criteria), **wanted), order)
    page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list.prefetch_related(None))  # in full only for the rows not rendered before
    if role_for_plan(request.user, plan).is_member:
        selectors.attach_marks(rows)
    context = _plan_context(request, plan) | {
        "filters": filters, "filter_bar": filter_bar(filters), "task_count": page.paginator.count, "page": page,
        "sorted": bool(order),
        "groups": [(None, rows)] if order else selectors.group_by_section(plan, rows),
        "headline_targets": selectors.unlinked_targets(plan),
        "departments": Department.objects.filter(issuer=plan.issuer),
    }
    context["columns"] = 9 + 2 * context["can_edit"] + context["is_member"]
    render_rows(request, plan, rows, _plan_context(request, plan),  # rows unchanged since last seen: not again
                lambda ids: selectors.task_table(plan, include_archived=True).filter(pk__in=ids))
    return render(request, "plans/task_table.html", context)


def _row(request, task):
    task = selectors.task_table(task.plan, include_archived=True).get(pk=task.pk)
    return render(request, "plans/_task_row.html", {"task": task, **_plan_context(request, task.plan)})


def task_row(request, task_id):
    """One row of the table (htmx: cancelling an inline edit)."""
    return _row(request, get_task_for_user(request, task_id))


def task_detail(request, task_id):
    task = get_task_for_user(request, task_id)
    # lead, cooperating and the form's initial all read the assignments: once, with their departments
    prefetch_related_objects([task], Prefetch("assignments", queryset=Assignment.objects.select_related("department")))
    context = _plan_context(request, task.plan) | {
        "task": task, "assign_form": AssignForm(plan=task.plan, initial=_assignment_initial(task)),
        "instruction_form": InstructionForm(), "archive_form": ArchiveForm(),
        "people_form": TaskPeopleForm(plan=task.plan, initial={"leader_in_charge": task.leader_in_charge_id,
                                                               "responsible": task.responsible_id}),
        "instructions": (task.instructions.select_related("author").prefetch_related("addressees", "replies")
                         if _member(request, task) else []),
        "source": task.plan.excerpt(task.source_start, task.source_end),
    }
    return render(request, "plans/task_detail.html", context)


def _member(request, task) -> bool:
    return role_for_plan(request.user, task.plan).is_member


def _assignment_initial(task) -> dict:
    """The current departments or, for a task not yet assigned, the extractor's suggestions (从建议开始)."""
    if task.assignments.all():
        return {"lead": task.lead_department, "cooperating": task.cooperating_departments}
    issuer = task.plan.issuer
    cooperating = [Department.lookup(issuer, name) for name in task.suggested_cooperating]
    return {"lead": Department.lookup(issuer, task.suggested_lead), "cooperating": [d for d in cooperating if d]}


def task_edit(request, task_id):
    """Inline edit of text and deadline: htmx swaps the row for a form and back.

    The form carries the task's version; if someone saved in between, the answer is 409 with who and when,
    the current content, and the user's own input kept in the form (nothing typed is lost).
    """
    task = get_task_for_user(request, task_id, write=EDIT)
    form = TaskEditForm(request.POST or None,
                        initial={"text": task.text, "deadline": task.deadline, "version": task.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_task(request.user, task, text=data["text"], deadline=data["deadline"],
                               expected_version=data["version"])
        except services.EditConflict as e:
            conflict = e
            task.refresh_from_db()
            resubmit = request.POST.copy()  # their input stays; saving again now overrides knowingly
            resubmit["version"] = str(task.version)
            form = TaskEditForm(resubmit)
        else:
            if _is_htmx(request):
                return _row(request, task)
            return redirect("task_detail", task.pk)
    template = "plans/_task_edit_row.html" if _is_htmx(request) else "plans/task_edit.html"
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, template, {"task": task, "form": form, "conflict": conflict}, status=status)


def target_edit(request, target_id):
    """Inline edit of a target's value."""
    target = get_target_for_user(request, target_id, write=EDIT)
    form = TargetEditForm(request.POST or None, initial={"value": target.value})
    if request.method == "POST" and form.is_valid():
        services.edit_target(request.user, target, value=form.cleaned_data["value"])
        if _is_htmx(request):
            return render(request, "plans/_target.html", {"target": target, "can_edit": True})
        return redirect("task_table", target.plan_id)
    template = "plans/_target_edit.html" if _is_htmx(request) else "plans/target_edit.html"
    return render(request, template, {"target": target, "form": form}, status=400 if form.errors else 200)


@require_POST
def task_assign(request, task_id):
    task = get_task_for_user(request, task_id, write=EDIT)
    form = AssignForm(request.POST, plan=task.plan)
    if not form.is_valid():
        return render(request, "error.html", {"status": 400, "title": "请求有误", "message": form.errors.as_text()},
                      status=400)
    services.assign_task(request.user, task, lead=form.cleaned_data["lead"],
                         cooperating=list(form.cleaned_data["cooperating"]))
    if _is_htmx(request):
        return _row(request, task)
    messages.success(request, "已调整责任分工")
    return redirect("task_detail", task.pk)


@require_POST
def bulk_assign(request, plan_id):
    """Assign the ticked tasks to one department, or to the extractor's suggestions."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = BulkAssignForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, "批量分配未完成: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("task_table", plan.pk)
    result = services.bulk_assign(request.user, form.cleaned_data["tasks"], lead=form.cleaned_data["lead"],
                                  cooperating=list(form.cleaned_data["cooperating"]),
                                  use_suggestions=form.cleaned_data["use_suggestions"])
    messages.success(request, f"已分配 {result.changed} 项任务")
    if result.unmatched:
        messages.warning(request, "以下建议单位在本单位部门中找不到: " + "、".join(result.unmatched))
    return redirect("task_table", plan.pk)


def task_split(request, task_id):
    task = get_task_for_user(request, task_id, write=EDIT)
    form = SplitForm(request.POST or None, initial={"parts": task.text})
    if request.method == "POST" and form.is_valid():
        children = services.split_task(request.user, task, form.cleaned_data["parts"])
        messages.success(request, f"已拆分为 {len(children)} 项子任务")
        return redirect("task_table", task.plan_id)
    return render(request, "plans/task_split.html", {"task": task, "form": form}, status=400 if form.errors else 200)


def task_add(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = AddTaskForm(request.POST or None, plan=plan, initial={"section": request.GET.get("section")})
    if request.method == "POST" and form.is_valid():
        task = services.add_task(request.user, plan, **form.cleaned_data)
        messages.success(request, "已添加任务")
        return redirect("task_detail", task.pk)
    return render(request, "plans/task_add.html", {"plan": plan, "form": form}, status=400 if form.errors else 200)


@require_POST
def task_archive(request, task_id):
    task = get_task_for_user(request, task_id, write=EDIT)
    form = ArchiveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if task.archived:
        services.restore_task(request.user, task)
        messages.success(request, "已恢复任务")
    else:
        services.archive_task(request.user, task, reason=reason)
        messages.success(request, "已归档任务 (可在“已归档”中查看和恢复)")
    if _is_htmx(request):
        return _row(request, task)
    return redirect("task_detail", task.pk)


@require_POST
def task_merge(request, task_id):
    """Merge the row after this one into it (与下一行合并), the inverse of a split."""
    task = get_task_for_user(request, task_id, write=EDIT)
    merged = merging.merge_with_next(request.user, task)
    messages.success(request, f"已与下一行合并为任务 {merged.key or merged.pk}")
    return redirect(f"{reverse('task_table', args=[task.plan_id])}#task-{merged.pk}")


@require_POST
def task_instruct(request, task_id):
    """A leader writes a 批示 on a row from its page: the row's departments act on it, within a week unless the
    form says otherwise (the full form, with the departments and the date, is ``instruction_new``)."""
    import datetime as dt

    from web.directives.instructions import write_instruction
    from web.supervision.models import plan_today

    task = get_task_for_user(request, task_id, write=INSTRUCT)
    form = InstructionForm(request.POST)
    if form.is_valid():
        carry_out(request, lambda: write_instruction(request.user, task.plan, task=task, text=form.cleaned_data["text"],
                                                     due=plan_today(task.plan) + dt.timedelta(days=7)), "批示已发出")
    else:
        messages.error(request, "批示内容不能为空")
    return redirect("task_detail", task.pk)


def task_history(request, task_id):
    from web.plans.views import history_page

    task = get_task_for_user(request, task_id, write=INTERNAL)
    events, page = history_page(request, history_of(task))
    return render(request, "audit/history.html", {"plan": task.plan, "subject": task, "events": events,
                                                  "page": page})


def target_history(request, target_id):
    from web.plans.views import history_page

    target = get_target_for_user(request, target_id, write=INTERNAL)
    events, page = history_page(request, history_of(target))
    return render(request, "audit/history.html", {"plan": target.plan, "subject": target, "events": events,
                                                  "page": page})
