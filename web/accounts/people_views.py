"""The office runs its people (部门与人员): departments and accounts of its issuer, without the admin site.

Every page asks ``web.accounts.access``; every change is one service in ``people_services`` (audited).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from web.accounts import people_services as services
from web.accounts.access import (
    get_department_for_user,
    get_issuer_office_for_user,
    get_membership_for_user,
    managed_issuers,
)
from web.accounts.models import Department, Membership
from web.accounts.people_forms import AccountForm, DepartmentForm
from web.audit.models import AuditEvent
from web.audit.services import readable_events
from web.steps import carry_out

RECENT_CHANGES = 30


@login_required
def office_home(request):
    """Straight to the office page of the issuer the user's 督查室 runs."""
    issuers = managed_issuers(request.user)
    if not issuers:
        raise PermissionDenied
    return redirect("office", issuers[0].pk)


@login_required
def office(request, issuer_id):
    """部门与人员: the issuer's departments (with 分管领导 and 责任人) and accounts, and their recent changes."""
    issuer = get_issuer_office_for_user(request, issuer_id)
    departments = (Department.objects.filter(issuer=issuer).select_related("leader_in_charge", "responsible")
                   .order_by("order", "name"))
    members = list(Membership.objects.filter(issuer=issuer).select_related("user", "department")
                   .order_by("role", "department__order", "user__username"))
    elsewhere = set(Membership.objects.filter(user__in=[m.user_id for m in members]).exclude(issuer=issuer)
                    .values_list("user_id", flat=True))
    for m in members:
        m.runnable = m.user_id not in elsewhere and not (m.user.is_superuser or m.user.is_staff)
    changes = AuditEvent.objects.filter(
        object_type="accounts.department", object_id__in=[str(d.pk) for d in departments]) | AuditEvent.objects.filter(
        object_type="accounts.membership", object_id__in=[str(m.pk) for m in members])
    return render(request, "accounts/office.html", {
        "issuer": issuer, "departments": departments, "members": members,
        "changes": readable_events(request.user, changes.order_by("-at", "-pk")[:RECENT_CHANGES])})


@login_required
def department_add(request, issuer_id):
    issuer = get_issuer_office_for_user(request, issuer_id)
    return _department_form(request, issuer, None)


@login_required
def department_edit(request, department_id):
    department = get_department_for_user(request, department_id)
    return _department_form(request, department.issuer, department)


def _department_form(request, issuer, department):
    initial = {}
    if department is not None:
        initial = {"name": department.name, "aliases": department.aliases, "order": department.order,
                   "leader_in_charge": department.leader_in_charge_id, "responsible": department.responsible_id}
    form = DepartmentForm(request.POST or None, issuer=issuer, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data["order"] = data.get("order") or 0
        try:
            if department is None:
                department = services.add_department(request.user, issuer, **data)
                messages.success(request, f"已新增部门“{department.name}”")
            else:
                services.edit_department(request.user, department, **data)
                messages.success(request, f"已保存部门“{department.name}”")
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return redirect("office", issuer.pk)
    return render(request, "accounts/office_department.html",
                  {"issuer": issuer, "department": department, "form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
def account_add(request, issuer_id):
    issuer = get_issuer_office_for_user(request, issuer_id)
    form = AccountForm(request.POST or None, issuer=issuer)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.add_account(request.user, issuer, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return _password_page(request, membership, password, "已新增账号")
    return render(request, "accounts/office_account.html", {"issuer": issuer, "membership": None, "form": form},
                  status=400 if form.errors else 200)


@login_required
def account_edit(request, membership_id):
    membership = get_membership_for_user(request, membership_id)
    user = membership.user
    initial = {"full_name": user.get_full_name(), "email": user.email, "role": membership.role,
               "department": membership.department_id}
    form = AccountForm(request.POST or None, issuer=membership.issuer, new=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_account(request.user, membership, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"已保存账号“{user.username}”")
            return redirect("office", membership.issuer_id)
    return render(request, "accounts/office_account.html",
                  {"issuer": membership.issuer, "membership": membership, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_POST
def account_password(request, membership_id):
    """Reset a password: the temporary one is shown once, on this answer only (never in a message or a log)."""
    membership = get_membership_for_user(request, membership_id)
    return _password_page(request, membership, services.reset_password(request.user, membership), "已重置密码")


def _password_page(request, membership, password, done):
    response = render(request, "accounts/office_password.html",
                      {"issuer": membership.issuer, "membership": membership, "password": password, "done": done})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def account_active(request, membership_id):
    """Deactivate someone (停用) or reactivate them."""
    membership = get_membership_for_user(request, membership_id)
    active = request.POST.get("active") == "1"
    carry_out(request, lambda: services.set_account_active(request.user, membership, active=active),
              f"已{'启用' if active else '停用'}账号“{membership.user.username}”")
    return redirect("office", membership.issuer_id)



