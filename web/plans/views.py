"""Plan pages: the list, importing a report (upload → preview → confirm), publishing, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from web.audit.services import history_of_plan
from web.plans import services
from web.plans.access import (
    EDIT,
    INTERNAL,
    can_import,
    get_pending_import_for_user,
    get_plan_for_user,
    plans_for_user,
    require_importer,
)
from web.plans.forms import ImportForm
from web.plans.importing import ImportFailed
from web.plans.models import Issuer, PendingImport


def home(request):
    """The plans the visitor may read; the public sees published plans only."""
    plans = plans_for_user(request.user)
    return render(request, "plans/plan_list.html", {"plans": plans, "can_import": can_import(request.user)})


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
        try:
            pending = services.import_plan(request.user, data=upload.read(), filename=upload.name,
                                           issuer=form.cleaned_data["issuer"], year=form.cleaned_data["year"])
        except ImportFailed as e:
            form.add_error("file", str(e))
        else:
            return redirect("import_preview", pending.pk)
    return render(request, "plans/import_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def import_preview(request, pending_id):
    """Preview (GET) and confirm (POST) an uploaded report."""
    pending = get_pending_import_for_user(request, pending_id, PendingImport.Kind.REPORT)
    if pending.is_confirmed:
        return redirect("task_table", pending.plan_id)
    try:
        extracted, diff, stored = services.preview_import(pending)
    except ImportFailed as e:
        return render(request, "plans/import_form.html", {"form": None, "error": str(e)}, status=400)
    if request.method == "POST":
        plan = services.confirm_import(request.user, pending)
        messages.success(request, f"已导入“{plan}”: {plan.active_tasks().count()} 项任务")
        return redirect("task_table", plan.pk)
    from web.plans.preview import build_preview

    context = {"pending": pending, "preview": build_preview(extracted, diff), "diff": diff, "stored": stored,
               "warnings": extracted.plan.warnings}
    return render(request, "plans/import_preview.html", context)


@require_POST
def publish_plan(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    services.publish_plan(request.user, plan, published=request.POST.get("published") == "1")
    messages.success(request, "已公开" if plan.published else "已取消公开")
    return redirect("task_table", plan.pk)


def plan_history(request, plan_id):
    """Every change to the plan and its items; members only."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    events = history_of_plan(plan)[:500]
    return render(request, "audit/history.html", {"plan": plan, "subject": plan, "events": events})
