"""Reminders (催报提醒): one digest per department, before the due day and after it, by e-mail and webhook.

Each digest is a ``Notice`` delivered by ``web.supervision.notify.send_notice`` on every channel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from web.supervision.models import ReportingCadence
from web.supervision.notify import Notice, mail_connection, send_notice
from web.supervision.status_store import progress_on


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
    progress = progress_on(plan, today)
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


def send_digests(digests: list[Digest], webhook_url: str | None = None) -> dict[str, int]:
    """Send each digest as a notice: by e-mail to the department's members with an address, and to the webhook."""
    sent = {"email": 0, "webhook": 0, "failed": 0}
    connection = mail_connection()
    for d in digests:
        notice = Notice(d.subject(), d.body(), emails=tuple(d.recipients()), plan=d.plan, departments=(d.department,))
        for key, n in send_notice(notice, webhook_url=webhook_url, connection=connection).items():
            sent[key] += n
    return sent
