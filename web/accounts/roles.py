"""Who someone is at an issuer (角色): the one place that answers it, used by every access helper.

The issuers form a tree (省 → 市 → 县 → 镇, ``Issuer.parent``), and the tree rule lives here, in ``role_at``:

- a member of the issuer itself has their own role there (督查室, 部门工作人员, 领导);
- the 督查室 or a leader of an issuer above it (a county over its towns) *oversees* it (上级查看, ``OVERSIGHT``):
  reads all of its plans, as a member does, and changes nothing; staff of the county see nothing below it;
- a member of an issuer below a county that shares its towns' plans with one another (``Issuer.shares_plans``,
  set by the county's 督查室) reads a neighbour's plans the same way (同级共享, ``NEIGHBOUR``);
- anyone else is the public.

``issuer_ids_for`` says the same to the database, for lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from web.accounts.models import AdminDuty, Membership

OVERSIGHT = "oversight"  # 上级查看: read-only, from an issuer above
NEIGHBOUR = "neighbour"  # 同级共享: read-only, shared by the issuer above both
# Who at an issuer oversees the issuers below it: its 督查室 and its leaders (not its departments' staff).
OVERSEERS = (Membership.Role.SUPERVISOR, Membership.Role.LEADER)
ROLE_LABELS = {OVERSIGHT: "上级查看(只读)", NEIGHBOUR: "共享查看(只读)"}


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
        """Reads the plan's internal pages: its own members, and those who read it from above or beside."""
        return self.name is not None

    @property
    def is_read_only(self) -> bool:
        """Reads as a member, changes nothing (上级查看, 同级共享)."""
        return self.name in (OVERSIGHT, NEIGHBOUR)

    @property
    def label(self) -> str:
        if self.name in ROLE_LABELS:
            return ROLE_LABELS[self.name]
        return Membership.Role(self.name).label if self.name else "公众"


PUBLIC = Role(None)


def role_at(user, issuer) -> Role:
    """The user's role for a plan of ``issuer`` (see the module's docstring for the tree rule).

    Django superusers are supervisors everywhere.
    """
    if user is None or not user.is_authenticated:
        return PUBLIC
    if user.is_superuser:
        return Role(Membership.Role.SUPERVISOR)
    memberships = {m.issuer_id: m for m in _memberships(user)}
    own = memberships.get(issuer.pk)
    if own is not None:
        return Role(own.role, own.department_id)
    above = _ancestors(user, issuer.pk)[1:]
    if any(memberships.get(pk) is not None and memberships[pk].role in OVERSEERS for pk, _ in above):
        return Role(OVERSIGHT)
    sharing = {pk for pk, shares in above if shares}
    if sharing and any(sharing & {pk for pk, _ in _ancestors(user, m)} for m in memberships):
        return Role(NEIGHBOUR)
    return PUBLIC


def _memberships(user) -> list[Membership]:
    cached = getattr(user, "_luoshi_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user))
        user._luoshi_memberships = cached
    return cached


def forget(user) -> None:
    """Drop what was remembered of ``user``'s memberships for this request (after one was added)."""
    user.__dict__.pop("_luoshi_memberships", None)
    user.__dict__.pop("_luoshi_ancestors", None)


def _ancestors(user, issuer_id: int) -> list[tuple[int, bool]]:
    """(id, shares_plans) of the issuer and each issuer above it, nearest first; remembered for the request."""
    from web.plans.models import Issuer

    cache = user.__dict__.setdefault("_luoshi_ancestors", {})
    if issuer_id not in cache:
        chain, pk = [], issuer_id
        while pk is not None and pk not in {c for c, _ in chain}:
            row = Issuer.objects.filter(pk=pk).values_list("parent_id", "shares_plans").first()
            if row is None:
                break
            chain.append((pk, row[1]))
            pk = row[0]
        cache[issuer_id] = chain
    return cache[issuer_id]


def _below(ids: set[int]) -> set[int]:
    """``ids`` and every issuer below them."""
    from web.plans.models import Issuer

    out, frontier = set(ids), set(ids)
    while frontier:
        frontier = set(Issuer.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - out
        out |= frontier
    return out


def issuer_ids_for(user) -> set[int]:
    """Ids of the issuers whose plans the user may read as a member: their own, those below an issuer they
    oversee, and those below an issuer above theirs that shares its issuers' plans."""
    from web.plans.models import Issuer

    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Issuer.objects.values_list("pk", flat=True))
    memberships = _memberships(user)
    own = {m.issuer_id for m in memberships}
    overseen = {m.issuer_id for m in memberships if m.role in OVERSEERS}
    sharing = set()
    if Issuer.objects.filter(shares_plans=True).exists():  # one query, rather than each membership's ancestors
        sharing = {pk for m in own for pk, shares in _ancestors(user, m)[1:] if shares}
    return own | _below(overseen) | _below(sharing)


def overseen_issuers(user) -> list:
    """The issuers with issuers below them whose 督查室 or leader ``user`` is (for the links to 下级单位对比)."""
    from web.plans.models import Issuer

    if not user.is_authenticated:
        return []
    ids = [m.issuer_id for m in _memberships(user) if m.role in OVERSEERS]
    if user.is_superuser:
        return list(Issuer.objects.filter(children__isnull=False, parent__isnull=True).distinct())
    return list(Issuer.objects.filter(pk__in=ids, children__isnull=False).distinct()) if ids else []


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
