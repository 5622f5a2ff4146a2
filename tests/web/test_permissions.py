"""The permission matrix (权限矩阵): every role × every view and action, allowed and denied.

Each row names a view or action, how to call it, and the status each member of the cast gets.
For a change, "allowed" also means an audit row was written, and "denied" that none was: the
refusal happens before anything is touched, not just in the template.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.audit.services import change_events
from web.plans.models import PendingImport

ROLES = ("supervisor", "staff", "other_staff", "leader", "outsider", "public")
OK, MOVED, DENIED, HIDDEN, LOGIN = 200, 302, 403, 404, "login"


def _post(name, data=None, arg="task"):
    return ("post", name, arg, data or {})


def _get(name, arg="plan"):
    return ("get", name, arg, {})


# (view or action, (method, url name, argument, data), expected per role in ROLES order)
MATRIX = [
    ("home", _get("home", None), (OK, OK, OK, OK, OK, OK)),
    ("task table (unpublished)", _get("task_table"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("task detail", _get("task_detail", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("task row", _get("task_row", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("plan history", _get("plan_history"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("task history", _get("task_history", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("target history", _get("target_history", "target"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("export xlsx", _get("export_xlsx"), (OK, OK, OK, OK, HIDDEN, HIDDEN)),
    ("import report form", _get("import_report", None), (OK, DENIED, DENIED, DENIED, OK, LOGIN)),
    ("import preview (supervisor's upload)", _get("import_preview", "pending"),
     (OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, LOGIN)),
    ("import xlsx form", _get("import_xlsx"), (OK, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("edit task form", _get("task_edit", "task"), (OK, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("edit task", _post("task_edit", {"text": "改过的任务", "deadline": "2025-06-30"}),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("edit target", _post("target_edit", {"value": "12"}, "target"), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("assign task", _post("task_assign", {"lead": "dept:经济发展办"}), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("bulk assign", _post("bulk_assign", {"tasks": "task", "use_suggestions": "on"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("split task", _post("task_split", {"parts": "甲\n乙"}), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("merge with the next row", _post("task_merge"), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("add task", _post("task_add", {"text": "新任务"}, "plan"), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("archive task", _post("task_archive", {}), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("publish plan", _post("publish_plan", {"published": "1"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN)),
    ("write instruction", _post("task_instruct", {"text": "抓紧推进"}),
     (DENIED, DENIED, DENIED, MOVED, HIDDEN, HIDDEN)),
]


def _argument(kind, cast):
    if kind is None:
        return []
    if kind == "plan":
        return [cast.plan.pk]
    if kind == "task":
        return [cast.tasks["t1"].pk]
    if kind == "target":
        return [cast.targets["g2"].pk]
    if kind == "pending":
        pending = PendingImport.objects.create(kind="report", created_by=cast.supervisor, filename="a.txt",
                                               data=b"x", issuer=cast.town, year=2025)
        return [pending.pk]
    raise ValueError(kind)


def _data(data, cast):
    out = {}
    for key, value in data.items():
        if value == "task":
            value = cast.tasks["t1"].pk
        elif isinstance(value, str) and value.startswith("dept:"):
            value = cast.departments[value[5:]].pk
        out[key] = value
    return out


CASES = [(view, call, role, expected) for view, call, row in MATRIX for role, expected in zip(ROLES, row, strict=True)]


@pytest.mark.parametrize(("view", "call", "role", "expected"), CASES,
                         ids=[f"{view}-{role}" for view, _, role, _ in CASES])
def test_it_allows_and_denies_by_role(as_, cast, view, call, role, expected, monkeypatch):
    from web.plans import import_services as services

    monkeypatch.setattr(services, "preview_import", _no_extraction)
    method, name, kind, data = call
    url = reverse(name, args=_argument(kind, cast))
    events_before = change_events().count()  # logins and refusals are security events, not changes
    client = as_(role)
    response = client.post(url, _data(data, cast)) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    if method == "post":
        assert (change_events().count() > events_before) == (expected == MOVED)


def _no_extraction(pending):
    """The preview page without running the extractor: the matrix is about who, not what."""
    from luoshi.plan import Plan
    from web.plans.importing import Extracted, diff_plan

    extracted = Extracted(Plan(pending.issuer.name, pending.year), "")
    return extracted, diff_plan(None, extracted), None


def test_the_public_reads_a_published_plan_and_nothing_else(as_, cast):
    cast.plan.published = True
    cast.plan.save()
    public = as_("public")
    assert public.get(reverse("task_table", args=[cast.plan.pk])).status_code == 200
    assert public.get(reverse("task_detail", args=[cast.tasks["t1"].pk])).status_code == 200
    assert public.get(reverse("plan_history", args=[cast.plan.pk])).status_code == 403
    assert public.post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "x"}).status_code == 403


def test_it_hides_archived_tasks_from_the_public(as_, cast):
    task = cast.tasks["t4"]
    task.archived = True
    task.save()
    cast.plan.published = True
    cast.plan.save()
    assert as_("public").get(reverse("task_detail", args=[task.pk])).status_code == 404
    assert as_("staff").get(reverse("task_detail", args=[task.pk])).status_code == 200


def test_it_makes_a_county_supervisor_supervise_its_towns(cast):
    from web.accounts.models import Membership
    from web.plans.access import can_edit_plan

    Membership.objects.filter(user=cast.outsider).update(issuer=cast.county)
    assert can_edit_plan(cast.outsider, cast.plan)
