"""What the plan services tell other apps, inside the same transaction as the change.

``tasks_changed`` (任务已变更) is sent by every service that changes what a task's status is computed from
(its deadline, whether it is live, a new row, the whole plan on an import) — explicitly, at the end of the
service's ``transaction.atomic`` block. Receivers run in that transaction, so what they write commits or rolls
back with the change. The supervision app keeps each row's stored status up to date this way without the plans
app importing it.

Arguments: ``plan`` (the Plan) and ``task_ids`` (ids of the changed tasks, or ``None`` for every task of the plan).
"""

from __future__ import annotations

from django.dispatch import Signal

tasks_changed = Signal()


def send_tasks_changed(plan, task_ids=None) -> None:
    """Tell the receivers that ``task_ids`` of ``plan`` (``None``: all of them) changed."""
    tasks_changed.send(sender=type(plan), plan=plan, task_ids=None if task_ids is None else list(task_ids))
