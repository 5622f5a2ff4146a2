"""Task-table rows rendered once per content (行片段缓存): a row's HTML is kept under a digest of everything it shows,
so the office's main screen renders, and loads in full, only the rows that changed since anyone last saw them.

The digest is made from cheap reads: the row itself (its ``version`` moves with every stored change to the task, its
departments and its own people, see ``Task.save``), its stored status, its targets (one query of plain values for the
page: a target edit leaves the task's version alone), the issuer's departments with their people (one query), the
plan's day (the 已逾期 state), the row's marks, and what the viewer may do. Nothing is invalidated: another content
gives another key; old entries age out of the bounded cache (``CACHES["fragments"]``, each app process's memory).
A row template that starts showing something else must add it here (``tests/web/test_row_cache.py`` changes each
input and checks the row follows).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.cache import caches
from django.template.loader import render_to_string

from web.accounts.models import Department
from web.plans.models import Target

ROW_TEMPLATE = "plans/_task_row.html"
TIMEOUT = 24 * 3600


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _person(user) -> tuple:
    return (user.pk, user.get_full_name(), user.get_username()) if user is not None else ()


def page_inputs(plan, rows: list) -> tuple[str, dict[int, tuple]]:
    """What the rows show beyond themselves: a digest of the issuer's departments and their people, and each row's
    targets as plain values (two queries for the page)."""
    departments = _digest(tuple(Department.objects.filter(issuer_id=plan.issuer_id).order_by("pk").values_list(
        "pk", "name", "leader_in_charge_id", "leader_in_charge__first_name", "leader_in_charge__last_name",
        "leader_in_charge__username", "responsible_id", "responsible__first_name", "responsible__last_name",
        "responsible__username")))
    targets = defaultdict(list)
    for task_id, *values in (Target.objects.filter(task_id__in=[r.pk for r in rows]).order_by("task_id", "order", "pk")
                             .values_list("task_id", "pk", "indicator", "comparator", "value", "upper", "unit",
                                          "deadline", "archived")):
        targets[task_id].append(tuple(values))
    return departments, {k: tuple(v) for k, v in targets.items()}


def signature(task, flags: tuple, today, departments: str, targets: tuple) -> str:
    """The key of ``task``'s row as shown to a viewer with ``flags`` (can edit, is member, is public)."""
    status = getattr(task, "stored_status", None) if not task.archived else None
    parts = (
        flags, str(today), departments, task.pk, task.version, task.updated_at, task.archived, task.parent_id,
        _person(task.leader_in_charge) if task.leader_in_charge_id else (),
        _person(task.responsible) if task.responsible_id else (),
        tuple(sorted((k, str(v)) for k, v in status.values().items())) if status is not None else (),
        targets, tuple((m.label, m.link, m.title, m.tone) for m in getattr(task, "marks", ())),
    )
    return "row:" + _digest(parts)


def render_rows(request, plan, rows: list, context: dict, load_full) -> None:
    """Give each row its rendered ``html``: from the cache when its content was rendered before; else the row is
    loaded in full (``load_full(ids)``: the rows with everything the template reads) and rendered now."""
    if not rows:
        return
    cache = caches["fragments"]
    flags = (context.get("can_edit"), context.get("is_member"), context.get("is_public"))
    departments, targets = page_inputs(plan, rows)
    today = plan.today()
    keys = {row.pk: signature(row, flags, today, departments, targets.get(row.pk, ())) for row in rows}
    found = cache.get_many(list(keys.values()))
    missing = [row for row in rows if keys[row.pk] not in found]
    full = {t.pk: t for t in load_full([row.pk for row in missing])} if missing else {}
    fresh = {}
    for row in rows:
        key = keys[row.pk]
        if key in found:
            row.html = found[key]
            continue
        task = full[row.pk]
        task.marks = getattr(row, "marks", [])
        row.html = render_to_string(ROW_TEMPLATE, {**context, "task": task}, request)
        fresh[key] = row.html
    if fresh:
        cache.set_many(fresh, TIMEOUT)
