"""A server killed mid-write (进程被强制终止): the database stays consistent and the work can be redone.

A real process (this file run as a script: Django set up on its own installation) starts an import or a
progress report, stops at a known point inside the transaction and says so; the test SIGKILLs it there,
then runs the same work again in a new process, which first reports what it finds.

On an evidence file written before the kill: the database never names it (its row was rolled back), so it
is an orphan on disk. Orphans are harmless: files are served only through an ``Evidence`` row, and each
file has a fresh random name, so nothing can reach or collide with it. They are left in place.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
DEMO = ROOT / "luoshi" / "data" / "shuikou-2025.txt"
EVIDENCE = b"\xff\xd8\xff\xe0" + b"evidence " * 20000

pytestmark = pytest.mark.django_db  # the test database is set up; the work itself runs in its own installation


@pytest.fixture(scope="module")
def installation(tmp_path_factory, django_db_blocker):
    """One empty installation of the test run's database kind, shared by this module's tests (each
    works on its own plan year, so the order does not matter)."""
    from test_backup import Installation

    with django_db_blocker.unblock():
        made = Installation(tmp_path_factory.mktemp("kill"), "server")
    yield made
    with django_db_blocker.unblock():
        made.remove()


def start(installation, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HERE), *args], env=installation.env, cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_when_paused(process: subprocess.Popen, timeout: float = 60) -> list[str]:
    """Wait for the process to say it has paused inside its transaction, then SIGKILL it."""
    lines: list[str] = []
    paused = threading.Event()

    def read() -> None:
        for line in process.stdout:
            lines.append(line.strip())
            if line.startswith("PAUSED"):
                paused.set()
                return

    threading.Thread(target=read, daemon=True).start()
    if not paused.wait(timeout):
        process.kill()
        raise AssertionError(f"never paused: {lines} {process.stderr.read()}")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    return lines


def run(installation, *args: str) -> list[dict]:
    """Run the work to the end; returns the states it printed (before, after)."""
    process = start(installation, *args)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return [json.loads(line.removeprefix("STATE ")) for line in out.splitlines() if line.startswith("STATE ")]


def test_it_leaves_no_partial_plan_when_killed_mid_import_and_imports_again(installation):
    said = kill_when_paused(start(installation, "import", "2025", "--pause"))
    assert "PAUSED after 20 tasks" in said  # the plan row and 20 tasks were written, not committed
    before, after = run(installation, "import", "2025")
    assert (before["plans"], before["tasks"], before["orphan_audit"], before["confirmed"]) == (0, 0, 0, 0)
    assert after["plans"] == 1 and after["tasks"] > 50 and after["confirmed"] == 1
    assert after["audit"] > after["tasks"]  # each task's creation and the import itself


def test_it_leaves_no_half_report_when_killed_while_its_evidence_is_written(installation):
    said = kill_when_paused(start(installation, "report", "2024", "--pause"))
    assert "PAUSED evidence on disk" in said
    before, after = run(installation, "report", "2024")
    assert (before["reports"], before["evidence"], before["missing"]) == (0, 0, [])
    assert len(before["files"]) == 1  # the orphan: on disk, named by no row
    assert (after["reports"], after["evidence"], after["missing"]) == (1, 1, [])
    assert len(after["files"]) == 2 and after["referenced_bytes"] == [len(EVIDENCE)]


# --- the server side: ``python tests/web/test_kill.py import|report YEAR [--pause]`` ----------------------


def _pause_after(module, action: str, nth: int, message: str) -> None:
    """Make ``module``'s audit ``record`` stop, inside the caller's transaction, after the nth ``action``."""
    real, seen = module.record, [0]

    def record(actor, act, obj, *args, **kwargs):
        event = real(actor, act, obj, *args, **kwargs)
        if act == action:
            seen[0] += 1
            if seen[0] == nth:
                print(f"PAUSED {message}", flush=True)
                time.sleep(300)
        return event

    module.record = record


def _state(year: int) -> dict:
    from web.audit.models import AuditEvent
    from web.plans.models import PendingImport, Plan, Task
    from web.supervision.models import Evidence, ProgressReport, evidence_root

    root = evidence_root()
    evidence = list(Evidence.objects.filter(report__task__plan__year=year))
    return {
        "plans": Plan.objects.filter(year=year).count(),
        "tasks": Task.objects.filter(plan__year=year).count(),
        "audit": AuditEvent.objects.filter(plan_id__in=Plan.objects.filter(year=year).values("pk")).count(),
        "orphan_audit": AuditEvent.objects.exclude(plan_id=None).exclude(
            plan_id__in=Plan.objects.values("pk")).count(),
        "confirmed": PendingImport.objects.filter(year=year, confirmed_at__isnull=False).count(),
        "reports": ProgressReport.objects.filter(task__plan__year=year).count(),
        "evidence": len(evidence),
        "files": sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else [],
        "missing": [e.path for e in evidence if not e.file_path.exists()],
        "referenced_bytes": [e.file_path.stat().st_size for e in evidence if e.file_path.exists()],
    }


def _setup():
    """Schema, a town, its supervisor and one department's staff (only the first time)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from web.accounts.models import Department, Membership
    from web.plans.models import Issuer

    call_command("migrate", interactive=False, verbosity=0)
    town, made = Issuer.objects.get_or_create(name="水口镇人民政府")
    if made:
        users = get_user_model().objects
        Membership.objects.create(user=users.create_user("duban"), issuer=town, role=Membership.Role.SUPERVISOR)
        office = Department.objects.create(issuer=town, name="经济发展办")
        Membership.objects.create(user=users.create_user("jingji"), issuer=town, role=Membership.Role.STAFF,
                                  department=office)
    return town


