"""The permission matrix along the issuer tree (县乡): who reads and changes what of a town's plan from the county
above it and from the town beside it, and the county's own pages.

- ``county_supervisor`` (开平市's 督查室) reads every page of 水口镇's plan that its members read, and every change
  there is refused (403): the county oversees, the town's 督查室 runs its plan;
- ``neighbour`` (月山镇 staff) gets a 404 on all of it: the plan does not exist for her;
- ``neighbour, shared``: the same person once the county lets its towns read one another's plans: she reads like
  the county, and changes nothing.

For a change, "allowed" also means an audit row was written, and "denied" that none was.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_permissions import MATRIX, _argument, _data, _no_extraction

from web.audit.services import change_events
from web.plans.models import Plan, Task

OK, MOVED, DENIED, HIDDEN, LOGIN = 200, 302, 403, 404, "login"
ROLES = ("county_supervisor", "neighbour", "neighbour, shared")

READ = (OK, HIDDEN, OK)  # a page any member of the plan reads
REFUSED = (DENIED, HIDDEN, DENIED)  # a change, or a page of the town's own office or departments
NOT_THEIRS = (HIDDEN, HIDDEN, HIDDEN)  # addressed to a department of the town, or someone's own upload

# The town's pages (the rows of ``test_permissions.MATRIX``), for those above and beside it.
TOWN_PAGES = {
    "home": (OK, OK, OK), "plan list": (OK, OK, OK),
    # the county's 督查室 imports its own reports; the neighbour's staff import nothing
    "import report form": (OK, DENIED, DENIED),
    "task table (unpublished)": READ, "task detail": READ, "task row": READ, "plan history": READ,
    "task history": READ, "target history": READ, "export xlsx": READ, "workbench": READ,
    "chases and notices": READ, "批示 list": READ, "a 批示 to 经济发展办": READ,
    "import xlsx form": REFUSED, "edit task form": REFUSED, "edit task": REFUSED, "edit target": REFUSED,
    "assign task": REFUSED, "bulk assign": REFUSED, "split task": REFUSED, "merge with the next row": REFUSED,
    "add task": REFUSED, "archive task": REFUSED, "publish plan": REFUSED, "write instruction": REFUSED,
    "name a row's leader in charge": REFUSED, "batch report page": REFUSED, "review queue": REFUSED,
    "approve in a batch": REFUSED, "chase page": REFUSED, "send a chase": REFUSED, "issue a 督办单": REFUSED,
    "write a 批示": REFUSED, "reply to the 批示": REFUSED, "people page": REFUSED, "add a department": REFUSED,
    "edit a department": REFUSED, "add an account": REFUSED, "edit an account": REFUSED,
    "reset a password": REFUSED, "deactivate an account": REFUSED,
    "兑现表": READ, "年终 page": READ, "upload next year's report": REFUSED, "close the year": REFUSED,
    "public 兑现表 of an unpublished plan": NOT_THEIRS,
    "a 督办单 to 经济发展办": NOT_THEIRS, "its .docx": NOT_THEIRS, "reply to the 督办单": NOT_THEIRS,
    "import preview (supervisor's upload)": NOT_THEIRS, "point an upload at a new plan": NOT_THEIRS,
}


def test_every_page_of_the_town_matrix_has_its_row_here():
    assert set(TOWN_PAGES) == {view for view, _, _ in MATRIX}


CASES = [(view, call, role, expected) for view, call, _ in MATRIX
         for role, expected in zip(ROLES, TOWN_PAGES[view], strict=True)]


def _client(as_, cast, role):
    if role == "neighbour, shared":
        cast.county.shares_plans = True
        cast.county.save()
        return as_("neighbour")
    return as_(role)


def _check(response, expected, method, events_before):
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    if method == "post":
        assert (change_events().count() > events_before) == (expected == MOVED)


@pytest.mark.parametrize(("view", "call", "role", "expected"), CASES,
                         ids=[f"{view}-{role}" for view, _, role, _ in CASES])
def test_it_reads_a_town_from_above_and_beside_and_changes_nothing(as_, cast, view, call, role, expected,
                                                                    monkeypatch):
    from web.plans import import_services as services

    monkeypatch.setattr(services, "preview_import", _no_extraction)
    method, name, kind, data = call
    url = reverse(name, args=_argument(kind, cast))
    payload = _data(data, cast)
    client = _client(as_, cast, role)
    events_before = change_events().count()
    response = client.post(url, payload) if method == "post" else client.get(url)
    _check(response, expected, method, events_before)


# --- the county's own pages, for the county, the town's office and staff, the neighbour and the public -----------

COUNTY_ROLES = ("county_supervisor", "supervisor", "staff", "neighbour", "public")
COUNTY_MATRIX = [
    ("the towns compared", ("get", "county_towns", "county", {}), (OK, HIDDEN, HIDDEN, HIDDEN, LOGIN)),
    ("share the towns' plans", ("post", "county_share", "county", {"shared": "1"}),
     (MOVED, HIDDEN, HIDDEN, HIDDEN, LOGIN)),
    ("assign a county row down", ("post", "task_assign_down", "county task", {"towns": "town"}),
     (MOVED, HIDDEN, HIDDEN, HIDDEN, HIDDEN)),
]


def _county_task(cast) -> Task:
    plan = Plan.objects.create(issuer=cast.county, year=2025)
    return Task.objects.create(plan=plan, text="推进县域农村人居环境整治", key="c1")


COUNTY_CASES = [(view, call, role, expected) for view, call, row in COUNTY_MATRIX
                for role, expected in zip(COUNTY_ROLES, row, strict=True)]


@pytest.mark.parametrize(("view", "call", "role", "expected"), COUNTY_CASES,
                         ids=[f"{view}-{role}" for view, _, role, _ in COUNTY_CASES])
def test_it_opens_the_countys_pages_to_the_county_only(as_, cast, view, call, role, expected):
    method, name, kind, data = call
    arg = cast.county.pk if kind == "county" else _county_task(cast).pk
    payload = {k: cast.town.pk if v == "town" else v for k, v in data.items()}
    events_before = change_events().count()
    client = as_(role)
    response = client.post(reverse(name, args=[arg]), payload) if method == "post" else client.get(
        reverse(name, args=[arg]))
    _check(response, expected, method, events_before)


# --- the tree rule, one behaviour each -------------------------------------------------------------------------


def test_it_shows_a_county_leader_the_towns_but_lets_only_the_office_share_them(as_, cast):
    from web.accounts.models import Membership

    Membership.objects.filter(user=cast.county_supervisor).update(role=Membership.Role.LEADER)
    leader = as_("county_supervisor")
    assert leader.get(reverse("county_towns", args=[cast.county.pk])).status_code == 200
    assert leader.post(reverse("county_share", args=[cast.county.pk]), {"shared": "1"}).status_code == 403


def test_it_shows_the_countys_departments_nothing_of_its_towns(as_, cast):
    from web.accounts.models import Department, Membership

    department = Department.objects.create(issuer=cast.county, name="县发改局")
    Membership.objects.filter(user=cast.county_supervisor).update(role=Membership.Role.STAFF, department=department)
    county_staff = as_("county_supervisor")
    assert county_staff.get(reverse("task_table", args=[cast.plan.pk])).status_code == 404
    assert county_staff.get(reverse("county_towns", args=[cast.county.pk])).status_code == 403


def test_it_lets_a_province_oversee_the_towns_two_levels_down(as_, cast):
    from web.accounts.models import Membership
    from web.plans.models import Issuer

    province = Issuer.objects.create(name="广东省人民政府")
    Issuer.objects.filter(pk=cast.county.pk).update(parent=province)
    Membership.objects.filter(user=cast.county_supervisor).update(issuer=province)
    above = as_("county_supervisor")
    assert above.get(reverse("task_table", args=[cast.plan.pk])).status_code == 200
    assert above.get(reverse("county_towns", args=[cast.county.pk])).status_code == 200
    assert above.post(reverse("county_share", args=[cast.county.pk]), {"shared": "1"}).status_code == 403


def test_it_lists_a_neighbours_plan_only_once_the_county_shares_it(cast):
    from django.contrib.auth import get_user_model

    from web.plans.access import plans_for_user

    assert cast.plan not in plans_for_user(cast.neighbour)
    cast.county.shares_plans = True
    cast.county.save()
    assert cast.plan in plans_for_user(get_user_model().objects.get(pk=cast.neighbour.pk))  # as the next request


def test_it_lists_the_towns_plans_for_the_county(cast):
    from web.plans.access import plans_for_user

    assert cast.plan in plans_for_user(cast.county_supervisor)


def test_it_records_who_shared_the_towns_plans(as_, cast):
    as_("county_supervisor").post(reverse("county_share", args=[cast.county.pk]), {"shared": "1"})
    event = change_events().filter(action="issuer.share").get()
    assert (event.actor, event.object_id, event.after) == (cast.county_supervisor, str(cast.county.pk),
                                                           {"shares_plans": True})


def test_it_keeps_a_neighbours_plan_hidden_when_another_county_shares(as_, cast):
    from web.plans.models import Issuer

    Issuer.objects.create(name="台山市人民政府", shares_plans=True)
    assert as_("neighbour").get(reverse("task_table", args=[cast.plan.pk])).status_code == 404
