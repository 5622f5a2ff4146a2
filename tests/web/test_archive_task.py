"""Archiving (归档): a task leaves the table but is never deleted, and can be restored."""

from __future__ import annotations

from django.urls import reverse

from web.plans.models import Task


def test_it_hides_an_archived_task_from_the_table_and_keeps_it(as_, cast):
    task, client = cast.tasks["t4"], as_("supervisor")
    assert client.post(reverse("task_archive", args=[task.pk]), {"reason": "已并入其他任务"}).status_code == 302
    table = client.get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    assert task.text not in table
    archived = client.get(reverse("task_table", args=[cast.plan.pk]), {"status": "archived"}).content.decode()
    assert task.text in archived
    task.refresh_from_db()
    assert task.archived and task.archived_at is not None and Task.objects.filter(pk=task.pk).exists()


def test_it_restores_an_archived_task(as_, cast):
    task, client = cast.tasks["t4"], as_("supervisor")
    client.post(reverse("task_archive", args=[task.pk]))
    client.post(reverse("task_archive", args=[task.pk]))
    task.refresh_from_db()
    assert not task.archived


def test_it_records_the_reason(as_, cast):
    from web.audit.models import AuditEvent

    task = cast.tasks["t4"]
    as_("supervisor").post(reverse("task_archive", args=[task.pk]), {"reason": "已并入其他任务"})
    event = AuditEvent.objects.get(action="task.archive")
    assert event.note == "已并入其他任务" and event.after["archived"] is True


def test_it_does_not_list_archived_tasks_to_the_public(as_, cast):
    task = cast.tasks["t4"]
    as_("supervisor").post(reverse("task_archive", args=[task.pk]))
    cast.plan.published = True
    cast.plan.save()
    page = as_("public").get(reverse("task_table", args=[cast.plan.pk]), {"status": "archived"}).content.decode()
    assert task.text not in page and cast.tasks["t1"].text in page
