"""Adding a task by hand (手工添加任务)."""

from __future__ import annotations

from django.urls import reverse

from web.audit.models import AuditEvent
from web.plans.models import Task


def test_it_adds_a_task_in_a_section_with_its_lead(as_, cast):
    section = cast.plan.sections.get(key="2.1")
    response = as_("supervisor").post(reverse("task_add", args=[cast.plan.pk]), {
        "section": section.pk, "text": "推进智慧停车建设", "deadline": "2025-10-31",
        "lead": cast.departments["规划建设办"].pk})
    task = Task.objects.get(text="推进智慧停车建设")
    assert response.status_code == 302 and response["Location"] == reverse("task_detail", args=[task.pk])
    assert task.origin == "manual" and task.section == section and task.lead_department.name == "规划建设办"
    assert AuditEvent.objects.filter(action="task.add", object_id=str(task.pk)).exists()


def test_it_rejects_a_section_of_another_plan(as_, cast, fake_extractor):
    from web_sample import sample_extracted

    from web.plans.import_services import save_extracted_plan

    other = save_extracted_plan(cast.supervisor, issuer=cast.town, extracted=sample_extracted(year=2026))
    response = as_("supervisor").post(reverse("task_add", args=[cast.plan.pk]), {
        "section": other.sections.first().pk, "text": "x"})
    assert response.status_code == 400 and not Task.objects.filter(text="x").exists()
