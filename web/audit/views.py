"""The auditor's pages (审计管理员): the audit log with filters, its export, and a check of the chain.

Only the auditor (``AdminDuty.Duty.AUDIT``) reaches them; reading and exporting are themselves audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from web.accounts.models import AdminDuty
from web.accounts.roles import require_duty
from web.audit import chain, export
from web.audit.models import AuditEvent
from web.audit.services import ACTION_LABELS, record_security

AUDIT = AdminDuty.Duty.AUDIT


def _filtered(request):
    """The rows the filters in the query string select, newest first, and the filters as given."""
    events = AuditEvent.objects.order_by("-at", "-pk")
    given = {k: (request.GET.get(k) or "").strip() for k in ("from", "to", "action", "who")}
    for key, lookup in (("from", "at__gte"), ("to", "at__lt")):
        try:
            day = dt.date.fromisoformat(given[key]) if given[key] else None
        except ValueError:
            day = None
        if day is not None:
            day += dt.timedelta(days=1 if key == "to" else 0)
            events = events.filter(**{lookup: timezone.make_aware(dt.datetime.combine(day, dt.time()))})
    if given["action"]:
        events = events.filter(action=given["action"])
    if given["who"]:
        events = events.filter(actor_name__icontains=given["who"])
    return events, given


@login_required
def audit_log(request):
    require_duty(request, AUDIT)
    events, given = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "manage/audit_log.html", {
        "page": page, "given": given, "actions": sorted(ACTION_LABELS.items()), "query": request.GET.urlencode()})


@login_required
def audit_export(request, fmt: str):
    require_duty(request, AUDIT)
    events, given = _filtered(request)
    note = ", ".join(f"{k}={v}" for k, v in given.items() if v) or "全部"
    record_security(request, "export.audit_log", note=f"{fmt}: {note}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(export.as_csv(events.iterator(chunk_size=2000)),
                                         content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export.as_xlsx(events.iterator(chunk_size=2000)),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{fmt}"'
    return response


@require_POST
@login_required
def audit_verify(request):
    """校验审计链: walk the chain now and show what is wrong, row by row."""
    require_duty(request, AUDIT)
    result = chain.verify()
    record_security(request, "audit.verify", note=f"{result.checked} 条, {len(result.findings)} 处问题")
    return render(request, "manage/audit_verify.html", {"result": result})
