"""Assigning tasks (分配任务): one lead, any cooperating departments; one by one or in bulk from suggestions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.accounts.models import Department
from web.audit.models import AuditEvent
from web.plans import services


def test_it_sets_the_lead_and_cooperating_departments_and_audits_them(cast):
    task, d = cast.tasks["t2"], cast.departments
    services.assign_task(cast.supervisor, task, lead=d["规划建设办"], cooperating=[d["经济发展办"], d["财政所"]])
    assert task.lead_department == d["规划建设办"]
    assert {x.name for x in task.cooperating_departments} == {"经济发展办", "财政所"}
    event = AuditEvent.objects.get(action="assignment.change", object_id=str(task.pk))
    assert event.before == {"lead": None, "cooperating": []}
    assert event.after == {"lead": "规划建设办", "cooperating": ["经济发展办", "财政所"]}
    assert event.actor == cast.supervisor


def test_it_replaces_the_previous_assignment(cast):
    task, d = cast.tasks["t1"], cast.departments
    services.assign_task(cast.supervisor, task, lead=d["经济发展办"], cooperating=[d["财政所"]])
    services.assign_task(cast.supervisor, task, lead=d["党政办"])
    assert [a.department.name for a in task.assignments.all()] == ["党政办"]


def test_it_does_not_make_the_lead_also_cooperating(cast):
    task, d = cast.tasks["t1"], cast.departments
    services.assign_task(cast.supervisor, task, lead=d["经济发展办"], cooperating=[d["经济发展办"]])
    assert task.assignments.count() == 1


def test_it_rejects_a_department_of_another_issuer(cast):
    stranger = Department.objects.get(issuer=cast.other_town)
    with pytest.raises(services.ServiceError, match="不是水口镇人民政府的部门"):
        services.assign_task(cast.supervisor, cast.tasks["t1"], lead=stranger)
    assert not cast.tasks["t1"].assignments.exists()


def test_it_writes_no_audit_row_when_nothing_changes(cast):
    task, lead = cast.tasks["t1"], cast.departments["经济发展办"]
    services.assign_task(cast.supervisor, task, lead=lead)
    services.assign_task(cast.supervisor, task, lead=lead)
    assert AuditEvent.objects.filter(action="assignment.change", object_id=str(task.pk)).count() == 1


def test_it_bulk_assigns_from_the_extractors_suggestions_by_name_and_alias(cast):
    result = services.bulk_assign(cast.supervisor, cast.plan.tasks.all(), use_suggestions=True)
    t3 = cast.tasks["t3"]
    assert t3.lead_department.name == "经济发展办"  # suggested as 镇经济发展办公室
    assert [d.name for d in t3.cooperating_departments] == ["财政所"]
    assert result.changed == 3 and result.unmatched == ["综合行政执法队"]
    assert not cast.tasks["t4"].assignments.exists()


def test_it_bulk_assigns_chosen_tasks_to_one_department(as_, cast):
    ids = [cast.tasks["t1"].pk, cast.tasks["t4"].pk]
    response = as_("supervisor").post(reverse("bulk_assign", args=[cast.plan.pk]),
                                      {"tasks": ids, "lead": cast.departments["党政办"].pk})
    assert response.status_code == 302
    assert {t.lead_department.name for t in cast.plan.tasks.filter(pk__in=ids)} == {"党政办"}
    assert not cast.tasks["t2"].assignments.exists()


def test_it_answers_htmx_with_the_updated_row(as_, cast):
    task = cast.tasks["t1"]
    response = as_("supervisor").post(reverse("task_assign", args=[task.pk]),
                                      {"lead": cast.departments["财政所"].pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="task-{task.pk}"' in response.content.decode() and "财政所" in response.content.decode()


def test_it_refuses_to_assign_an_archived_task(cast):
    task = cast.tasks["t1"]
    services.archive_task(cast.supervisor, task)
    with pytest.raises(services.ServiceError):
        services.assign_task(cast.supervisor, task, lead=cast.departments["财政所"])


def test_it_starts_the_assignment_form_from_the_suggestions(as_, cast):
    task = cast.tasks["t3"]  # suggested: 镇经济发展办公室, cooperating 财政所
    form = as_("supervisor").get(reverse("task_detail", args=[task.pk])).context["assign_form"]
    assert form.initial["lead"] == cast.departments["经济发展办"]
    assert form.initial["cooperating"] == [cast.departments["财政所"]]
