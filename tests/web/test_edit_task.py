"""Editing inline (行内编辑): a task's text and deadline, a target's value; htmx swaps the row."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from web.audit.models import AuditEvent


def test_it_swaps_the_row_for_a_form_and_back_with_the_new_text(as_, cast):
    task, client = cast.tasks["t1"], as_("supervisor")
    form = client.get(reverse("task_edit", args=[task.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<form" in form and 'hx-post="/tasks/' in form and "<html" not in form
    data = {"text": "一季度完成土地平整", "deadline": "2025-04-30"}
    response = client.post(reverse("task_edit", args=[task.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "一季度完成土地平整" in response.content.decode()
    task.refresh_from_db()
    assert task.text == "一季度完成土地平整" and task.deadline == dt.date(2025, 4, 30)


def test_it_records_the_edit_before_and_after(as_, cast):
    task = cast.tasks["t1"]
    as_("supervisor").post(reverse("task_edit", args=[task.pk]), {"text": "新的写法", "deadline": ""})
    event = AuditEvent.objects.get(action="task.edit", object_id=str(task.pk))
    assert event.before["text"] == "力争第一季度完成基地(东片区)1230亩土地平整" and event.after["text"] == "新的写法"
    assert event.before["deadline"] == "2025-03-31" and event.after["deadline"] is None


def test_it_rejects_an_empty_text_and_changes_nothing(as_, cast):
    task = cast.tasks["t1"]
    response = as_("supervisor").post(reverse("task_edit", args=[task.pk]), {"text": "  ", "deadline": ""},
                                      HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.text.startswith("力争") and not AuditEvent.objects.filter(action="task.edit").exists()


def test_it_rejects_a_bad_date(as_, cast):
    task = cast.tasks["t1"]
    response = as_("supervisor").post(reverse("task_edit", args=[task.pk]), {"text": "x", "deadline": "2025-13-45"})
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.deadline == dt.date(2025, 3, 31)


def test_it_edits_a_target_value_inline(as_, cast):
    target = cast.targets["g2"]
    response = as_("supervisor").post(reverse("target_edit", args=[target.pk]), {"value": "1300"},
                                      HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "1300亩" in response.content.decode()
    target.refresh_from_db()
    assert target.value == 1300
    event = AuditEvent.objects.get(action="target.edit")
    assert (event.before["value"], event.after["value"]) == (1230.0, 1300.0)
