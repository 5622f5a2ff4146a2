"""Keeping the audit log (审计记录保存): addresses anonymised after the security administrator's number of days,
old rows moved to a signed archive file, never a row younger than 180 days removed.

Both run daily from ``manage.py audit_maintenance`` and keep the chain verifiable:

- Anonymising (``anonymise_addresses``) empties ``ip`` and ``ip_salt`` of rows older than the retention; the
  chain covers ``ip_digest`` only, which stays (see ``web.audit.chain``).
- Archiving (``archive_events``) moves the oldest part of the chain, every row up to the first one younger
  than the limit, to ``LUOSHI_AUDIT_ARCHIVE_DIR/audit-<first>-<last>.jsonl``: one JSON row per line, then a
  last line with the count, the last row's hash and an HMAC over the file's lines (key derived from
  ``LUOSHI_ENCRYPTION_KEY``, else from ``SECRET_KEY``). The chain head remembers the last archived row's
  position and hash, so the rows left start from it, and an ``audit.archive`` event (chained like any row)
  records the file's name and digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from web.audit.chain import seal_pending
from web.audit.models import AuditChainHead, AuditEvent, AuditPolicy
from web.audit.services import record_security


def anonymise_addresses(days: int, now: dt.datetime | None = None) -> int:
    """Empty the address of every row older than ``days`` (0: none); returns how many rows were changed."""
    if not days:
        return 0
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        changed = AuditEvent.objects.filter(at__lt=cutoff, ip__isnull=False).update(ip=None, ip_salt="")
        if changed:
            record_security(None, "audit.anonymise", username="系统", note=f"{changed} 条记录, 早于 {cutoff:%Y-%m-%d}")
    return changed


def archive_key() -> bytes:
    material = settings.LUOSHI_ENCRYPTION_KEY or settings.SECRET_KEY
    return hashlib.sha256(b"luoshi audit archive\0" + material.encode()).digest()


def _line(event: AuditEvent) -> str:
    fields = {f.attname: getattr(event, f.attname) for f in AuditEvent._meta.concrete_fields}
    fields["at"] = event.at.isoformat(timespec="microseconds")  # the encoder would cut it to milliseconds
    return json.dumps(fields, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def archive_events(days: int, now: dt.datetime | None = None) -> Path | None:
    """Move the rows of the chain older than ``days`` (at least 180; 0: none) to a signed file; returns it."""
    if not days:
        return None
    days = max(days, AuditPolicy.MINIMUM_KEEP_DAYS)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    seal_pending()
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            return None
        young = AuditEvent.objects.filter(seq__isnull=False, at__gte=cutoff).order_by("seq").first()
        last_seq = (young.seq - 1) if young else head.seq
        rows = AuditEvent.objects.filter(seq__gt=head.archived_seq, seq__lte=last_seq).order_by("seq")
        if not rows.exists():
            return None
        directory = Path(settings.LUOSHI_AUDIT_ARCHIVE_DIR)
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        first_seq = head.archived_seq + 1
        path = directory / f"audit-{first_seq:09d}-{last_seq:09d}.jsonl"
        mac, sha, count, last_hash = hmac.new(archive_key(), digestmod="sha256"), hashlib.sha256(), 0, ""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for event in rows.iterator(chunk_size=2000):
                line = _line(event) + "\n"
                out.write(line)
                mac.update(line.encode())
                sha.update(line.encode())
                count, last_hash = count + 1, event.hash
            seal = {"rows": count, "first_seq": first_seq, "last_seq": last_seq, "last_hash": last_hash,
                    "hmac_sha256": mac.hexdigest()}
            out.write(json.dumps({"archive_seal": seal}, sort_keys=True) + "\n")
        rows.delete()
        head.archived_seq, head.archived_hash = last_seq, last_hash
        head.save(update_fields=["archived_seq", "archived_hash"])
        record_security(None, "audit.archive", username="系统",
                        note=f"第 {first_seq}–{last_seq} 条共 {count} 条移入 {path.name} (sha256 {sha.hexdigest()})")
    return path


def check_archive(path: Path) -> bool:
    """True when an archive file's lines match its seal (HMAC) and its rows chain to each other."""
    from web.audit.chain import row_hash

    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    if not lines:
        return False
    seal = json.loads(lines[-1]).get("archive_seal") or {}
    mac = hmac.new(archive_key(), digestmod="sha256")
    previous = None
    for line in lines[:-1]:
        mac.update(line.encode())
        data = json.loads(line)
        event = AuditEvent(**{k: v for k, v in data.items() if k != "at"})
        event.at = dt.datetime.fromisoformat(data["at"].replace("Z", "+00:00"))
        if row_hash(event) != event.hash or (previous is not None and event.prev_hash != previous):
            return False
        previous = event.hash
    return hmac.compare_digest(mac.hexdigest(), seal.get("hmac_sha256", "")) and previous == seal.get("last_hash")
