"""A county over its towns (县乡): the towns compared from their stored statuses, and a county row assigned down
to its towns (联动), each town reporting its part, the county row showing the roll-up.

The cast's county 开平市 has two towns: 水口镇 (the cast's plan, assigned as in ``supervised``) and 月山镇 (the same
sample plan, unassigned). The clock is mid-year (2025-06-27, June's reports due on the 25th).
"""

from __future__ import annotations

from collections import Counter

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from django.utils import timezone
from supervision_fixtures import submit
from web_sample import sample_extracted

from web.accounts.models import Department
from web.dashboards.county import compare, linked_parts
from web.plans.county import assign_task_to_towns
from web.plans.import_services import save_extracted_plan
from web.plans.models import Issuer, Plan, Task
from web.plans.services import ServiceError, assign_task
from web.supervision import services
from web.supervision.status_store import statuses_for_plan

supervised, mid_year = fixtures.supervised, fixtures.mid_year  # fixtures used below


@pytest.fixture
def towns(supervised, mid_year):
    cast = supervised
    cast.other_plan = save_extracted_plan(cast.outsider, issuer=cast.other_town, extracted=sample_extracted(),
                                          filename="yueshan.txt")
    return cast


def _row(rows, issuer):
    return next(r for r in rows if r.issuer == issuer)


def test_it_counts_each_towns_lights_from_its_stored_statuses(towns):
    rows = compare(towns.county, 2025)
    for plan in (towns.plan, towns.other_plan):
        lights = Counter(s.light for s in statuses_for_plan(plan).values())
        row = _row(rows, plan.issuer)
        assert (row.red, row.yellow, row.green) == (lights["red"], lights["yellow"], lights["green"])


def test_it_counts_a_report_of_this_period_in_the_towns_reporting_rate(towns):
    before = _row(compare(towns.county, 2025), towns.town)
    submit(towns, "t3", "2025-06", 40)
    after = _row(compare(towns.county, 2025), towns.town)
    assert after.not_reported == before.not_reported - 1
    assert after.reporting_rate > before.reporting_rate


def test_it_counts_a_towns_overdue_rows(towns):
    # t1 was due on 2025-03-31 and nobody reported it done
    assert _row(compare(towns.county, 2025), towns.town).overdue == 1


@pytest.mark.parametrize("sort", ["name", "-name"])
def test_it_sorts_the_towns_by_the_column_asked_for(as_, towns, sort):
    page = as_("county_supervisor").get(reverse("county_towns", args=[towns.county.pk]), {"sort": sort})
    html = page.content.decode()
    order = sorted([towns.town.name, towns.other_town.name], reverse=sort.startswith("-"))
    assert html.index(f'data-town="{order[0]}"') < html.index(f'data-town="{order[1]}"')


@pytest.mark.parametrize("query", [{"sort": "nonsense"}, {"year": "abc"}, {"year": "1999"}])
def test_it_answers_a_query_it_does_not_know_with_the_page(as_, towns, query):
    assert as_("county_supervisor").get(reverse("county_towns", args=[towns.county.pk]), query).status_code == 200


def test_it_lists_a_town_without_a_plan_for_the_year_last(towns):
    Issuer.objects.create(name="百合镇人民政府", parent=towns.county)
    rows = compare(towns.county, 2025, sort="name")
    assert [r.issuer.name for r in rows][-1] == "百合镇人民政府" and rows[-1].plan is None


def test_it_links_each_town_to_its_dashboard_for_the_drill_down(as_, towns):
    page = as_("county_supervisor").get(reverse("county_towns", args=[towns.county.pk]))
    for plan in (towns.plan, towns.other_plan):
        assert reverse("dashboard", args=[plan.pk]) in page.content.decode()


def test_it_tells_the_county_a_towns_plan_is_read_only(as_, towns):
    page = as_("county_supervisor").get(reverse("dashboard", args=[towns.plan.pk]))
    assert "上级查看(只读)" in page.content.decode()


def test_it_offers_the_share_switch_to_the_countys_office(as_, towns):
    page = as_("county_supervisor").get(reverse("county_towns", args=[towns.county.pk]))
    assert reverse("county_share", args=[towns.county.pk]) in page.content.decode()


# --- 联动: a county row assigned down ---------------------------------------------------------------------------


@pytest.fixture
def county_task(towns):
    plan = Plan.objects.create(issuer=towns.county, year=2025)
    return Task.objects.create(plan=plan, key="c1", text="推进农村人居环境整治")


