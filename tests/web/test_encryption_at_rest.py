"""Sensitive data at rest (数据保密性, 剩余信息保护): evidence files and backups encrypted with SM4-GCM (or
AES-256-GCM) under LUOSHI_ENCRYPTION_KEY, key rotation, and files purged when their rows go."""

from __future__ import annotations

import os
import time
import zipfile

import pytest
import supervision_fixtures as fixtures
from django.core.management import CommandError, call_command
from django.urls import reverse
from test_backup import EVIDENCE, source, target  # noqa: F401  (fixtures)

from web.crypto import envelope
from web.ops import backup
from web.ops.restore import restore_backup
from web.supervision.models import Evidence
from web.supervision.residual import purge_orphan_evidence

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
KEY, OTHER = envelope.new_key_text(), envelope.new_key_text()


@pytest.fixture
def keyed(settings, tmp_path):
    settings.LUOSHI_ENCRYPTION_KEY, settings.LUOSHI_ENCRYPTION_OLD_KEYS = KEY, []
    settings.LUOSHI_DATA_DIR = tmp_path / "data"
    return settings


def stored(supervised) -> Evidence:
    fixtures.submit(supervised, files=[fixtures.upload("现场.jpg", EVIDENCE)])
    return Evidence.objects.get()


def test_it_round_trips_any_size_and_refuses_a_changed_byte(keyed, tmp_path):
    for size in (0, 1, envelope.CHUNK, envelope.CHUNK * 2 + 5):
        data = os.urandom(size)
        path = tmp_path / f"f{size}"
        envelope.write_file(path, [data[:7], data[7:]])
        assert envelope.is_sealed(path) and b"".join(envelope.read_chunks(path)) == data
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(envelope.EncryptionError, match="校验失败"):
        b"".join(envelope.read_chunks(path))
    path.write_bytes(bytes(raw[: envelope.HEADER.size + envelope.CHUNK + envelope.TAG]))  # cut after a chunk
    with pytest.raises(envelope.EncryptionError):
        b"".join(envelope.read_chunks(path))


def test_it_uses_sm4_where_openssl_has_it(keyed, tmp_path):
    envelope.write_file(tmp_path / "f", [b"x"])
    cipher = envelope.read_header((tmp_path / "f").read_bytes())[0]
    assert cipher == (envelope.SM4_GCM if envelope.sm4_available() else envelope.AES_256_GCM)


def test_it_stores_evidence_encrypted_and_serves_it_plain(keyed, supervised, as_):
    item = stored(supervised)
    on_disk = item.file_path.read_bytes()
    assert on_disk.startswith(envelope.MAGIC) and b"site photo" not in on_disk
    assert item.file_path.stat().st_mode & 0o777 == 0o600
    response = as_("supervisor").get(reverse("evidence", args=[item.pk]))
    assert b"".join(response.streaming_content) == EVIDENCE


def test_without_a_key_evidence_is_stored_as_it_is(settings, tmp_path, supervised):
    settings.LUOSHI_ENCRYPTION_KEY, settings.LUOSHI_DATA_DIR = "", tmp_path
    assert stored(supervised).file_path.read_bytes() == EVIDENCE


def test_rotation_re_encrypts_every_file_with_the_new_key(keyed, supervised, tmp_path):
    item = stored(supervised)
    keyed.LUOSHI_ENCRYPTION_KEY, keyed.LUOSHI_ENCRYPTION_OLD_KEYS = OTHER, [KEY]
    call_command("rotate_encryption_key")
    assert envelope.key_id_of(item.file_path) == envelope.parse_key(OTHER).id
    keyed.LUOSHI_ENCRYPTION_OLD_KEYS = []  # the old key can go now
    assert b"".join(envelope.read_chunks(item.file_path)) == EVIDENCE


def test_rotation_says_which_files_it_cannot_open(keyed, supervised):
    stored(supervised)
    keyed.LUOSHI_ENCRYPTION_KEY = OTHER  # the old key forgotten
    with pytest.raises(CommandError, match="LUOSHI_ENCRYPTION_OLD_KEYS"):
        call_command("rotate_encryption_key")


def test_an_evidence_file_goes_with_its_row(keyed, supervised, django_capture_on_commit_callbacks):
    item = stored(supervised)
    path = item.file_path
    with django_capture_on_commit_callbacks(execute=True):
        item.report.delete()
    assert not path.exists()


def test_the_daily_sweep_removes_files_no_row_names(keyed, supervised):
    item = stored(supervised)
    orphan = item.file_path.with_name("orphan.jpg")
    orphan.write_bytes(b"left behind")
    assert purge_orphan_evidence() == 0  # too young: may be an upload in progress
    old = time.time() - 7200
    os.utime(orphan, (old, old))
    os.utime(item.file_path, (old, old))
    assert purge_orphan_evidence() == 1 and not orphan.exists() and item.file_path.exists()


def test_a_backup_is_encrypted_and_restores_with_the_key(source, target, tmp_path, settings, monkeypatch):  # noqa: F811
    settings.LUOSHI_ENCRYPTION_KEY = KEY
    archive = tmp_path / "luoshi.zip"
    manifest = backup.write_backup(archive)
    assert manifest["encrypted"] and archive.read_bytes().startswith(envelope.MAGIC)
    assert not zipfile.is_zipfile(archive)
    refused = target.luoshi("restore", str(archive))
    assert refused.returncode != 0 and "无法解密备份" in refused.stderr + refused.stdout
    monkeypatch.setenv("LUOSHI_ENCRYPTION_KEY", KEY)
    restored = target.luoshi("restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "已从" in restored.stdout


def test_a_changed_backup_is_refused_before_anything_is_restored(source, tmp_path, settings):  # noqa: F811
    settings.LUOSHI_ENCRYPTION_KEY = KEY
    archive = tmp_path / "luoshi.zip"
    backup.write_backup(archive)
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    archive.write_bytes(bytes(raw))
    with pytest.raises(backup.BackupError, match="无法解密备份"):
        restore_backup(archive, force=True)
