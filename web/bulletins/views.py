"""The bulletin page (督查通报): choose a period, read it, download it as .docx or PDF. Members only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from web.bulletins.content import INDICATOR_HEADER, build_bulletin
from web.plans.access import INTERNAL, get_plan_for_user
from web.supervision.models import ReportingCadence

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _periods(plan):
    cadence = ReportingCadence.for_plan(plan)
    today = cadence.today()
    return [p for p in cadence.periods() if p.start <= today]


@login_required
def bulletin(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    periods = _periods(plan)
    if not periods:
        return render(request, "bulletins/bulletin.html", {"plan": plan, "periods": [], "b": None})
    key = request.GET.get("period") or periods[-1].key
    try:
        b = build_bulletin(plan, key)
    except ValueError:
        raise Http404 from None
    return render(request, "bulletins/bulletin.html", {"plan": plan, "periods": periods, "period": key, "b": b,
                                                       "indicator_header": INDICATOR_HEADER})


@login_required
def bulletin_download(request, plan_id, period, fmt):
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    if fmt not in FORMATS:
        raise Http404
    try:
        b = build_bulletin(plan, period)
    except ValueError:
        raise Http404 from None
    if fmt == "docx":
        from web.bulletins.docx import render_docx as render_file
    else:
        from web.bulletins.pdf import render_pdf as render_file
    response = HttpResponse(render_file(b), content_type=FORMATS[fmt])
    filename = f"督查通报-{plan.issuer.name}-{period}.{fmt}"
    from urllib.parse import quote

    response["Content-Disposition"] = (f"attachment; filename=\"bulletin-{period}.{fmt}\"; "
                                       f"filename*=UTF-8''{quote(filename)}")
    return response
