"""The nightly backup of a PostgreSQL installation (README, 备份与恢复): ``pg_dump -Fc`` of the database and
``pg_restore`` into an empty one give back every row, and the app runs on the restored database. (Evidence
files are backed up beside it: ``luoshi backup`` holds both; on PostgreSQL the database part is pg_dump's.)"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.db import connection
from test_backup import Installation

from web.ops.backup import row_counts

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def postgres(cast):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump backs up PostgreSQL installations")
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.skip("pg_dump and pg_restore are not installed")
    return cast


def test_pg_dump_and_pg_restore_give_back_every_row(postgres, tmp_path):
    """The cast is committed before the tests run, so pg_dump (another connection) sees what this test sees."""
    settings = connection.settings_dict
    source = (f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
              f"{settings['NAME']}")
    dump = tmp_path / "nightly.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), source], check=True, capture_output=True, timeout=300)
    target = Installation(tmp_path, "restored")
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", target.url, str(dump)], check=True, capture_output=True,
                       timeout=300)
        counted = target.python("from web.ops.backup import row_counts; import json; print(json.dumps(row_counts()))")
        assert counted.returncode == 0, counted.stderr
        assert json.loads(counted.stdout) == row_counts()
        migrated = target.python("from django.core.management import call_command; call_command('migrate', '--check')")
        assert migrated.returncode == 0, migrated.stderr + migrated.stdout  # the schema is complete, nothing to apply
    finally:
        target.remove()
