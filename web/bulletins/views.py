"""The bulletin page (督查通报): choose a period, read it, download it as .docx or PDF. Members only.

The files are made by a background job (``web/bulletins/jobs.py``): at once in inline mode, by a worker in queue mode.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from web.audit.services import record_security
from web.bulletins import jobs as bulletin_jobs
from web.bulletins import layout
from web.bulletins import services as bulletin_services
from web.bulletins.content import build_bulletin
from web.bulletins.jobs import FORMATS
from web.bulletins.models import SECTIONS, Bulletin
from web.jobs import services as jobs
from web.jobs.models import Job
from web.plans.access import EDIT, INTERNAL, can_edit_plan, get_plan_for_user
from web.supervision.models import ReportingCadence


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
    context = {"plan": plan, "periods": periods, "period": key, "b": b, "blocks": layout.blocks(b),
               "stored": Bulletin.objects.filter(plan=plan, period=key).first()}
    if can_edit_plan(request.user, plan):
        context["fields"] = [(k, label, b.texts.get(k, "")) for k, label in SECTIONS]
    return render(request, "bulletins/bulletin.html", context)


@login_required
@require_POST
def bulletin_save(request, plan_id, period):
    """The 督查室 keeps its edited text of the period's bulletin (草稿)."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    texts = {key: request.POST.get(key, "") for key, _ in SECTIONS}
    try:
        bulletin_services.save_bulletin_draft(request.user, plan, period, title=request.POST.get("title", ""),
                                              texts=texts)
        messages.success(request, "通报草稿已保存")
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect(f"{reverse('bulletin', args=[plan.pk])}?period={period}")


@login_required
@require_POST
def bulletin_issue(request, plan_id, period):
    """The 督查室 issues the period's bulletin (印发) with its 期号; the group chats get a short notice."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    page = f"{reverse('bulletin', args=[plan.pk])}?period={period}"
    try:
        b = bulletin_services.issue_bulletin(request.user, plan, period, link=request.build_absolute_uri(page))
        messages.success(request, f"已印发:{b.year}年第{b.number}期")
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect(page)


@login_required
def bulletin_download(request, plan_id, period, fmt):
    """The bulletin file, made by a job: served at once when it has finished (inline mode), else a page
    that waits for it. Asking again while a job of the same file is still waiting reuses that job."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    if fmt not in FORMATS:
        raise Http404
    try:
        ReportingCadence.for_plan(plan).parse(period)
    except ValueError:
        raise Http404 from None
    subject = bulletin_jobs.subject_of(plan.pk, period, fmt)
    job = Job.objects.filter(subject=subject, created_by=request.user, state__in=[Job.State.QUEUED, Job.State.RUNNING]
                             ).defer("output").first()
    if job is None:
        job = jobs.enqueue(bulletin_jobs.BULLETIN_FILE, {"plan": plan.pk, "period": period, "format": fmt},
                           subject=subject, created_by=request.user)
    if job.state == Job.State.DONE:
        return _file_response(request, plan, Job.objects.get(pk=job.pk))
    return redirect("bulletin_job", plan.pk, job.pk)


def _job_for(request, plan_id, job_id) -> tuple:
    """The plan (members only, as for the page) and a bulletin job of it that this user asked for."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    job = get_object_or_404(Job.objects.defer("output"), pk=job_id, kind=bulletin_jobs.BULLETIN_FILE,
                            created_by=request.user)
    if job.payload.get("plan") != plan.pk:
        raise Http404
    return plan, job


@login_required
def bulletin_job(request, plan_id, job_id):
    """Waiting for a bulletin file: polls (htmx) until the download link, or the one-line error, shows."""
    plan, job = _job_for(request, plan_id, job_id)
    context = {"plan": plan, "job": job}
    if request.htmx:  # 200 even when failed: htmx swaps in only a 2xx answer
        return render(request, "bulletins/_bulletin_job.html", context)
    return render(request, "bulletins/bulletin_job.html", context, status=500 if job.state == Job.State.FAILED else 200)


@login_required
def bulletin_job_file(request, plan_id, job_id):
    plan, job = _job_for(request, plan_id, job_id)
    if job.state != Job.State.DONE:
        raise Http404
    return _file_response(request, plan, Job.objects.get(pk=job.pk))


def _file_response(request, plan, job: Job) -> HttpResponse:
    """The finished file, its download written to the audit log as a security event (导出)."""
    period, fmt = job.payload["period"], job.payload["format"]
    record_security(request, "export.bulletin", obj=plan, note=f"{period}.{fmt}")
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    add_never_cache_headers(response)
    response["Content-Disposition"] = (f"attachment; filename=\"bulletin-{period}.{fmt}\"; "
                                       f"filename*=UTF-8''{quote(job.output_name)}")
    return response
