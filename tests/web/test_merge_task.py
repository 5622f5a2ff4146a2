"""Merging two adjacent rows (合并任务), the inverse of a split: texts joined in order, targets, progress and
units kept, the second row archived with a note, one audit row; only the supervisor may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.audit.models import AuditEvent
from web.plans import merging, services
from web.plans.models import Task
from web.supervision.models import ProgressReport


def test_it_joins_the_next_row_into_this_one_in_order(as_, cast):
    first, second = cast.tasks["t1"], cast.tasks["t2"]
    response = as_("supervisor").post(reverse("task_merge", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.text == "力争第一季度完成基地(东片区)1230亩土地平整。全力推动产业综合配套工程(一期)下半年建成使用"
    assert first.deadline.isoformat() == "2025-12-31"  # both must be done: the later deadline
    assert second.archived
    assert AuditEvent.objects.filter(action="task.merge", object_id=str(first.pk)).exists()


def test_it_keeps_the_targets_progress_and_units_of_both_rows(cast):
    first, second = cast.tasks["t1"], cast.tasks["t2"]
    services.assign_task(cast.supervisor, first, lead=cast.departments["经济发展办"])
    services.assign_task(cast.supervisor, second, lead=cast.departments["规划建设办"])
    targets = {t.pk for t in (*first.targets.all(), *second.targets.all())}
    ProgressReport.objects.create(task=second, department=cast.departments["规划建设办"], period="2025-06",
                                  text="一期主体完工", percent=40, author=cast.supervisor)
    merged = merging.merge_with_next(cast.supervisor, first)
    assert {t.pk for t in merged.targets.all()} == targets
    assert merged.progress_reports.filter(text="一期主体完工").exists()
    assert merged.lead_department.name == "经济发展办"
    assert [d.name for d in merged.cooperating_departments] == ["规划建设办"]


def test_it_merges_only_with_the_next_row_of_the_same_section(cast):
    with pytest.raises(services.ServiceError):
        merging.merge_with_next(cast.supervisor, cast.tasks["t2"])  # t3 is in another section


def test_a_sub_task_or_a_row_with_sub_tasks_is_not_merged(cast):
    children = services.split_task(cast.supervisor, cast.tasks["t1"], ["甲", "乙"])
    for task in (children[0], cast.tasks["t1"]):
        with pytest.raises(services.ServiceError):
            merging.merge_with_next(cast.supervisor, task)


def test_a_staff_member_cannot_merge_and_nothing_changes(as_, cast):
    response = as_("staff").post(reverse("task_merge", args=[cast.tasks["t1"].pk]))
    assert response.status_code == 403
    assert not Task.objects.get(pk=cast.tasks["t2"].pk).archived
    assert not AuditEvent.objects.filter(action="task.merge").exists()


def test_an_attacker_cannot_merge_another_towns_rows(as_, cast):
    response = as_("outsider").post(reverse("task_merge", args=[cast.tasks["t1"].pk]))
    assert response.status_code == 404
    assert not Task.objects.get(pk=cast.tasks["t2"].pk).archived


def test_the_task_table_offers_the_merge(as_, cast):
    page = as_("supervisor").get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    assert reverse("task_merge", args=[cast.tasks["t1"].pk]) in page and "与下行合并" in page


def test_the_merged_row_is_suggested_a_lead_from_the_issuers_own_departments(cast):
    merged = merging.merge_with_next(cast.supervisor, cast.tasks["t1"])
    assert merged.suggested_lead in cast.departments
    assert set(merged.suggested_cooperating) <= set(cast.departments)
