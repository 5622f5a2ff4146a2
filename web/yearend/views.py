"""The year-end pages: the 兑现表 (members; the public one for published plans) and the year-end close."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from web.audit.services import record_security
from web.plans.access import EDIT, INTERNAL, can_edit_plan, get_plan_for_user
from web.plans.models import Plan
from web.plans.services import ServiceError
from web.yearend import accountability, bulletin, selectors, services
from web.yearend.forms import CloseForm, NextReportForm


def _accountability_page(request, plan, form, *, status=200):
    review = selectors.latest_review(plan)
    return render(request, "yearend/accountability.html", {
        "plan": plan, "review": review, "rows": accountability.rows(review) if review else [], "form": form,
        "can_edit": can_edit_plan(request.user, plan)}, status=status)


@login_required
def accountability_table(request, plan_id):
    """The 兑现表: every target of the plan year, what next year's report claims, beside the office's figures."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    return _accountability_page(request, plan, NextReportForm())


@login_required
@require_POST
def upload_next_report(request, plan_id):
    """The 督查室 uploads next year's report: the 兑现表 is made from it and kept."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = NextReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _accountability_page(request, plan, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        review = services.review_accountability(request.user, plan, data=upload.read(), filename=upload.name)
    except ServiceError as e:  # unreadable, another year, no review part: said on the form, nothing kept
        form.add_error("file", str(e))
        return _accountability_page(request, plan, form, status=400)
    messages.success(request, f"已生成兑现表:{review.source_name}")
    return redirect("accountability_table", plan.pk)


def public_accountability(request, plan_id):
    """The 兑现表 of a published plan, for everyone: the report's words and the office's approved figures."""
    plan = get_object_or_404(Plan.objects.published().select_related("issuer"), pk=plan_id)
    review = selectors.latest_review(plan)
    if review is None:
        raise Http404
    return render(request, "yearend/public_accountability.html",
                  {"plan": plan, "review": review, "rows": accountability.rows(review)})


@login_required
def year_end(request, plan_id):
    """年终: the close form (督查室) while the year is open; every row's final state and the scores once closed."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    close = selectors.close_of(plan)
    form = None
    if close is None and can_edit_plan(request.user, plan):
        form = CloseForm(rows=selectors.suggested_states(plan))
    return _year_end_page(request, plan, close, form)


def _year_end_page(request, plan, close, form, *, status=200):
    return render(request, "yearend/year_end.html", {
        "plan": plan, "close": close, "form": form, "formula": bulletin.SCORE_FORMULA,
        "outcomes": bulletin.outcomes_of(close) if close else [], "notes": bulletin.outcome_note,
        "scores": close.scores if close else []}, status=status)


@login_required
@require_POST
def close_year(request, plan_id):
    """The 督查室 closes the plan's year: every row's final state; 结转 rows go to next year's plan."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = CloseForm(request.POST, rows=selectors.suggested_states(plan))
    if not form.is_valid():
        return _year_end_page(request, plan, None, form, status=400)
    close = services.close_plan_year(request.user, plan, form.outcomes())
    messages.success(request, f"{plan.year}年度已年终关闭" + (f",结转任务已转入{close.next_plan}" if close.next_plan
                                                         else ""))
    return redirect("year_end", plan.pk)


@login_required
def year_end_bulletin(request, plan_id):
    """The year-end bulletin (.docx): every row's final state, the departments' scores."""
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    close = selectors.close_of(plan)
    if close is None:
        raise Http404
    record_security(request, "export.bulletin", obj=plan, note="年终通报.docx")
    response = HttpResponse(bulletin.render(close), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    add_never_cache_headers(response)
    name = f"{plan}年终通报.docx"
    response["Content-Disposition"] = (f"attachment; filename=\"year-end-{plan.year}.docx\"; "
                                       f"filename*=UTF-8''{quote(name)}")
    return response