def _import(year: int, pause: bool, *, show: bool = True) -> None:
    from django.contrib.auth import get_user_model

    from web.plans import import_services as services
    from web.plans.models import Issuer, PendingImport

    town = _setup() if show else Issuer.objects.get(name="水口镇人民政府")
    if show:
        print("STATE", json.dumps(_state(year)), flush=True)
    supervisor = get_user_model().objects.get(username="duban")
    pending = PendingImport.objects.filter(year=year, confirmed_at__isnull=True).first() or services.import_plan(
        supervisor, data=DEMO.read_bytes(), filename=DEMO.name, issuer=town, year=year)
    pending.target_confirmed = True  # the 2025 demo stored as another year, knowingly (not a mistaken import)
    pending.save(update_fields=["target_confirmed"])
    if pause:
        _pause_after(services, "task.create", 20, "after 20 tasks")
    services.confirm_import(supervisor, pending)
    if show:
        print("STATE", json.dumps(_state(year)), flush=True)


def _report(year: int, pause: bool) -> None:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from web.accounts.models import Department
    from web.plans.models import Task
    from web.plans.services import assign_task
    from web.supervision import services

    _setup()
    if not Task.objects.filter(plan__year=year).exists():  # the plan to report on
        _import(year, pause=False, show=False)
    print("STATE", json.dumps(_state(year)), flush=True)
    users = get_user_model().objects
    task = Task.objects.filter(plan__year=year).order_by("pk").first()
    office = Department.objects.get(name="经济发展办")
    assign_task(users.get(username="duban"), task, lead=office)
    if pause:
        _pause_after(services, "report.submit", 1, "evidence on disk")
    services.submit_progress_report(users.get(username="jingji"), task, department=office, period=f"{year}-06",
                                    text="完成土地平整", percent=50,
                                    files=[SimpleUploadedFile("现场.jpg", EVIDENCE, content_type="image/jpeg")])
    print("STATE", json.dumps(_state(year)), flush=True)


if __name__ == "__main__":
    import django

    django.setup()
    work, year, pause = sys.argv[1], int(sys.argv[2]), "--pause" in sys.argv[3:]
    {"import": _import, "report": _report}[work](year, pause)
