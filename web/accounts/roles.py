"""Who someone is at an issuer (角色): the one place that answers it, used by every access helper.

``role_at(user, issuer)`` walks up the issuer tree, so a county's supervisor is a supervisor of
its towns' plans too.
"""

from __future__ import annotations

from dataclasses import dataclass

from web.accounts.models import AdminDuty, Membership


@dataclass(frozen=True)
class Role:
    """A user's standing at one issuer; ``name`` is None for the public (anonymous or no membership)."""

    name: str | None
    department_id: int | None = None

    @property
    def is_supervisor(self) -> bool:
        return self.name == Membership.Role.SUPERVISOR

    @property
    def is_staff(self) -> bool:
        return self.name == Membership.Role.STAFF

    @property
    def is_leader(self) -> bool:
        return self.name == Membership.Role.LEADER

    @property
    def is_member(self) -> bool:
        return self.name is not None


PUBLIC = Role(None)


def role_at(user, issuer) -> Role:
    """The user's role for a plan of ``issuer``: their own membership there, else a parent issuer's.

    Django superusers are supervisors everywhere.
    """
    if user is None or not user.is_authenticated:
        return PUBLIC
    if user.is_superuser:
        return Role(Membership.Role.SUPERVISOR)
    memberships = {m.issuer_id: m for m in _memberships(user)}
    seen = set()
    while issuer is not None and issuer.pk not in seen:
        seen.add(issuer.pk)
        m = memberships.get(issuer.pk)
        if m is not None:
            return Role(m.role, m.department_id)
        issuer = issuer.parent
    return PUBLIC


def _memberships(user) -> list[Membership]:
    cached = getattr(user, "_luoshi_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user))
        user._luoshi_memberships = cached
    return cached


def issuer_ids_for(user) -> set[int]:
    """Ids of the issuers whose plans the user may read as a member (their own and those below them)."""
    from web.plans.models import Issuer

    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Issuer.objects.values_list("pk", flat=True))
    ids = {m.issuer_id for m in _memberships(user)}
    frontier = set(ids)
    while frontier:
        frontier = set(Issuer.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


# --- administrators' duties (三员分立) --------------------------------------------------------------------------


def duty_of(user) -> str | None:
    """The user's administrator duty (``AdminDuty.Duty``: system, security, audit), or None.

    A duty is held by the account itself, not by superuser status: the superuser made at installation holds
    none until one is granted (``manage.py grant_duty``), and one account holds at most one duty.
    """
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_luoshi_duty", False)
    if cached is False:
        cached = AdminDuty.objects.filter(user=user).values_list("duty", flat=True).first()
        user._luoshi_duty = cached
    return cached


def has_duty(user, duty: str) -> bool:
    """True when ``user`` holds the administrator duty ``duty``."""
    return duty is not None and duty_of(user) == duty


def require_duty(request, duty: str) -> None:
    """Refuse the request (403) unless its user holds ``duty``: the check of every administration page."""
    from django.core.exceptions import PermissionDenied

    if not has_duty(request.user, duty):
        raise PermissionDenied
