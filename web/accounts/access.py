"""Who may run an issuer's people (部门与人员): the one place holding that permission logic.

The 督查室 of an issuer (a supervisor membership *at that issuer itself*, not one inherited from a county above
it) adds and edits its departments and its accounts; a superuser may everywhere. Everyone else who belongs to
the issuer gets a 403, strangers a 404. An account is run by an issuer only while it belongs to that issuer
alone: a person who is also a member elsewhere, or a superuser, is changed in the admin. A new kind of
administrator is one more case in ``can_manage_people``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.accounts.models import Department, Membership
from web.accounts.roles import _memberships, role_at
from web.plans.models import Issuer


def can_manage_people(user, issuer) -> bool:
    """The issuer's own 督查室 (or a superuser) runs its departments and accounts."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(m.issuer_id == issuer.pk and m.role == Membership.Role.SUPERVISOR for m in _memberships(user))


def runs_any_people(user) -> bool:
    """Whether ``user`` runs some issuer's people (no query beyond the memberships read for the request)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    return any(m.role == Membership.Role.SUPERVISOR for m in _memberships(user))


def managed_issuers(user) -> list:
    """The issuers whose people ``user`` runs (for the menu); a superuser's are all of them, not listed here."""
    if not user.is_authenticated or user.is_superuser:
        return []
    ids = [m.issuer_id for m in _memberships(user) if m.role == Membership.Role.SUPERVISOR]
    return list(Issuer.objects.filter(pk__in=ids))


def _check(request, issuer) -> None:
    if not (request.user.is_superuser or role_at(request.user, issuer).is_member):
        raise Http404
    if not can_manage_people(request.user, issuer):
        raise PermissionDenied


def get_issuer_office_for_user(request, issuer_id: int) -> Issuer:
    """The issuer whose departments and accounts the page shows: its 督查室 only."""
    issuer = get_object_or_404(Issuer, pk=issuer_id)
    _check(request, issuer)
    return issuer


def get_department_for_user(request, department_id: int) -> Department:
    department = get_object_or_404(Department.objects.select_related("issuer"), pk=department_id)
    _check(request, department.issuer)
    return department


def get_membership_for_user(request, membership_id: int) -> Membership:
    """An account at the issuer, if the issuer's 督查室 may run it (it belongs to no other issuer; no superuser)."""
    membership = get_object_or_404(Membership.objects.select_related("user", "issuer", "department"),
                                   pk=membership_id)
    _check(request, membership.issuer)
    if not is_run_by_issuer(membership):
        raise PermissionDenied
    return membership


def is_run_by_issuer(membership: Membership) -> bool:
    """The account belongs to this issuer alone and is no superuser or admin-site user."""
    user = membership.user
    if user.is_superuser or user.is_staff:
        return False
    return not Membership.objects.filter(user=user).exclude(pk=membership.pk).exists()
