"""Who someone is at an issuer (角色): the one place that answers it, used by every access helper.

``role_at(user, issuer)`` walks up the issuer tree, so a county's supervisor is a supervisor of
its towns' plans too.
"""

from __future__ import annotations

from dataclasses import dataclass

from web.accounts.models import Membership


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
