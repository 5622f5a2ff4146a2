"""Task-table rows are rendered once per content and kept: whatever a row shows changes its key, so the table
never shows a row as it was before a change. Each test changes one input a row shows and reads the table again."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.core.cache import caches
from django.urls import reverse
from supervision_fixtures import submit_approved

from web.accounts.models import Department
from web.directives.chases import send_chases
from web.plans import services
from web.plans.models import Target

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture(autouse=True)
def empty_cache():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def row_of(client, cast, key="t3") -> str:
    page = client.get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    start = page.index(f'id="task-{cast.tasks[key].pk}"')
    return page[start:page.index("</tr>", start)]


def test_a_row_seen_twice_is_rendered_once(as_, supervised, monkeypatch):
    from web.plans import row_cache

    client = as_("supervisor")
    first = row_of(client, supervised)
    rendered = []
    monkeypatch.setattr(row_cache, "render_to_string", lambda *a, **k: rendered.append(a) or "")
    assert row_of(client, supervised) == first and rendered == []


CHANGES = {
    "its text": (lambda c: services.edit_task(c.supervisor, c.tasks["t3"], text="招商引资新引进项目10个"),
                 "招商引资新引进项目10个"),
    "a target's value (which leaves the task's version alone)": (
        lambda c: Target.objects.filter(pk=c.targets["g3"].pk).update(value=12), "不低于 12个"),
    "its lead department's name": (
        lambda c: Department.objects.filter(pk=c.departments["经济发展办"].pk).update(name="经济发展局"), "经济发展局"),
    "its department's leader in charge": (
        lambda c: Department.objects.filter(pk=c.departments["经济发展办"].pk).update(leader_in_charge=c.leader),
        "lingdao"),
    "its stored status": (lambda c: submit_approved(c, "t3", "2025-06", 77), 'value="77.0"'),
    "a chase on it": (lambda c: send_chases(c.supervisor, c.plan, {c.departments["经济发展办"]: [c.tasks["t3"]]}),
                      "已催报"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_row_follows_a_change_of(as_, supervised, change):
    do, shown = CHANGES[change]
    client = as_("supervisor")
    assert shown not in row_of(client, supervised)
    do(supervised)
    assert shown in row_of(client, supervised)


def test_what_the_viewer_may_do_is_part_of_the_row(as_, supervised):
    assert "编辑" in row_of(as_("supervisor"), supervised)
    assert "编辑" not in row_of(as_("staff"), supervised)  # not the supervisor's row from the cache
