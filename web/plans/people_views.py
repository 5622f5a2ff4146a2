"""A row's own 分管领导 and 责任人, named from the task's page (the department's defaults are on the people pages)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from web.plans.access import EDIT, get_task_for_user
from web.plans.forms import TaskPeopleForm
from web.plans.people_services import set_task_people
from web.steps import carry_out


@require_POST
def task_people(request, task_id):
    """The office names the row's own 分管领导 and 责任人, or leaves them to its lead department."""
    task = get_task_for_user(request, task_id, write=EDIT)
    form = TaskPeopleForm(request.POST, plan=task.plan)
    if form.is_valid():
        carry_out(request, lambda: set_task_people(request.user, task, **form.cleaned_data), "已保存分管领导和责任人")
    else:
        messages.error(request, "所选人员无效")
    return redirect("task_detail", task.pk)
