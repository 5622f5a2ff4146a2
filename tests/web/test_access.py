"""The access helpers (``web.plans.access``) directly: the rules every view relies on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from web.plans import services
from web.plans.access import REPORT, get_plan_for_user, get_task_for_user, plans_for_user


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


@pytest.mark.parametrize(("role", "allowed"), [
    ("staff", True), ("other_staff", False), ("supervisor", False), ("leader", False),
])
def test_it_lets_only_staff_of_the_tasks_departments_report_progress(cast, role, allowed):
    task = cast.tasks["t2"]
    services.assign_task(cast.supervisor, task, lead=cast.departments["财政所"],
                         cooperating=[cast.departments["经济发展办"]])
    request = request_as(getattr(cast, role))
    if allowed:
        assert get_task_for_user(request, task.pk, write=REPORT) == task
    else:
        with pytest.raises(PermissionDenied):
            get_task_for_user(request, task.pk, write=REPORT)


def test_it_hides_an_unpublished_plan_from_strangers_as_not_found(cast):
    with pytest.raises(Http404):
        get_plan_for_user(request_as(cast.outsider), cast.plan.pk)
    with pytest.raises(Http404):
        get_plan_for_user(request_as(None), cast.plan.pk)


def test_it_lists_each_users_plans_across_issuers(cast):
    from web.plans.models import Plan

    yueshan = Plan.objects.create(issuer=cast.other_town, year=2025)
    assert set(plans_for_user(cast.outsider)) == {yueshan}
    assert set(plans_for_user(cast.staff)) == {cast.plan}
    assert set(plans_for_user(AnonymousUser())) == set()
    yueshan.published = True
    yueshan.save()
    assert set(plans_for_user(cast.staff)) == {cast.plan, yueshan}


def test_it_maps_suggested_names_with_qualifiers_to_departments(cast):
    from web.accounts.models import Department

    assert Department.lookup(cast.town, "经济发展办(招商)") == cast.departments["经济发展办"]
    assert Department.lookup(cast.town, "经发办") == cast.departments["经济发展办"]
    assert Department.lookup(cast.town, "宣传办") is None
    assert Department.lookup(cast.other_town, "规划建设办") is None
