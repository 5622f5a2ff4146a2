"""Importing an edited 任务分解表: upload (kept as a pending import), preview, apply all or nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from web.audit.services import record
from web.exports.xlsx import TableRead, read_task_table
from web.plans.models import PendingImport, Plan
from web.plans.services import ServiceError, assign_task, edit_task, refuse_closed


def upload_task_table(actor, plan: Plan, *, data: bytes, filename: str) -> PendingImport:
    """Keep an uploaded table for preview; nothing in the plan changes yet."""
    refuse_closed(plan)
    with transaction.atomic():
        return PendingImport.objects.create(kind=PendingImport.Kind.TASK_TABLE, created_by=actor, filename=filename,
                                            data=bytes(data), plan=plan, issuer=plan.issuer, year=plan.year)


def preview_task_table(pending: PendingImport) -> TableRead:
    return read_task_table(pending.data, pending.plan)


def apply_task_table(actor, pending: PendingImport) -> int:
    """Apply an edited table (导入任务分解表): every changed row through ``edit_task``/``assign_task``, in one
    transaction; any error and nothing changes. Returns the number of tasks changed."""
    with transaction.atomic():
        pending = PendingImport.objects.select_for_update().get(pk=pending.pk)
        if pending.is_confirmed:
            raise ServiceError("该表格已经导入过了")
        table = read_task_table(pending.data, pending.plan)
        if table.errors:
            raise ServiceError(f"表格有 {len(table.errors)} 处错误, 未导入: {table.errors[0]}")
        for change in table.changes:
            if "任务" in change.changes or "完成时限" in change.changes:
                # Checked again here, in the transaction: an edit made since the table was read loses nothing.
                edit_task(actor, change.task, text=change.text, deadline=change.deadline,
                          expected_version=change.version)
            if "牵头单位" in change.changes or "配合单位" in change.changes:
                assign_task(actor, change.task, lead=change.lead, cooperating=change.cooperating)
        pending.confirmed_at = timezone.now()
        pending.save(update_fields=["confirmed_at"])
        record(actor, "task_table.apply", pending.plan, None, {"rows": table.rows, "changed": len(table.changes)},
               note=pending.filename)
        return len(table.changes)
