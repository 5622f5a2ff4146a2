"""The task table as the office's main screen: each row's light, progress and last report; filters by light,
progress, leader in charge and keyword (``?q=``); sorted by lateness. The clock: 2025-06-27 (mid-year)."""

from __future__ import annotations

import re

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from supervision_fixtures import submit, submit_approved

from web.accounts.models import Department
from web.plans.models import Task

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")


def table(client, cast, **filters):
    response = client.get(reverse("task_table", args=[cast.plan.pk]), filters)
    assert response.status_code == 200
    return response


def keys(response) -> list[str]:
    return [t.key for _, tasks in response.context["groups"] for t in tasks]


def row(response, task) -> str:
    page = response.content.decode()
    start = page.index(f'id="task-{task.pk}"')
    return page[start:page.index("</tr>", start)]


def test_each_row_shows_its_light_progress_and_last_approved_report(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 45, text="完成招商洽谈3次,签约1个")
    t3 = row(table(as_("staff"), supervised), supervised.tasks["t3"])
    assert 'class="light green"' in t3 and 'value="45.0"' in t3 and "完成招商洽谈3次" in t3
    assert "序时 49%" in t3


def test_a_report_awaiting_review_shows_beside_the_light_to_members_only(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit(supervised, "t3", "2025-06", 45)
    assert "待审核" in row(table(as_("leader"), supervised), supervised.tasks["t3"])
    supervised.plan.published = True
    supervised.plan.save()
    public = row(table(as_("public"), supervised), supervised.tasks["t3"])
    assert "待审核" not in public and 'class="light red"' in public


def test_it_filters_by_light(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 45)
    assert keys(table(as_("supervisor"), supervised, light="green")) == ["t3"]
    assert keys(table(as_("supervisor"), supervised, light="red")) == ["t1", "t2", "t4"]


def test_it_filters_by_progress_not_reported_and_awaiting_review(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit(supervised, "t3", "2025-06", 45)
    assert keys(table(as_("supervisor"), supervised, progress="pending")) == ["t3"]
    assert keys(table(as_("supervisor"), supervised, progress="not_reported")) == ["t1", "t2", "t4"]
    assert keys(table(as_("supervisor"), supervised, progress="overdue")) == ["t1"]


def test_it_filters_by_leader_in_charge_the_rows_own_or_its_lead_departments(as_, supervised):
    Department.objects.filter(pk=supervised.departments["经济发展办"].pk).update(leader_in_charge=supervised.leader)
    Task.objects.filter(pk=supervised.tasks["t4"].pk).update(leader_in_charge=supervised.leader)
    Task.objects.filter(pk=supervised.tasks["t1"].pk).update(leader_in_charge=supervised.supervisor)
    assert keys(table(as_("supervisor"), supervised, leader=supervised.leader.pk)) == ["t3", "t4"]


@pytest.mark.parametrize(("q", "found"), [("招商引资", ["t3"]), ("规建办", ["t2"]), ("t4", ["t4"]), ("没有这个词", [])])
def test_a_keyword_search_is_in_the_url(as_, supervised, q, found):
    response = table(as_("staff"), supervised, q=q)
    assert keys(response) == found
    assert f'value="{q}"' in response.content.decode()  # the search box keeps it: the link is the search


def test_sorting_by_lateness_puts_overdue_and_red_rows_first(as_, supervised):
    with fixtures.time_machine.travel("2025-06-20 10:00+08:00", tick=False):
        submit_approved(supervised, "t3", "2025-06", 60)
        submit_approved(supervised, "t2", "2025-06", 30, department="规划建设办", who="other_staff")
    response = table(as_("supervisor"), supervised, order="lateness")
    assert keys(response) == ["t1", "t4", "t2", "t3"]  # overdue; red 49 behind; yellow 19 behind; green
    assert "section-row" not in response.content.decode()  # a sorted list is one list, not under sections


def test_the_public_sees_no_names_of_people(as_, supervised):
    Department.objects.filter(pk=supervised.departments["经济发展办"].pk).update(leader_in_charge=supervised.leader)
    supervised.plan.published = True
    supervised.plan.save()
    assert "分管领导" not in table(as_("public"), supervised).content.decode()
    member = row(table(as_("staff"), supervised), supervised.tasks["t3"])
    assert re.search(r'class="people">lingdao', member)
