"""The permission matrix (权限矩阵): every role × every view and action, allowed and denied; ``attacker`` is a
member of the town (党政办 staff) who tries what is not hers.

Each row names a view or action, how to call it, and the status each member of the cast gets.
For a change, "allowed" also means an audit row was written, and "denied" that none was: the
refusal happens before anything is touched, not just in the template.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.audit.services import change_events
from web.plans.models import PendingImport

ROLES = ("supervisor", "staff", "other_staff", "leader", "outsider", "public", "attacker")
OK, MOVED, DENIED, HIDDEN, LOGIN = 200, 302, 403, 404, "login"
DONE = "done"  # a change answered with a page (200), not a redirect: a new account's temporary password


def _post(name, data=None, arg="task"):
    return ("post", name, arg, data or {})


def _get(name, arg="plan"):
    return ("get", name, arg, {})


# (view or action, (method, url name, argument, data), expected per role in ROLES order)
MATRIX = [
    ("home", _get("home", None), (OK, OK, OK, OK, OK, OK, OK)),
    ("task table (unpublished)", _get("task_table"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("task detail", _get("task_detail", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("task row", _get("task_row", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("plan history", _get("plan_history"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("task history", _get("task_history", "task"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("target history", _get("target_history", "target"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("export xlsx", _get("export_xlsx"), (OK, OK, OK, OK, HIDDEN, HIDDEN, OK)),
    ("import report form", _get("import_report", None), (OK, DENIED, DENIED, DENIED, OK, LOGIN, DENIED)),
    ("import preview (supervisor's upload)", _get("import_preview", "pending"),
     (OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, LOGIN, HIDDEN)),
    ("import xlsx form", _get("import_xlsx"), (OK, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("edit task form", _get("task_edit", "task"), (OK, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("edit task", _post("task_edit", {"text": "改过的任务", "deadline": "2025-06-30"}),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("edit target", _post("target_edit", {"value": "12"}, "target"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("assign task", _post("task_assign", {"lead": "dept:经济发展办"}),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("bulk assign", _post("bulk_assign", {"tasks": "task", "use_suggestions": "on"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("split task", _post("task_split", {"parts": "甲\n乙"}),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("merge with the next row", _post("task_merge"), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("add task", _post("task_add", {"text": "新任务"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("archive task", _post("task_archive", {}), (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("publish plan", _post("publish_plan", {"published": "1"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("write instruction", _post("task_instruct", {"text": "抓紧推进"}, "assigned task"),
     (DENIED, DENIED, DENIED, MOVED, HIDDEN, HIDDEN, DENIED)),
    # the working day: workbenches, the task table's people, batch work, chasing, 批示, the people pages, import
    ("workbench", _get("workbench"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("plan list", _get("plan_list", None), (OK, OK, OK, OK, OK, OK, OK)),
    ("name a row's leader in charge", _post("task_people", {"leader_in_charge": "user:leader"}),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("batch report page", _get("batch_report"), (DENIED, OK, OK, DENIED, HIDDEN, LOGIN, OK)),
    ("review queue", _get("review_queue"), (OK, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("approve in a batch", _post("batch_approve", {"reports": "report"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("chase page", _get("chase"), (OK, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("send a chase", _post("chase", {"tasks": "assigned task", "send": "1"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("issue a 督办单", _post("notice_new", {"tasks": "assigned task", "requirement": "报告进展",
                                           "reply_due": "2099-01-01"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("chases and notices", _get("chase_list"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("a 督办单 to 经济发展办", _get("notice_detail", "notice"), (OK, OK, HIDDEN, OK, HIDDEN, LOGIN, HIDDEN)),
    ("its .docx", _get("notice_docx", "notice"), (OK, OK, HIDDEN, OK, HIDDEN, LOGIN, HIDDEN)),
    ("reply to the 督办单", _post("notice_reply", {"text": "已办结"}, "notice"),
     (DENIED, MOVED, HIDDEN, DENIED, HIDDEN, HIDDEN, HIDDEN)),
    ("write a 批示", _post("instruction_new", {"text": "抓紧", "addressees": "dept:经济发展办",
                                             "due": "2099-01-01"}, "plan"),
     (DENIED, DENIED, DENIED, MOVED, HIDDEN, LOGIN, DENIED)),
    ("批示 list", _get("instruction_list"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("a 批示 to 经济发展办", _get("instruction_detail", "instruction"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("reply to the 批示", _post("instruction_reply", {"text": "已办结"}, "instruction"),
     (DENIED, MOVED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("people page", _get("office", "issuer"), (OK, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("add a department", _post("department_add", {"name": "农业农村办"}, "issuer"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("edit a department", _post("department_edit", {"name": "经济发展办", "leader_in_charge": "user:leader"},
                                "department"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("add an account", _post("account_add", {"username": "xinren", "full_name": "新人", "role": "leader"},
                             "issuer"),
     (DONE, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("edit an account", _post("account_edit", {"full_name": "规划建设办 小王", "role": "staff",
                                               "department": "dept:财政所"}, "membership"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("reset a password", _post("account_password", {}, "membership"),
     (DONE, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    ("deactivate an account", _post("account_active", {"active": "0"}, "membership"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED)),
    # the year end: the 兑现表 against next year's report, the close (年终)
    ("兑现表", _get("accountability_table"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("upload next year's report", _post("upload_next_report", {"file": "next report"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("public 兑现表 of an unpublished plan", _get("public_accountability"),
     (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)),
    ("年终 page", _get("year_end"), (OK, OK, OK, OK, HIDDEN, LOGIN, OK)),
    ("close the year", _post("close_year", {"outcomes": "all done"}, "plan"),
     (MOVED, DENIED, DENIED, DENIED, HIDDEN, LOGIN, DENIED)),
    ("point an upload at a new plan", _post("import_target", {"new_issuer": "广东省人民政府", "parent": "issuer",
                                                              "year": "2025"}, "pending"),
     (MOVED, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)),
]


def _assigned(cast):
    """t1, led by 经济发展办 (chases and 批示 go to a row's departments)."""
    from web.plans.services import assign_task

    assign_task(cast.supervisor, cast.tasks["t1"], lead=cast.departments["经济发展办"])
    return cast.tasks["t1"]


def _argument(kind, cast):
    import datetime as dt

    from web.accounts.models import Membership
    from web.directives.chases import issue_notices
    from web.directives.instructions import write_instruction

    if kind is None:
        return []
    if kind == "plan":
        return [cast.plan.pk]
    if kind == "task":
        return [cast.tasks["t1"].pk]
    if kind == "assigned task":
        return [_assigned(cast).pk]
    if kind == "issuer":
        return [cast.town.pk]
    if kind == "department":
        return [cast.departments["经济发展办"].pk]
    if kind == "membership":
        return [Membership.objects.get(user=cast.other_staff).pk]
    if kind == "notice":
        jingji = cast.departments["经济发展办"]
        notice, = issue_notices(cast.supervisor, cast.plan, {jingji: [_assigned(cast)]}, requirement="报告",
                                reply_due=dt.date(2099, 1, 1))
        return [notice.pk]
    if kind == "instruction":
        said = write_instruction(cast.leader, cast.plan, text="抓紧", addressees=[cast.departments["经济发展办"]])
        return [said.pk]
    if kind == "target":
        return [cast.targets["g2"].pk]
    if kind == "pending":
        pending = PendingImport.objects.create(kind="report", created_by=cast.supervisor, filename="a.txt",
                                               data=b"x", issuer=cast.town, year=2025)
        return [pending.pk]
    raise ValueError(kind)


def _data(data, cast):
    from supervision_fixtures import submit

    out = {}
    for key, value in data.items():
        if value == "task":
            value = cast.tasks["t1"].pk
        elif value == "assigned task":
            value = _assigned(cast).pk
        elif value == "report":
            _assigned(cast)
            from web.supervision.models import ReportingCadence

            value = submit(cast, "t1", ReportingCadence.for_plan(cast.plan).current_period().key).pk
        elif value == "issuer":
            value = cast.town.pk
        elif value == "next report":
            from yearend_fixtures import next_report

            value = next_report()
        elif value == "all done":
            out.update({f"state_{t.pk}": "done" for t in cast.plan.tasks.filter(archived=False)})
            continue
        elif isinstance(value, str) and value.startswith("user:"):
            value = getattr(cast, value[5:]).pk
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
    payload = _data(data, cast)  # what the request refers to exists before the count
    events_before = change_events().count()  # logins and refusals are security events, not changes
    client = as_(role)
    response = client.post(url, payload) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == (200 if expected == DONE else expected)
    if method == "post":
        assert (change_events().count() > events_before) == (expected in (MOVED, DONE))


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


def test_it_lets_a_county_supervisor_read_a_towns_plan_and_change_nothing(cast):
    from web.plans.access import can_edit_plan, can_read_plan

    assert can_read_plan(cast.county_supervisor, cast.plan)
    assert not can_edit_plan(cast.county_supervisor, cast.plan)
