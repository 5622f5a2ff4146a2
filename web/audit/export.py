"""The audit log for the auditor (审计记录导出): the same rows as the page, as CSV or .xlsx.

Every text cell goes through the core's ``neutralise``, as the task table's export does: an actor name or a
note typed as ``=HYPERLINK(…)`` stays text in a spreadsheet (公式注入防护), in the CSV too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from openpyxl import Workbook

from luoshi.export.xlsx import neutralise
from web.audit.models import AuditEvent
from web.audit.services import action_label

HEADER = ["链序号", "时间", "操作人", "操作", "对象类型", "对象编号", "对象", "说明", "来源地址", "杂凑算法", "杂凑值"]


def rows_of(events: Iterable[AuditEvent]) -> Iterator[list]:
    for e in events:
        address = e.ip or ("已匿名化" if e.ip_digest else "")
        texts = [e.actor_name, action_label(e.action), e.object_type, e.object_id, e.object_repr, e.note]
        when = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")
        yield [e.seq or "", when, *(neutralise(t or "") for t in texts), address, e.algorithm, e.hash]


def as_csv(events: Iterable[AuditEvent]) -> Iterator[str]:
    """CSV lines (UTF-8 with a BOM first, so spreadsheet programs read the Chinese), streamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in [HEADER, *rows_of(events)]:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def as_xlsx(events: Iterable[AuditEvent]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计记录")
    ws.append(HEADER)
    for row in rows_of(events):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
