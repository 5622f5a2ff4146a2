"""Two people editing one task (并发修改): optimistic concurrency, no lost update.

Every stored change to a task bumps ``Task.version``; an edit form carries the version it was loaded at,
and a save from a form older than the task is refused with 409 and who changed it, the user's input kept.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from web.accounts.models import Membership
from web.audit.models import AuditEvent
from web.plans import services
from web.plans.models import Task


@pytest.fixture
def zhangsan(cast):
    """A second supervisor of 水口镇, 张三, so two people can edit the same task."""
    user = get_user_model().objects.create_user("zhangsan", first_name="张三")
    Membership.objects.create(user=user, issuer=cast.town, role=Membership.Role.SUPERVISOR)
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_form(client, task) -> str:
    """The inline edit form as htmx gets it; returns the version it carries."""
    html = client.get(reverse("task_edit", args=[task.pk]), HTTP_HX_REQUEST="true").content.decode()
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def save(client, task, version, text, deadline="2025-03-31"):
    return client.post(reverse("task_edit", args=[task.pk]), {"text": text, "deadline": deadline, "version": version},
                       HTTP_HX_REQUEST="true")


def test_it_refuses_the_second_of_two_editors_with_409_naming_who_changed_it(cast, zhangsan):
    task, first, second = cast.tasks["t1"], client_for(zhangsan), client_for(cast.supervisor)
    first_version, second_version = open_form(first, task), open_form(second, task)
    assert save(first, task, first_version, "张三的写法").status_code == 200
    response = save(second, task, second_version, "督查室的写法")
    assert response.status_code == 409
    assert re.search(r"该任务已被他人修改（张三，\d\d:\d\d），请刷新后再改", response.content.decode())
    task.refresh_from_db()
    assert task.text == "张三的写法" and task.version == 2
    assert AuditEvent.objects.filter(action="task.edit", object_id=str(task.pk)).count() == 1


def test_it_shows_the_refused_input_back_with_the_current_content(cast, zhangsan):
    task, first, second = cast.tasks["t1"], client_for(zhangsan), client_for(cast.supervisor)
    first_version, second_version = open_form(first, task), open_form(second, task)
    save(first, task, first_version, "张三的写法")
    html = save(second, task, second_version, "督查室的写法").content.decode()
    assert "督查室的写法</textarea>" in html and "当前保存的内容: 张三的写法" in html


def test_it_lets_the_second_editor_save_knowingly_after_seeing_the_conflict(cast, zhangsan):
    task, first, second = cast.tasks["t1"], client_for(zhangsan), client_for(cast.supervisor)
    first_version, second_version = open_form(first, task), open_form(second, task)
    save(first, task, first_version, "张三的写法")
    html = save(second, task, second_version, "督查室的写法").content.decode()
    refreshed = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert save(second, task, refreshed, "督查室的写法").status_code == 200
    task.refresh_from_db()
    assert task.text == "督查室的写法" and task.version == 3


def test_it_answers_409_on_the_full_page_form_too(cast, zhangsan):
    task = cast.tasks["t1"]
    services.edit_task(zhangsan, task, text="张三的写法")
    response = client_for(cast.supervisor).post(reverse("task_edit", args=[task.pk]),
                                                {"text": "督查室的写法", "deadline": "", "version": "1"})
    assert response.status_code == 409 and "请刷新后再改" in response.content.decode()


def test_it_counts_one_version_per_stored_change_and_none_for_an_unchanged_save(cast):
    task = cast.tasks["t1"]
    assert task.version == 1
    services.edit_task(cast.supervisor, task, text="第一次修改", expected_version=1)
    services.edit_task(cast.supervisor, task, text="第一次修改", expected_version=2)
    assert Task.objects.get(pk=task.pk).version == task.version == 2


def test_it_refuses_a_stale_version_in_the_service_and_changes_nothing(cast, zhangsan):
    task = cast.tasks["t1"]
    services.edit_task(zhangsan, Task.objects.get(pk=task.pk), text="张三的写法", expected_version=1)
    with pytest.raises(services.EditConflict) as refused:
        services.edit_task(cast.supervisor, task, text="督查室的写法", expected_version=1)
    assert refused.value.current_version == 2 and refused.value.by == "张三"
    assert Task.objects.get(pk=task.pk).text == "张三的写法"


@pytest.mark.parametrize("change", ["assign", "archive_and_restore", "split", "extension"])
def test_it_makes_a_form_stale_after_any_other_change_to_the_task(cast, change):
    """Assigning, archiving, splitting or an approved extension all bump the version."""
    task = Task.objects.get(pk=cast.tasks["t1"].pk)
    loaded = task.version
    if change == "assign":
        services.assign_task(cast.supervisor, task, lead=cast.departments["经济发展办"])
    elif change == "archive_and_restore":
        services.restore_task(cast.supervisor, services.archive_task(cast.supervisor, task))
    elif change == "split":
        services.split_task(cast.supervisor, task, ["拆分一", "拆分二"])
    else:
        import datetime as dt

        from web.supervision import services as supervision

        ext = supervision.request_extension(cast.staff, task, department=cast.departments["经济发展办"],
                                            requested_deadline=dt.date(2025, 6, 30), reason="征地推迟")
        supervision.decide_extension(cast.supervisor, ext, approve=True)
    assert Task.objects.get(pk=task.pk).version > loaded
    with pytest.raises(services.EditConflict):
        services.edit_task(cast.supervisor, Task.objects.get(pk=task.pk), text="迟到的修改", expected_version=loaded)


# --- a real race, on PostgreSQL: two connections, one row --------------------------------------------


def in_own_connection(work):
    """Run ``work`` on a thread of its own, so on a connection of its own that commits (outside the test's
    transaction); its result, or its exception, comes back."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as e:
            outcome["error"] = e
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def committed_task(db):
    """A task committed where other connections see it, removed afterwards."""
    from web.plans.models import Plan

    def make() -> Task:
        plan = Plan.objects.get(year=2025, issuer__name="水口镇人民政府")
        return Task.objects.create(plan=plan, text="并发测试任务", match_key="并发测试任务", order=9999)

    def remove() -> None:
        AuditEvent.objects.filter(object_type="plans.task", object_id=str(task.pk)).delete()
        Task.objects.filter(pk=task.pk).delete()

    task = in_own_connection(make)
    yield task
    in_own_connection(remove)


