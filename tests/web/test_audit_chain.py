"""The audit chain (审计链, 数据完整性): every row hashed with the one before it; a changed, removed or
re-hashed row is found and named; addresses can be anonymised without breaking it; old rows are archived,
never ones younger than 180 days."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from web.audit import chain
from web.audit.models import AuditChainHead, AuditEvent
from web.audit.retention import anonymise_addresses, archive_events, check_archive
from web.audit.services import record, record_security
from web.crypto.digest import sm3_available

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_chain(db):
    """An empty audit log (other tests' committed rows put aside inside this test's transaction)."""
    AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()


def events(cast, n: int = 5) -> list[AuditEvent]:
    rows = [record(cast.supervisor, "task.edit", cast.tasks["t1"], {"text": f"v{i}"}, {"text": f"v{i + 1}"})
            for i in range(n)]
    chain.seal_pending()
    return [AuditEvent.objects.get(pk=r.pk) for r in rows]


def messages(result) -> str:
    return "\n".join(f.message for f in result.findings)


def test_it_chains_each_row_to_the_one_before(fresh_chain, cast):
    rows = events(cast)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == "" and all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert chain.verify().intact and chain.verify().checked == 5


def test_it_records_sm3_where_openssl_has_it(fresh_chain, cast):
    row = events(cast, 1)[0]
    assert row.algorithm == ("sm3" if sm3_available() else "sha256") and len(row.hash) == 64


def test_it_seals_a_row_once_its_transaction_commits(fresh_chain, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = record(cast.supervisor, "task.edit", cast.tasks["t1"])
        assert AuditEvent.objects.get(pk=event.pk).seq is None  # not before the commit
    assert AuditEvent.objects.get(pk=event.pk).seq == 1


def test_it_names_a_changed_row(fresh_chain, cast):
    rows = events(cast)
    AuditEvent.objects.filter(pk=rows[2].pk).update(note="事后改写")
    result = chain.verify()
    assert [(f.kind, f.event_id, f.seq) for f in result.findings] == [("changed", rows[2].pk, 3)]
    assert f"记录编号 {rows[2].pk}" in messages(result)


def test_it_names_a_removed_row(fresh_chain, cast):
    rows = events(cast)
    AuditEvent.objects.filter(pk=rows[1].pk).delete()
    result = chain.verify()
    assert [(f.kind, f.seq) for f in result.findings] == [("removed", 2)]
    assert "第 2 条记录已被删除" in messages(result)


def test_it_names_a_row_changed_and_hashed_again(fresh_chain, cast):
    rows = events(cast)
    forged = AuditEvent.objects.get(pk=rows[1].pk)
    forged.note = "伪造"
    forged.hash = chain.row_hash(forged)
    AuditEvent.objects.filter(pk=forged.pk).update(note=forged.note, hash=forged.hash)
    result = chain.verify()
    assert [(f.kind, f.event_id) for f in result.findings] == [("relinked", rows[1].pk)]


def test_it_finds_the_newest_row_removed(fresh_chain, cast):
    rows = events(cast)
    AuditEvent.objects.filter(pk=rows[-1].pk).delete()
    assert [(f.kind, f.seq) for f in chain.verify().findings] == [("removed", 5)]


def test_it_finds_a_changed_address_and_keeps_an_anonymised_one(fresh_chain, cast):
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.8.7")
    first = record_security(request, "auth.login", user=cast.staff)
    second = record_security(request, "auth.login", user=cast.leader)
    chain.seal_pending()
    assert first.ip_digest and first.ip_salt and "10.9.8.7" not in chain.content(first).decode()
    AuditEvent.objects.filter(pk=first.pk).update(ip="10.0.0.1")
    assert [(f.kind, f.event_id) for f in chain.verify().findings] == [("address", first.pk)]
    AuditEvent.objects.filter(pk=first.pk).update(ip="10.9.8.7")
    assert anonymise_addresses(30, now=timezone.now() + dt.timedelta(days=31)) == 2
    assert not AuditEvent.objects.filter(pk__in=[first.pk, second.pk], ip__isnull=False).exists()
    assert chain.verify().intact


def test_verify_audit_exits_1_naming_the_rows(fresh_chain, cast, capsys):
    rows = events(cast)
    call_command("verify_audit")
    assert "审计链完整" in capsys.readouterr().out
    AuditEvent.objects.filter(pk=rows[0].pk).update(action="task.archive")
    AuditEvent.objects.filter(pk=rows[3].pk).delete()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    out = capsys.readouterr().out
    assert exit_.value.code == 1
    assert f"记录编号 {rows[0].pk}" in out and "第 4 条记录已被删除" in out and "2 处问题" in out


def test_it_archives_old_rows_to_a_signed_file_and_keeps_the_rest_verifiable(fresh_chain, cast, settings, tmp_path):
    settings.LUOSHI_AUDIT_ARCHIVE_DIR = tmp_path
    rows = events(cast, 6)
    old = timezone.now() - dt.timedelta(days=400)
    for r in rows[:4]:  # backdate, then seal again from scratch so the hashes cover the old times
        AuditEvent.objects.filter(pk=r.pk).update(at=old, seq=None, hash="", prev_hash="")
    AuditEvent.objects.filter(pk__in=[r.pk for r in rows[4:]]).update(seq=None, hash="", prev_hash="")
    AuditChainHead.objects.all().delete()
    chain.seal_pending()
    path = archive_events(365)
    assert path is not None and path.stat().st_mode & 0o777 == 0o600
    assert not AuditEvent.objects.filter(pk__in=[r.pk for r in rows[:4]]).exists()
    assert check_archive(path)
    chain.seal_pending()  # the audit.archive event itself
    assert chain.verify().intact
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and json.loads(lines[-1])["archive_seal"]["rows"] == 4
    path.write_text(path.read_text(encoding="utf-8").replace("v1", "v9"), encoding="utf-8")
    assert not check_archive(path)


def test_it_never_archives_a_row_younger_than_180_days(fresh_chain, cast, settings, tmp_path):
    settings.LUOSHI_AUDIT_ARCHIVE_DIR = tmp_path
    rows = events(cast, 3)
    AuditEvent.objects.filter(pk=rows[0].pk).update(at=timezone.now() - dt.timedelta(days=100))
    assert archive_events(30) is None  # asked for 30 days: 180 is the floor
    assert AuditEvent.objects.filter(pk=rows[0].pk).exists()


def _write_rows(label: str, count: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        barrier.wait(10)
        for i in range(count):
            with transaction.atomic():
                record_security(None, "auth.login_failed", username=f"并发-{label}-{i}")
    except BaseException as e:  # reported to the test
        errors.append(e)
    finally:
        connection.close()


@pytest.fixture
def concurrent_rows():
    """Rows the writers commit on their own connections are removed afterwards, on another one."""
    yield
    thread = threading.Thread(target=lambda: (AuditEvent.objects.filter(actor_name__startswith="并发-").delete(),
                                              connection.close()))
    thread.start()
    thread.join(30)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: writers on their own connections")
def test_concurrent_writers_append_one_after_the_other_on_postgres(db, concurrent_rows):
    barrier, errors = threading.Barrier(4), []
    threads = [threading.Thread(target=_write_rows, args=(f"w{i}", 15, barrier, errors)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    rows = list(AuditEvent.objects.filter(actor_name__startswith="并发-").order_by("seq"))
    assert len(rows) == 60 and all(r.seq for r in rows)
    everything = list(AuditEvent.objects.filter(seq__gte=rows[0].seq).order_by("seq"))
    assert [r.seq for r in everything] == list(range(rows[0].seq, rows[0].seq + len(everything)))
    assert all(b.prev_hash == a.hash and chain.row_hash(b) == b.hash for a, b in itertools.pairwise(everything))


@pytest.mark.slow
def test_concurrent_processes_keep_one_chain_on_a_sqlite_file(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")},
           "DJANGO_SETTINGS_MODULE": "web.settings", "LUOSHI_DATA_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    run = lambda *args: subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=300)
    assert run("migrate", "--noinput").returncode == 0
    writer = ("from django.db import transaction; from web.audit.services import record_security as r\n"
              "for i in range(40):\n"
              "    with transaction.atomic(): r(None, 'auth.login_failed', username='w%s' % i)\n")
    workers = [subprocess.Popen([sys.executable, "manage.py", "shell", "-c", writer], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for w in workers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    result = run("verify_audit")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已校验 120 条审计记录" in result.stdout and "尚未封链" not in result.stdout
