"""Migrations (数据库迁移): the models and their migrations agree, an empty database migrates to the latest
schema, and so does a database of the previous release with its data in it.

The last two run in a fresh installation of the test run's database kind (this file run as a script, in
its own process), so the shared test database is never migrated backwards.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

HERE = Path(__file__).resolve()

# The schema of the previous release, v0.1.0 (commit 8a5cbdd): the last migration of each of our apps then.
# Apps added since (and migrations added since) are not in it; Django's own apps are taken at their latest.
PREVIOUS_RELEASE = {
    "accounts": "0002_initial",
    "audit": "0001_initial",
    "indicators": "0001_initial",
    "plans": "0001_initial",
    "supervision": "0001_initial",
}


def test_it_has_a_migration_for_every_model_change(db):
    out = io.StringIO()
    call_command("makemigrations", "accounts", "plans", "audit", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.fixture
def installation(tmp_path, django_db_blocker):
    from test_backup import Installation

    with django_db_blocker.unblock():
        made = Installation(tmp_path, "migrations")
    yield made
    with django_db_blocker.unblock():
        made.remove()


def run(installation, step: str) -> dict:
    done = subprocess.run([sys.executable, str(HERE), step], env=installation.env, cwd=HERE.parents[2],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_it_migrates_an_empty_database_to_the_latest_schema(installation):
    result = run(installation, "empty")
    assert result["unapplied"] == [] and result["tasks_table_has_version"]


@pytest.mark.django_db
def test_it_migrates_the_previous_releases_schema_and_keeps_its_rows(installation):
    result = run(installation, "previous")
    assert result["at_previous_release"] == {"plans.task.version": False}
    assert result["unapplied"] == []
    assert result["tasks"] == [["力争第一季度完成土地平整", 1], ["全力推动产业综合配套工程", 1]]
    assert result["assignment"] == ["经济发展办", "lead"]
    assert result["report"] == ["2025-06", 40, "duban"] and result["audit"] == ["task.edit", "duban"]


# --- the work, in a process of its own: ``python tests/web/test_migrations.py empty|previous`` ------------


def _unapplied(executor) -> list[str]:
    executor.loader.build_graph()
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


def _has_column(connection, table: str, column: str) -> bool:
    with connection.cursor() as cursor:
        return column in {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _empty() -> dict:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    call_command("migrate", interactive=False, verbosity=0)
    return {"unapplied": _unapplied(MigrationExecutor(connection)),
            "tasks_table_has_version": _has_column(connection, "plans_task", "version")}


def _previous() -> dict:
    import datetime as dt

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    ours = set(PREVIOUS_RELEASE)
    django_leaves = [node for node in executor.loader.graph.leaf_nodes()
                     if node[0] in {"admin", "auth", "contenttypes", "sessions"}]
    previous = [*PREVIOUS_RELEASE.items(), *django_leaves]
    assert ours <= {app for app, _ in executor.loader.graph.leaf_nodes()}
    executor.migrate(previous)

    # Rows as the previous release stored them, through its own (historical) models.
    old = executor.loader.project_state(previous).apps
    user = old.get_model("auth", "User").objects.create(username="duban", password="!")
    issuer = old.get_model("plans", "Issuer").objects.create(name="水口镇人民政府")
    plan = old.get_model("plans", "Plan").objects.create(issuer=issuer, year=2025, created_at=dt.datetime.now(dt.UTC))
    task_model = old.get_model("plans", "Task")
    tasks = [task_model.objects.create(plan=plan, text=text, order=i, created_at=dt.datetime.now(dt.UTC))
             for i, text in enumerate(["力争第一季度完成土地平整", "全力推动产业综合配套工程"])]
    office = old.get_model("accounts", "Department").objects.create(issuer=issuer, name="经济发展办")
    old.get_model("plans", "Assignment").objects.create(task=tasks[0], department=office, role="lead",
                                                        created_at=dt.datetime.now(dt.UTC))
    old.get_model("supervision", "ProgressReport").objects.create(
        task=tasks[0], department=office, period="2025-06", text="完成平整", percent=40, author=user,
        created_at=dt.datetime.now(dt.UTC))
    old.get_model("audit", "AuditEvent").objects.create(actor=user, actor_name="duban", action="task.edit",
                                                        object_type="plans.task", object_id=str(tasks[0].pk),
                                                        plan_id=plan.pk, at=dt.datetime.now(dt.UTC))
    before = {"plans.task.version": _has_column(connection, "plans_task", "version")}

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the latest, whichever migrations exist now

    from web.audit.models import AuditEvent
    from web.plans.models import Assignment, Task
    from web.supervision.models import ProgressReport

    report = ProgressReport.objects.get()
    event = AuditEvent.objects.get()
    assignment = Assignment.objects.get()
    return {
        "at_previous_release": before,
        "unapplied": _unapplied(MigrationExecutor(connection)),
        "tasks": [[t.text, t.version] for t in Task.objects.order_by("order")],
        "assignment": [assignment.department.name, assignment.role],
        "report": [report.period, report.percent, report.author.username],
        "audit": [event.action, event.actor.username],
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps({"empty": _empty, "previous": _previous}[sys.argv[1]](), ensure_ascii=False))