def waiting_on_a_lock() -> bool:
    """A connection to the test database waits for a lock (the activity view is re-read: inside a transaction
    PostgreSQL would otherwise keep showing its first snapshot)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                       "WHERE NOT l.granted AND a.datname = current_database()")
        return cursor.fetchone()[0] > 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: row locks between two connections")
def test_it_lets_only_one_of_two_racing_edits_win_on_postgres(committed_task, monkeypatch):
    """A wins the row and pauses before committing; B, on its own connection with the same version, waits
    on the row and, once A commits, finds the version moved on: a conflict, not a lost update."""
    a_holds_the_row, release_a = threading.Event(), threading.Event()
    real_record = services.record
    results: dict[str, object] = {}

    def record_then_pause(actor, action, obj, *args, **kwargs):
        event = real_record(actor, action, obj, *args, **kwargs)
        if threading.current_thread().name == "A":
            a_holds_the_row.set()
            release_a.wait(10)
        return event

    monkeypatch.setattr(services, "record", record_then_pause)

    def edit(name: str, text: str) -> None:
        try:
            actor = get_user_model().objects.get(username="duban")
            services.edit_task(actor, Task.objects.get(pk=committed_task.pk), text=text, expected_version=1)
            results[name] = "won"
        except services.EditConflict as e:
            results[name] = e
        finally:
            connection.close()

    a = threading.Thread(target=edit, args=("A", "甲的修改"), name="A")
    b = threading.Thread(target=edit, args=("B", "乙的修改"), name="B")
    a.start()
    assert a_holds_the_row.wait(10)
    b.start()
    deadline = time.monotonic() + 10
    while not waiting_on_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    b_waited = waiting_on_a_lock()
    release_a.set()
    a.join(10), b.join(10)
    stored = Task.objects.get(pk=committed_task.pk)
    edits = AuditEvent.objects.filter(action="task.edit", object_id=str(committed_task.pk)).count()
    assert b_waited, "B should have waited on A's row lock"
    assert results["A"] == "won" and isinstance(results["B"], services.EditConflict)
    assert (stored.text, stored.version, edits) == ("甲的修改", 2, 1)