def test_it_gives_each_town_a_row_of_its_own_linked_to_the_county_row(towns, county_task):
    parts = assign_task_to_towns(towns.county_supervisor, county_task, [towns.town, towns.other_town])
    assert {(p.plan, p.text, p.linked_to) for p in parts} == {(towns.plan, county_task.text, county_task),
                                                              (towns.other_plan, county_task.text, county_task)}


def test_it_assigns_a_town_its_part_once(towns, county_task):
    assign_task_to_towns(towns.county_supervisor, county_task, [towns.town])
    assert assign_task_to_towns(towns.county_supervisor, county_task, [towns.town, towns.other_town]) != []
    assert Task.objects.filter(linked_to=county_task).count() == 2


def test_it_refuses_a_town_without_a_plan_of_the_year(towns, county_task):
    bare = Issuer.objects.create(name="百合镇人民政府", parent=towns.county)
    with pytest.raises(ServiceError, match="百合镇人民政府尚无2025年规划"):
        assign_task_to_towns(towns.county_supervisor, county_task, [bare])


def test_it_refuses_an_issuer_not_below_the_county(towns, county_task):
    stranger = Issuer.objects.create(name="台山市人民政府")
    with pytest.raises(ServiceError):
        assign_task_to_towns(towns.county_supervisor, county_task, [stranger])


def test_it_refuses_to_assign_down_from_a_county_plan_closed_at_the_year_end(towns, county_task):
    Plan.objects.filter(pk=county_task.plan_id).update(closed_at=timezone.now())
    county_task.plan.refresh_from_db()
    with pytest.raises(ServiceError, match="年终关闭"):
        assign_task_to_towns(towns.county_supervisor, county_task, [towns.town])
    assert not Task.objects.filter(linked_to=county_task).exists()


def test_it_refuses_to_add_a_part_to_a_towns_plan_closed_at_the_year_end(towns, county_task):
    Plan.objects.filter(pk=towns.other_plan.pk).update(closed_at=timezone.now())
    with pytest.raises(ServiceError, match="年终关闭"):
        assign_task_to_towns(towns.county_supervisor, county_task, [towns.town, towns.other_town])
    assert not Task.objects.filter(linked_to=county_task).exists()


def test_it_records_the_assignment_down_on_the_county_row(as_, towns, county_task):
    from web.audit.services import change_events

    as_("county_supervisor").post(reverse("task_assign_down", args=[county_task.pk]), {"towns": [towns.town.pk]})
    assert change_events().filter(action="task.assign_down", object_id=str(county_task.pk)).count() == 1


def _report_part(cast, part, user, department, percent):
    supervisor = cast.supervisor if part.plan == cast.plan else cast.outsider
    assign_task(supervisor, part, lead=department)
    report = services.submit_progress_report(user, part, department=department, period="2025-06", percent=percent,
                                             text="已完成本镇部分")
    services.approve_progress_report(supervisor, report)


def test_it_lets_the_towns_staff_report_their_part_and_rolls_up_the_mean(towns, county_task):
    mine, theirs = sorted(assign_task_to_towns(towns.county_supervisor, county_task, [towns.town, towns.other_town]),
                          key=lambda p: p.plan != towns.plan)
    _report_part(towns, mine, towns.staff, towns.departments["经济发展办"], 60)
    _report_part(towns, theirs, towns.neighbour, Department.objects.get(issuer=towns.other_town), 20)
    rollup = linked_parts(county_task)
    assert (rollup.mean, rollup.minimum) == (40.0, 20.0)


def test_it_shows_each_towns_light_on_the_county_row(as_, towns, county_task):
    assign_task_to_towns(towns.county_supervisor, county_task, [towns.town, towns.other_town])
    html = as_("county_supervisor").get(reverse("task_detail", args=[county_task.pk])).content.decode()
    assert "联动进度" in html
    assert f'data-town="{towns.town.name}"' in html and f'data-town="{towns.other_town.name}"' in html


def test_it_keeps_the_county_from_reporting_on_a_towns_part(towns, county_task):
    from web.plans.access import can_report_on_task

    part, = assign_task_to_towns(towns.county_supervisor, county_task, [towns.town])
    assign_task(towns.supervisor, part, lead=towns.departments["经济发展办"])
    assert can_report_on_task(towns.staff, part) and not can_report_on_task(towns.county_supervisor, part)
