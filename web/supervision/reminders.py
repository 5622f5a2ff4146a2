"""Reminders (催报提醒): one digest per department, before the due day and after it, by e-mail and webhook.

The webhook is a JSON POST in the text-message shape that 政务微信 and 钉钉 group robots accept
(``{"msgtype": "text", "text": {"content": "…"}}``); its URL comes from ``LUOSHI_WEBHOOK_URL``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection, send_mail

from web.env import env_str
from web.supervision.lights import plan_progress
from web.supervision.models import ReportingCadence

log = logging.getLogger(__name__)


@dataclass
class Digest:
    """What one department is reminded of in one run."""

    plan: object
    department: object
    due_soon: list = field(default_factory=list)  # tasks not yet reported this period, due day ahead
    overdue: list = field(default_factory=list)  # tasks not reported for a period whose due day has passed
    due_date: dt.date | None = None
    overdue_label: str = ""

    def subject(self) -> str:
        return f"【督查提醒】{self.department.name}:{len(self.due_soon) + len(self.overdue)}项任务待报送进展"

    def body(self) -> str:
        lines = [f"{self.department.name}:", f"《{self.plan}》"]
        if self.overdue:
            lines.append(f"以下{len(self.overdue)}项任务{self.overdue_label}进展已逾期未报,请尽快报送:")
            lines += [f"  {i}. {t.text[:60]}" for i, t in enumerate(self.overdue, 1)]
        if self.due_soon:
            lines.append(f"以下{len(self.due_soon)}项任务请于{self.due_date:%m月%d日}前报送本期进展:")
            lines += [f"  {i}. {t.text[:60]}" for i, t in enumerate(self.due_soon, 1)]
        lines.append("—— 落实·督查督办系统")
        return "\n".join(lines)

    def recipients(self) -> list[str]:
        return sorted({m.user.email for m in self.department.members.select_related("user") if m.user.email})


def build_digests(plan, today: dt.date, days_before: int = 3) -> list[Digest]:
    """Digests for the plan's departments on ``today``; departments with nothing to report get none."""
    cadence = ReportingCadence.for_plan(plan)
    current = cadence.current_period(today)
    progress = plan_progress(plan, today)
    reported_now = {r.task_id for r in plan_reports(plan, current.key)}
    soon = 0 <= (current.due - today).days <= days_before
    digests: dict[int, Digest] = {}
    for row in progress.tasks:
        if row.status.done or row.department is None:
            continue
        d = digests.setdefault(row.department.pk, Digest(plan, row.department, due_date=current.due,
                                                          overdue_label=progress.period.label))
        if row.status.not_reported:
            d.overdue.append(row.task)
        elif soon and row.task.pk not in reported_now:
            d.due_soon.append(row.task)
    return [d for d in digests.values() if d.due_soon or d.overdue]


def plan_reports(plan, period_key: str):
    from web.supervision.models import ProgressReport

    return ProgressReport.objects.visible().filter(task__plan=plan, period=period_key)


def post_webhook(url: str, text: str, timeout: float = 10.0) -> int:
    """POST one text message to a group robot; returns the HTTP status."""
    payload = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=payload, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def mail_connection():
    """Django's configured e-mail backend; in the demo (DEBUG on, SMTP never configured) the console."""
    if settings.DEBUG and settings.EMAIL_BACKEND == SMTP:
        return get_connection(CONSOLE)
    return get_connection()


def send_digests(digests: list[Digest], webhook_url: str | None = None) -> dict[str, int]:
    """Send each digest by e-mail (to the department's members with an address) and to the webhook."""
    webhook_url = webhook_url if webhook_url is not None else env_str("LUOSHI_WEBHOOK_URL", "")
    sent = {"email": 0, "webhook": 0, "failed": 0}
    connection = mail_connection()
    for d in digests:
        to = d.recipients()
        if to:
            try:
                sent["email"] += send_mail(d.subject(), d.body(), None, to, connection=connection)
            except OSError as e:
                log.warning("mail to %s failed: %s", to, e)
                sent["failed"] += 1
        if webhook_url:
            try:
                post_webhook(webhook_url, f"{d.subject()}\n{d.body()}")
                sent["webhook"] += 1
            except OSError as e:
                log.warning("webhook %s failed: %s", webhook_url, e)
                sent["failed"] += 1
    return sent
