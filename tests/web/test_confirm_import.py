"""Confirming an import (确认导入): all or nothing; a corrected report re-imported keeps unchanged tasks' work."""

from __future__ import annotations

import pytest
from web_sample import sample_extracted

from web.audit.models import AuditEvent
from web.plans import import_services, services
from web.plans.models import Assignment, PendingImport, Plan, Task


def pending(cast, filename, year=2025):
    return PendingImport.objects.create(kind="report", created_by=cast.supervisor, filename=filename, data=b"x",
                                        issuer=cast.town, year=year)


def test_it_stores_sections_tasks_targets_and_milestones(cast, fake_extractor):
    fake_extractor["r2026.txt"] = sample_extracted(year=2026)
    plan = import_services.confirm_import(cast.supervisor, pending(cast, "r2026.txt", 2026))
    assert plan.year == 2026 and plan.issuer == cast.town
    assert [s.key for s in plan.sections.all()] == ["0", "1", "1.1", "1.2", "2", "2.1"]
    assert plan.tasks.count() == 4 and plan.targets.count() == 3 and plan.milestones.count() == 1
    t1 = plan.tasks.get(key="t1")
    assert t1.targets.get().value == 1230 and t1.section.key == "1.1" and t1.suggested_lead == "经济发展办"
    assert plan.text[t1.source_start:t1.source_end] == t1.text
    assert AuditEvent.objects.filter(action="plan.import", plan_id=plan.pk).exists()


def test_it_keeps_both_years_of_one_issuer_apart(cast, fake_extractor):
    fake_extractor["r2026.txt"] = sample_extracted(year=2026)
    import_services.confirm_import(cast.supervisor, pending(cast, "r2026.txt", 2026))
    assert Plan.objects.filter(issuer=cast.town).count() == 2
    assert cast.plan.tasks.count() == 4


def test_it_stores_nothing_when_confirmation_fails_halfway(cast, fake_extractor, monkeypatch):
    fake_extractor["r2026.txt"] = sample_extracted(year=2026)
    upload = pending(cast, "r2026.txt", 2026)

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_services, "_replace_milestones_and_projects", fail)
    tasks_before = Task.objects.count()
    with pytest.raises(RuntimeError):
        import_services.confirm_import(cast.supervisor, upload)
    assert not Plan.objects.filter(year=2026).exists()
    assert Task.objects.count() == tasks_before
    assert PendingImport.objects.get(pk=upload.pk).confirmed_at is None


def test_it_refuses_to_confirm_twice(cast, fake_extractor):
    fake_extractor["r2026.txt"] = sample_extracted(year=2026)
    upload = pending(cast, "r2026.txt", 2026)
    import_services.confirm_import(cast.supervisor, upload)
    with pytest.raises(services.ServiceError):
        import_services.confirm_import(cast.supervisor, upload)


CORRECTED = dict(
    changes={"t2": "全力推动产业综合配套工程(一期)年底前建成使用"},  # similar text: same task, edited
    drop=("t4",),  # gone from the corrected report: archived
    add=(("2.1", "推进智慧停车和新能源充电桩建设"),),  # new
    target_values={"g3": 10.0},
)


def test_it_keeps_the_assignments_of_unchanged_and_edited_tasks_on_reimport(cast, fake_extractor):
    t1, t2, t4 = cast.tasks["t1"], cast.tasks["t2"], cast.tasks["t4"]
    services.assign_task(cast.supervisor, t1, lead=cast.departments["经济发展办"])
    services.assign_task(cast.supervisor, t2, lead=cast.departments["规划建设办"])
    services.edit_task(cast.supervisor, t1, text="力争一季度完成基地(东片区)1230亩土地平整 (督查室改写)")
    fake_extractor["corrected.txt"] = sample_extracted(**CORRECTED)

    import_services.confirm_import(cast.supervisor, pending(cast, "corrected.txt"))

    t1.refresh_from_db(), t2.refresh_from_db(), t4.refresh_from_db()
    assert t1.lead_department.name == "经济发展办" and "督查室改写" in t1.text  # matched by extracted text
    assert t2.lead_department.name == "规划建设办" and t2.text.endswith("年底前建成使用")
    assert t4.archived and Task.objects.filter(pk=t4.pk).exists()  # never deleted
    assert cast.plan.tasks.get(text="推进智慧停车和新能源充电桩建设").origin == "extracted"
    assert cast.plan.targets.get(key="g3").value == 10.0
    assert Assignment.objects.filter(task__plan=cast.plan).count() == 2
    assert AuditEvent.objects.filter(action="plan.reimport", plan_id=cast.plan.pk).exists()
    assert AuditEvent.objects.filter(action="task.archive", object_id=str(t4.pk)).exists()


def test_it_matches_tasks_by_normalised_text(cast, fake_extractor):
    t1 = cast.tasks["t1"]
    fake_extractor["punct.txt"] = sample_extracted(changes={"t1": "力争第一季度完成基地（东片区）1230亩土地平整。"})
    _, diff, _ = import_services.preview_import(pending(cast, "punct.txt"))
    assert [c.old.pk for c in diff.tasks_kept if c.new.id == "t1"] == [t1.pk]
    assert not diff.tasks_new and not diff.tasks_removed


def test_it_shows_the_diff_before_anything_changes(as_, cast, fake_extractor):
    from django.urls import reverse

    fake_extractor["corrected.txt"] = sample_extracted(**CORRECTED)
    upload = pending(cast, "corrected.txt")
    page = as_("supervisor").get(reverse("import_preview", args=[upload.pk])).content.decode()
    assert "保留 (原文未变, 保留分工和进度): 2 项任务" in page
    assert "修改 (原文有改动, 保留分工和进度): 1 项" in page
    assert "新增: 1 项" in page and "归档 (新版本中已无): 1 项" in page
    assert not cast.tasks["t4"].archived and not Task.objects.filter(text__contains="智慧停车").exists()


def test_it_leaves_hand_added_tasks_alone_on_reimport(cast, fake_extractor):
    manual = services.add_task(cast.supervisor, cast.plan, text="手工添加的任务")
    fake_extractor["same.txt"] = sample_extracted()
    import_services.confirm_import(cast.supervisor, pending(cast, "same.txt"))
    manual.refresh_from_db()
    assert not manual.archived
