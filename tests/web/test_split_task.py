"""Splitting a task (拆分任务) into sub-tasks that inherit section, deadline and departments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.audit.models import AuditEvent
from web.plans import services


def test_it_makes_sub_tasks_under_the_original(as_, cast):
    task = cast.tasks["t2"]
    services.assign_task(cast.supervisor, task, lead=cast.departments["规划建设办"])
    response = as_("supervisor").post(reverse("task_split", args=[task.pk]), {"parts": "完成一期主体\n\n完成一期验收"})
    assert response.status_code == 302
    children = list(task.subtasks.order_by("pk"))
    assert [c.text for c in children] == ["完成一期主体", "完成一期验收"]
    assert all(c.deadline == task.deadline and c.section == task.section for c in children)
    assert all(c.lead_department.name == "规划建设办" for c in children)
    assert [c.key for c in children] == ["t2.1", "t2.2"]
    assert AuditEvent.objects.filter(action="task.split", object_id=str(task.pk)).exists()


def test_it_needs_at_least_two_parts(as_, cast):
    response = as_("supervisor").post(reverse("task_split", args=[cast.tasks["t2"].pk]), {"parts": "只有一项"})
    assert response.status_code == 400 and not cast.tasks["t2"].subtasks.exists()


def test_it_does_not_split_a_sub_task(cast):
    child = services.split_task(cast.supervisor, cast.tasks["t2"], ["甲", "乙"])[0]
    with pytest.raises(services.ServiceError):
        services.split_task(cast.supervisor, child, ["丙", "丁"])
