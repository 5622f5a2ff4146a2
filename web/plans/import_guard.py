"""An import that cannot sweep a live plan by mistake (导入防误): the report's own issuer and year against the
chosen ones, and what a re-import keeps.

``check_import`` compares the issuer and year the report names itself (``Extracted.detected_*``) with the upload's
choice. A mismatch stops the import (the preview offers no 确认导入 and ``confirm_import`` refuses it) until the
importer either points the upload at another plan, a new issuer and/or year (``choose_import_target``), or says
the report is the chosen plan's after all (the detection was wrong). ``kept`` says what a re-import keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q

from web.accounts.roles import role_at
from web.audit.services import record
from web.plans.models import Issuer, PendingImport, Plan, Task

_SUFFIX = re.compile(r"(人民政府|政府)$")


def place_of(name: str | None) -> str:
    """An issuer's name reduced to its place, for comparing: no spaces, no 人民政府.

    >>> place_of(" 水口镇人民政府"), place_of("广东省人民政府")
    ('水口镇', '广东省')
    """
    return _SUFFIX.sub("", re.sub(r"\s+", "", name or ""))


def same_place(detected: str, chosen: str) -> bool:
    """Whether the report's issuer is the chosen one: one place name ends with the other (开平市水口镇 / 水口镇).

    >>> same_place("水口镇人民政府", "开平市水口镇人民政府"), same_place("广东省人民政府", "水口镇人民政府")
    (True, False)
    """
    a, b = place_of(detected), place_of(chosen)
    return bool(a and b) and (a.endswith(b) or b.endswith(a))


@dataclass
class ImportCheck:
    """What the preview says about where an upload is going (导入对象核对)."""

    issuer: str
    year: int | None
    detected_issuer: str | None
    detected_year: int | None
    stored: Plan | None
    confirmed: bool = False
    problems: list[str] = field(default_factory=list)  # one sentence each

    @property
    def blocks(self) -> bool:
        """A mismatch not yet cleared by the importer stops the import."""
        return bool(self.problems) and not self.confirmed

    @property
    def new_plan(self) -> tuple[str, int | None]:
        """The plan the report seems to be for: its own issuer (else the chosen one) and year."""
        return self.detected_issuer or self.issuer, self.detected_year or self.year


def check_import(pending: PendingImport, extracted, stored: Plan | None) -> ImportCheck:
    """Compare the report's own issuer and year with the upload's choice."""
    check = ImportCheck(pending.issuer.name, pending.year, extracted.detected_issuer, extracted.detected_year,
                        stored, pending.target_confirmed)
    if check.detected_issuer and not same_place(check.detected_issuer, check.issuer):
        check.problems.append(f"报告中写明的发文单位是“{check.detected_issuer}”,而您选择的是“{check.issuer}”。")
    if check.detected_year and check.year and check.detected_year != check.year:
        check.problems.append(f"报告中写明的是{check.detected_year}年的工作安排,而您选择的是{check.year}年。")
    return check


def stop_reason(check: ImportCheck) -> str:
    """The one sentence ``confirm_import`` refuses a stopped import with."""
    target = f"“{check.stored}”" if check.stored else f"{check.issuer}{check.year}年的规划"
    return "".join(check.problems) + f"为防止误导入{target},已停止导入;请作为新规划导入,或确认报告无误后再导入。"


def kept(stored: Plan, diff) -> dict:
    """What re-importing into ``stored`` keeps (保留) and what it archives, in counts for the preview."""
    staying = [c.old.pk for c in (*diff.tasks_kept, *diff.tasks_changed)]
    going = [t.pk for t in diff.tasks_removed]
    counts = Task.objects.filter(pk__in=staying).aggregate(
        assigned=Count("pk", filter=Q(assignments__role="lead"), distinct=True),
        reports=Count("progress_reports", distinct=True),
        approved=Count("progress_reports", filter=Q(progress_reports__status="approved"), distinct=True),
        instructions=Count("instructions", distinct=True),
        extensions=Count("extension_requests", distinct=True))
    archived = Task.objects.filter(pk__in=going).aggregate(
        reported=Count("pk", filter=Q(progress_reports__isnull=False), distinct=True),
        reports=Count("progress_reports", distinct=True))
    return {"tasks": len(staying), **counts, "archived": len(going), "archived_reported": archived["reported"],
            "archived_reports": archived["reports"]}


def choose_import_target(actor, pending: PendingImport, *, issuer: Issuer | None = None, new_issuer: str = "",
                         parent: Issuer | None = None, year: int, confirmed: bool = False) -> PendingImport:
    """Point an upload at the plan it is for (改为导入到…): another issuer of the importer's, a new issuer under one
    of theirs (``new_issuer``, audited), and/or another year; or, with ``confirmed``, keep the chosen plan although
    the report seems to name another (the detection was wrong). The preview is checked again."""
    from django.core.exceptions import ValidationError

    if not 2000 <= int(year) <= 2100:
        raise ValidationError("年度应在2000至2100之间")
    with transaction.atomic():
        if new_issuer.strip():
            name = new_issuer.strip()[:100]
            if parent is None:
                raise ValidationError("请选择新发文单位的上级单位")
            issuer = Issuer.objects.filter(name=name).first()
            if issuer is not None and not role_at(actor, issuer).is_supervisor:
                raise ValidationError(f"已有名为“{name}”的发文单位,您不是其督查室,不能向其导入")
            if issuer is None:
                issuer = Issuer.objects.create(name=name, parent=parent)
                _make_supervisor(actor, issuer)
                record(actor, "issuer.add", issuer, None, {"name": name, "parent": parent.name},
                       note=f"导入 {pending.filename} 时新建,新建者为其督查室")
        if issuer is None:
            raise ValidationError("请选择发文单位")
        pending.issuer, pending.year, pending.target_confirmed = issuer, int(year), confirmed
        pending.save(update_fields=["issuer", "year", "target_confirmed"])
    return pending


def _make_supervisor(actor, issuer: Issuer) -> None:
    """Who makes an issuer is its 督查室 until its own office takes over: overseeing it from above is read only."""
    from web.accounts.models import Membership
    from web.accounts.roles import forget

    if not actor.is_superuser:
        Membership.objects.create(user=actor, issuer=issuer, role=Membership.Role.SUPERVISOR)
        forget(actor)

