"""Task-table rows rendered once per content (行片段缓存): a row's HTML is kept under a digest of everything it shows,
so the office's main screen renders only the rows that changed since anyone last saw them.

Nothing is invalidated: a change to anything a row shows (its text, deadline, targets, milestones, departments and
their people, its stored status, its marks, what the viewer may do) gives another digest, hence another entry; old
entries age out of the bounded cache (``CACHES["fragments"]``, in each app process's memory). ``signature`` lists
those inputs; a row template that starts showing something else must add it there (``tests/web/test_row_cache.py``
changes each input and checks the row follows).
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string

ROW_TEMPLATE = "plans/_task_row.html"
TIMEOUT = 24 * 3600


def _person(user) -> tuple:
    return (user.pk, user.get_full_name(), user.get_username()) if user is not None else ()


def signature(task, flags: tuple) -> str:
    """A digest of what ``task``'s row shows to a viewer with ``flags`` (can edit, is member, is public)."""
    status = getattr(task, "stored_status", None) if not task.archived else None
    lead = task.lead_department
    parts = (
        flags, task.pk, task.version, task.updated_at, task.archived, task.parent_id, task.key, task.text,
        task.deadline, task.deadline_text, task.suggested_lead, tuple(task.suggested_cooperating or ()),
        task.state(), task.can_be_split(),
        tuple((t.pk, t.indicator, t.comparator, t.value, t.upper, t.unit, t.deadline, t.archived)
              for t in task.targets.all()),
        tuple((m.text, m.deadline, m.deadline_text) for m in task.milestones.all()),
        tuple((a.role, a.department_id, a.department.name) for a in task.assignments.all()),
        _person(task.effective_leader_in_charge()), _person(task.effective_responsible()),
        bool(lead and lead.pk),
        tuple(sorted((k, str(v)) for k, v in status.values().items())) if status is not None else (),
        tuple((m.label, m.link, m.title, m.tone) for m in getattr(task, "marks", ())),
    )
    return "row:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_rows(request, rows: list, context: dict) -> None:
    """Give each row its rendered ``html``: from the cache when its content was rendered before, else rendered now."""
    if not rows:
        return
    cache = caches["fragments"]
    flags = (context.get("can_edit"), context.get("is_member"), context.get("is_public"))
    keys = {row.pk: signature(row, flags) for row in rows}
    found = cache.get_many(list(keys.values()))
    fresh = {}
    for row in rows:
        key = keys[row.pk]
        if key in found:
            row.html = found[key]
            continue
        row.html = render_to_string(ROW_TEMPLATE, {**context, "task": row}, request)
        fresh[key] = row.html
    if fresh:
        cache.set_many(fresh, TIMEOUT)
