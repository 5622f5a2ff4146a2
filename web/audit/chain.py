"""The audit chain (审计链): every audit row hashed together with the hash of the row before it, so a row
changed, removed or slipped in afterwards shows.

Sealing. ``AuditEvent.save`` inserts a row unsealed (no ``seq``) inside the caller's transaction and asks for
``seal_pending`` once that transaction commits. Sealing locks the chain head (``AuditChainHead``, one row:
``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction holds the database's write lock from its
start), takes the unsealed rows in id order and gives each the next ``seq``, ``prev_hash`` and its ``hash``.
Two processes sealing at once therefore append one after the other, and a workflow's own transaction never
waits for the chain. Rows that were committed but not yet sealed (a process killed in between, rows bulk-
loaded by ``generate_scale``) are sealed by the next seal, or by ``manage.py audit_maintenance``.

What is hashed (``content``): the chain position and algorithm, the previous hash, the time (UTC,
microseconds), actor name, action, object type, id and text, plan id, before, after, note and ``ip_digest``,
as canonical JSON. Not hashed: the actor's user id (set to NULL when an account is deleted) and the address
itself, which is covered by ``ip_digest`` = H(salt ‖ address) with a random 128-bit salt kept beside it.
Anonymising (``web.audit.retention``) empties the address and its salt: the digest stays, the chain still
verifies, and with the salt gone the digest no longer tells the address, not even by trying all 2³² of them.
While the address is there, ``verify`` checks it against the digest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction

from web.audit.models import AuditChainHead, AuditEvent
from web.crypto.digest import hexdigest, preferred_algorithm, sm3_available

log = logging.getLogger(__name__)
BATCH = 2000

__all__ = ["Finding", "Verification", "address_digest", "content", "preferred_algorithm", "row_hash",
           "seal_after_commit", "seal_pending", "verify"]


def address_digest(salt: str, ip: str, algorithm: str) -> str:
    """H(salt ‖ address): what the chain covers in place of the address."""
    return hexdigest(bytes.fromhex(salt) + str(ip).encode(), algorithm)


def content(event: AuditEvent) -> bytes:
    """The canonical bytes of a row that its hash covers (see the module's docstring)."""
    at = event.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    fields = {
        "seq": event.seq, "algorithm": event.algorithm, "prev": event.prev_hash, "at": at,
        "actor": event.actor_name, "action": event.action, "object_type": event.object_type,
        "object_id": event.object_id, "object": event.object_repr, "plan": event.plan_id,
        "before": event.before, "after": event.after, "note": event.note, "ip_digest": event.ip_digest,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def row_hash(event: AuditEvent) -> str:
    return hexdigest(content(event), event.algorithm)


# --- sealing -------------------------------------------------------------------------------------------------


def seal_after_commit() -> None:
    """``on_commit`` of a new audit row: seal it (and other waiting rows, one batch at most, so a request
    never carries a large backlog: ``audit_maintenance`` seals the rest) unless another process did."""
    if AuditEvent.objects.filter(seq__isnull=True).exists():
        seal_pending(max_batches=1)


def _locked_head() -> AuditChainHead:
    """The chain head, locked until the end of the current transaction; made when missing."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # No head (a new installation, or a test database just flushed): start from the last sealed row.
    last = AuditEvent.objects.filter(seq__isnull=False).order_by("-seq").first()
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": last.seq if last else 0,
                                                        "hash": last.hash if last else ""})
    return AuditChainHead.objects.select_for_update().get(pk=1)


def _store_seals(rows: list[AuditEvent]) -> None:
    """One UPDATE per row, sent together (``bulk_update``'s CASE over 2,000 rows is quadratic on SQLite)."""
    table, q = AuditEvent._meta.db_table, connection.ops.quote_name
    sql = (f"UPDATE {q(table)} SET {q('seq')} = %s, {q('prev_hash')} = %s, {q('algorithm')} = %s, "
           f"{q('hash')} = %s WHERE {q('id')} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(e.seq, e.prev_hash, e.algorithm, e.hash, e.pk) for e in rows])


def seal_pending(batch: int = BATCH, max_batches: int | None = None) -> int:
    """Seal every row not yet in the chain (or ``max_batches`` batches of them), oldest id first; returns how
    many were sealed."""
    total, batches = 0, 0
    while max_batches is None or batches < max_batches:
        batches += 1
        with transaction.atomic():
            head = _locked_head()
            rows = list(AuditEvent.objects.filter(seq__isnull=True).order_by("pk")[:batch])
            if not rows:
                return total
            for event in rows:
                head.seq += 1
                event.seq, event.prev_hash = head.seq, head.hash
                event.algorithm = event.algorithm or preferred_algorithm()
                event.hash = head.hash = row_hash(event)
            _store_seals(rows)
            head.save(update_fields=["seq", "hash"])
        total += len(rows)
        if len(rows) < batch:
            return total
    return total


# --- verifying -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the chain, for the auditor: what and which row (id, chain position)."""

    kind: str  # changed, removed, relinked, address, head, unsealed, algorithm
    message: str
    event_id: int | None = None
    seq: int | None = None


@dataclass
class Verification:
    checked: int = 0
    unsealed: int = 0
    algorithms: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.findings


def _sealed_rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=BATCH)


def _describe(event: AuditEvent) -> str:
    return f"第 {event.seq} 条 (记录编号 {event.pk}, {event.at:%Y-%m-%d %H:%M:%S}, {event.actor_name} {event.action})"


def verify() -> Verification:
    """Walk the whole chain: every row's hash, every link, every address against its digest, and the head."""
    result = Verification()
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_seq = (head.archived_seq if head else 0) + 1
    expected_prev = head.archived_hash if head else ""
    previous: AuditEvent | None = None
    for event in _sealed_rows():
        result.checked += 1
        result.algorithms.add(event.algorithm)
        if event.seq != expected_seq:
            where = f"在{_describe(previous)}之后" if previous else "在链首"
            gone = f"第 {expected_seq} 条" if event.seq == expected_seq + 1 else f"第 {expected_seq}–{event.seq - 1} 条"
            result.findings.append(Finding("removed", f"{gone}记录已被删除 ({where}, {_describe(event)}之前)",
                                           event.pk, expected_seq))
        elif event.prev_hash != expected_prev:
            if previous is not None:
                result.findings.append(Finding("relinked", f"{_describe(previous)}被改动后重新计算了杂凑值, "
                                                           f"与下一条记录的链接不符", previous.pk, previous.seq))
            else:
                result.findings.append(Finding("relinked", f"{_describe(event)}与归档锚点不符", event.pk, event.seq))
        if event.algorithm == "sm3" and not sm3_available():
            result.findings.append(Finding("algorithm", f"{_describe(event)}用 SM3 计算, 本机不支持 SM3, 无法校验",
                                           event.pk, event.seq))
        elif row_hash(event) != event.hash:
            result.findings.append(Finding("changed", f"{_describe(event)}的内容已被改动 (与记录的杂凑值不符)",
                                           event.pk, event.seq))
        if event.ip and (not event.ip_digest or not event.ip_salt
                         or address_digest(event.ip_salt, event.ip, event.algorithm) != event.ip_digest):
            result.findings.append(Finding("address", f"{_describe(event)}的来源地址已被改动", event.pk, event.seq))
        expected_seq, expected_prev, previous = event.seq + 1, event.hash, event
    last_seq = expected_seq - 1
    if head is not None and head.seq > last_seq:
        gone = f"第 {last_seq + 1} 条" if head.seq == last_seq + 1 else f"第 {last_seq + 1}–{head.seq} 条"
        result.findings.append(Finding("removed", f"{gone}记录 (链尾) 已被删除", None, last_seq + 1))
    elif head is not None and head.seq == last_seq and previous is not None and head.hash != previous.hash:
        result.findings.append(Finding("head", f"链尾{_describe(previous)}与链头记录的杂凑值不符", previous.pk,
                                       previous.seq))
    result.unsealed = AuditEvent.objects.filter(seq__isnull=True).count()
    return result


