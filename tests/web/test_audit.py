"""The audit trail (审计记录): every change recorded with who, when, before → after; shown on history pages."""

from __future__ import annotations

from django.urls import reverse

from web.audit.models import AuditEvent
from web.audit.services import history_of, record
from web.directives.instructions import write_instruction
from web.plans import services


def test_it_records_actor_object_and_plan(cast):
    event = record(cast.supervisor, "task.edit", cast.tasks["t1"], {"text": "a"}, {"text": "b"})
    assert event.actor_name == "duban" and event.object_type == "plans.task"
    assert event.object_id == str(cast.tasks["t1"].pk) and event.plan_id == cast.plan.pk
    assert event.changes() == [("text", "a", "b")]


def test_it_finds_the_plan_through_the_task_of_an_object(cast):
    from web.plans.models import Instruction

    instruction = Instruction.objects.create(task=cast.tasks["t1"], author=cast.leader, text="x")
    assert record(cast.leader, "instruction.write", instruction).plan_id == cast.plan.pk


def test_it_records_the_system_as_actor_when_there_is_none(cast):
    assert record(None, "plan.import", cast.plan).actor_name == "系统"


def test_it_shows_a_tasks_history_with_before_and_after(as_, cast):
    task = cast.tasks["t1"]
    services.edit_task(cast.supervisor, task, text="改后的任务")
    services.assign_task(cast.supervisor, task, lead=cast.departments["财政所"])
    page = as_("leader").get(reverse("task_history", args=[task.pk])).content.decode()
    assert "修改任务" in page and "调整责任分工" in page and "改后的任务" in page and "财政所" in page
    assert "<del>力争第一季度完成基地(东片区)1230亩土地平整</del>" in page


def test_it_lists_every_items_change_on_the_plan_history(as_, cast):
    services.edit_target(cast.supervisor, cast.targets["g2"], value=1300)
    services.publish_plan(cast.supervisor, cast.plan)
    page = as_("staff").get(reverse("plan_history", args=[cast.plan.pk])).content.decode()
    assert "修改目标" in page and "公开规划" in page and "导入规划" in page


def test_it_audits_every_kind_of_change(cast):
    task, d = cast.tasks["t2"], cast.departments
    services.edit_task(cast.supervisor, task, text="甲")
    services.edit_target(cast.supervisor, cast.targets["g3"], value=9)
    services.assign_task(cast.supervisor, task, lead=d["财政所"])
    services.split_task(cast.supervisor, task, ["乙", "丙"])
    services.add_task(cast.supervisor, cast.plan, text="丁")
    services.archive_task(cast.supervisor, cast.tasks["t4"])
    services.restore_task(cast.supervisor, cast.tasks["t4"])
    write_instruction(cast.leader, cast.plan, task=task, text="戊")
    services.publish_plan(cast.supervisor, cast.plan)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"task.edit", "target.edit", "assignment.change", "task.split", "task.create", "task.add",
            "task.archive", "task.restore", "instruction.write", "plan.publish"} <= actions
    assert len(history_of(task)) >= 4


def test_it_never_changes_a_recorded_event_through_the_admin(client, cast):
    from web.audit.admin import AuditEventAdmin

    admin = AuditEventAdmin(AuditEvent, None)
    assert not admin.has_change_permission(None) and not admin.has_delete_permission(None)
