"""Leaders' instructions (领导批示) on tasks."""

from __future__ import annotations

import supervision_fixtures as fixtures
from django.urls import reverse

from web.audit.models import AuditEvent
from web.plans.models import Instruction

supervised = fixtures.supervised  # fixture: the tasks assigned to departments


def test_it_saves_a_leaders_instruction_and_shows_it_to_members(as_, supervised):
    cast = supervised
    task = cast.tasks["t3"]
    response = as_("leader").post(reverse("task_instruct", args=[task.pk]), {"text": "请经济发展办抓紧对接"})
    assert response.status_code == 302
    assert Instruction.objects.get(task=task).author == cast.leader
    assert "请经济发展办抓紧对接" in as_("staff").get(reverse("task_detail", args=[task.pk])).content.decode()
    assert AuditEvent.objects.filter(action="instruction.write", object_id=str(task.pk)).exists()


def test_it_keeps_instructions_from_the_public(as_, cast):
    task = cast.tasks["t3"]
    as_("leader").post(reverse("task_instruct", args=[task.pk]), {"text": "内部批示"})
    cast.plan.published = True
    cast.plan.save()
    assert "内部批示" not in as_("public").get(reverse("task_detail", args=[task.pk])).content.decode()


def test_it_rejects_an_empty_instruction(as_, cast):
    as_("leader").post(reverse("task_instruct", args=[cast.tasks["t3"].pk]), {"text": ""})
    assert not Instruction.objects.exists()


def test_a_row_with_no_department_asks_the_leader_who_must_act(as_, cast):
    leader = as_("leader")
    response = leader.post(reverse("task_instruct", args=[cast.tasks["t3"].pk]), {"text": "请抓紧"})
    assert response.status_code == 302 and not Instruction.objects.exists()
    assert "请选择办理单位" in leader.get(response["Location"]).content.decode()
