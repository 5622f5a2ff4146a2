"""Workflow of a bulletin (督查通报): the 督查室 saves its edited draft, then issues it with its 期号.

Each step is one transaction with its audit row; a refused step raises ``ValidationError``. Callers have
checked that the actor may edit the plan (``get_plan_for_user(..., write=True)``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from web.audit.services import ACTION_LABELS, record
from web.bulletins.content import chinese_date, draft_texts, full_width, next_number, office_of
from web.bulletins.models import SECTIONS, Bulletin
from web.supervision.models import ReportingCadence
from web.supervision.notify import Notice, send_notice

ACTION_LABELS.update({"bulletin.draft": "修改督查通报草稿", "bulletin.issue": "印发督查通报"})


def _period(plan, period_key: str):
    try:
        return ReportingCadence.for_plan(plan).parse(period_key)
    except ValueError:
        raise ValidationError("不是有效的报送期") from None


def _stored_or_drafted(plan, period) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().filter(plan=plan, period=period.key).first()
    if bulletin is None:
        title, texts = draft_texts(plan, period.key)
        bulletin = Bulletin(plan=plan, period=period.key, year=period.start.year, title=title, **texts)
    return bulletin


def save_bulletin_draft(actor, plan, period_key: str, *, title: str, texts: dict[str, str]) -> Bulletin:
    """Keep the office's text of the period's bulletin; an issued one becomes a draft again (its 期号 kept)."""
    period = _period(plan, period_key)
    with transaction.atomic():
        bulletin = _stored_or_drafted(plan, period)
        before = bulletin.snapshot() if bulletin.pk else None
        bulletin.title = full_width(title.strip())
        for key, _ in SECTIONS:
            setattr(bulletin, key, texts.get(key, "").replace("\r\n", "\n").strip())
        bulletin.state = Bulletin.State.DRAFT
        bulletin.clean_texts()
        bulletin.save()
        record(actor, "bulletin.draft", bulletin, before=before, after=bulletin.snapshot(), plan=plan)
    return bulletin


def issue_bulletin(actor, plan, period_key: str, *, link: str = "") -> Bulletin:
    """Issue the period's bulletin (印发): the next 期号 of the plan's year unless it had one; a notice follows."""
    period = _period(plan, period_key)
    with transaction.atomic():
        type(plan).objects.select_for_update().filter(pk=plan.pk).first()  # one number at a time per plan
        bulletin = _stored_or_drafted(plan, period)
        before = bulletin.snapshot() if bulletin.pk else None
        bulletin.clean_texts()
        if bulletin.number is None:
            bulletin.number = next_number(plan, bulletin.year)
        bulletin.state = Bulletin.State.ISSUED
        bulletin.issued_on = ReportingCadence.for_plan(plan).today()
        bulletin.issued_by = actor if getattr(actor, "pk", None) else None
        bulletin.save()
        record(actor, "bulletin.issue", bulletin, before=before, after=bulletin.snapshot(), plan=plan)
        notice = Notice(title=f"【督查通报】{office_of(plan)}{bulletin.year}年第{bulletin.number}期",
                        body=f"{bulletin.title}({chinese_date(bulletin.issued_on)}印发)", link=link, plan=plan)
        transaction.on_commit(lambda: send_notice(notice))
    return bulletin
