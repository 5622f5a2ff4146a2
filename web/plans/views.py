"""Plan pages: the list, importing a report (upload → preview → confirm), publishing, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from web.audit.services import history_of_plan, readable_events
from web.jobs.models import Job
from web.plans import jobs as import_jobs
from web.plans import selectors, services
from web.plans.access import (
    EDIT,
    INTERNAL,
    can_import,
    get_pending_import_for_user,
    get_plan_for_user,
    plans_for_user,
    require_importer,
)
from web.plans.forms import ImportForm, ImportTargetForm
from web.plans.import_guard import check_import, choose_import_target, kept, stop_reason
from web.plans.models import Issuer, PendingImport, Plan
from web.steps import refusal

PLANS_PER_PAGE = 50  # a province's supervisor reads 1,600 plans: a page at a time


def plan_list(request):
    """The plans the visitor may read, a page at a time; the public sees published plans only. Members land on
    their workbench (``web.workbench``) and reach this list from the top bar."""
    from django.core.paginator import Paginator

    page = Paginator(plans_for_user(request.user), PLANS_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.active_task_counts(page.object_list)
    plans = [(plan, counts.get(plan.pk, 0)) for plan in page.object_list]
    from web.accounts.roles import overseen_issuers

    return render(request, "plans/plan_list.html", {"plans": plans, "page": page,
                                                    "can_import": can_import(request.user),
                                                    "overseen": overseen_issuers(request.user)})


def _supervised_issuers(user):
    if user.is_superuser:
        return Issuer.objects.all()
    return Issuer.objects.filter(memberships__user=user, memberships__role="supervisor")


@login_required
def import_report(request):
    """Upload a report; a file that cannot be read shows its reader's message here."""
    require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None, issuers=_supervised_issuers(request.user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending, job = import_jobs.upload_report(request.user, data=upload.read(), filename=upload.name,
                                                 issuer=form.cleaned_data["issuer"], year=form.cleaned_data["year"],
                                                 rows=form.cleaned_data["rows"])
        if job.state != Job.State.FAILED:  # done (inline) or still queued: the preview page shows which
            return redirect("import_preview", pending.pk)
        import_jobs.discard_upload(pending)  # failed at once (inline): say why on the form, as before the queue
        form.add_error("file", job.error)
    return render(request, "plans/import_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def import_preview(request, pending_id):
    """Preview (GET) and confirm (POST) an uploaded report; "正在解析…" (htmx polling) while its job runs."""
    pending = get_pending_import_for_user(request, pending_id, PendingImport.Kind.REPORT)
    polling = bool(request.htmx)
    if pending.is_confirmed:
        if polling:  # stored while the page was polling "正在保存…": the whole page goes to the task table
            return HttpResponseClientRedirect(reverse("task_table", args=[pending.plan_id]))
        return redirect("task_table", pending.plan_id)
    job = import_jobs.extraction_of(pending) or import_jobs.queue_extraction(request.user, pending)
    confirmation = import_jobs.confirmation_of(pending)
    if confirmation is not None and not confirmation.is_finished:  # confirmed, the plan is being stored
        job = confirmation
    if not job.is_finished:
        if request.method == "POST":  # a second click on 确认导入 while the first is being stored
            return redirect("import_preview", pending.pk)
        return render(request, "plans/_import_progress.html" if polling else "plans/import_pending.html",
                      {"pending": pending, "job": job})
    if polling:  # finished while the page was polling: reload it whole, as the preview or the error
        return HttpResponseClientRefresh()
    if job.state == Job.State.FAILED:
        return render(request, "plans/import_form.html", {"form": None, "error": job.error}, status=400)
    pending.refresh_from_db(fields=["year"])  # the job fills in a year read from the report
    extracted, diff, stored = import_jobs.preview_of(pending, job)
    check = check_import(pending, extracted, stored)
    if request.method == "POST" and check.blocks:  # the preview offered no 确认导入: someone posted anyway
        messages.error(request, stop_reason(check))
        return redirect("import_preview", pending.pk)
    if request.method == "POST":
        confirmation = import_jobs.queue_confirmation(request.user, pending)
        if confirmation.state == Job.State.DONE:  # inline: stored already
            plan = Plan.objects.get(pk=confirmation.result["plan"])
            messages.success(request, f"已导入“{plan}”: {confirmation.result['tasks']} 项任务")
            return redirect("task_table", plan.pk)
        if not confirmation.is_finished:  # the page shows "正在保存…" until a worker has stored the plan
            return redirect("import_preview", pending.pk)
    from web.plans.preview import build_preview

    context = {"pending": pending, "preview": build_preview(extracted, diff), "diff": diff, "stored": stored,
               "warnings": extracted.plan.warnings, "check": check, "kept": kept(stored, diff) if stored else None,
               "target_form": ImportTargetForm(issuers=_supervised_issuers(request.user), initial={
                   "year": check.new_plan[1], "new_issuer": check.detected_issuer or "",
                   "parent": pending.issuer_id}),
               "confirm_error": confirmation.error if confirmation and confirmation.state == Job.State.FAILED else ""}
    return render(request, "plans/import_preview.html", context, status=400 if context["confirm_error"] else 200)


@require_POST
def import_target(request, pending_id):
    """Point an upload at another plan (a new issuer and/or year), or confirm the chosen one after a mismatch."""
    from django.core.exceptions import ValidationError

    pending = get_pending_import_for_user(request, pending_id, PendingImport.Kind.REPORT)
    form = ImportTargetForm(request.POST, issuers=_supervised_issuers(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            choose_import_target(request.user, pending, issuer=data["issuer"], new_issuer=data["new_issuer"],
                                 parent=data["parent"], year=data["year"], confirmed=data["confirmed"])
        except ValidationError as e:
            messages.error(request, refusal(e))
    else:
        messages.error(request, "请选择发文单位并填写年度")
    return redirect("import_preview", pending.pk)


@require_POST
def publish_plan(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    services.publish_plan(request.user, plan, published=request.POST.get("published") == "1")
    messages.success(request, "已公开" if plan.published else "已取消公开")
    return redirect("task_table", plan.pk)


EVENTS_PER_PAGE = 50  # the change log a page at a time: a year of a plan's changes is thousands


def history_page(request, events):
    """A page of ``events`` (newest first) as the user may read them, and the page for the pager."""
    from django.core.paginator import Paginator

    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return readable_events(request.user, page.object_list), page


def plan_history(request, plan_id):
    """Every change to the plan and its items, in the pages' words, a page at a time; members only."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    events, page = history_page(request, history_of_plan(plan))
    return render(request, "audit/history.html", {"plan": plan, "subject": plan, "events": events, "page": page})
