"""The workbench (工作台): every member lands on what waits for them; each count links to the list it counts.
The clock: 2025-06-27, two days after June's due day."""

from __future__ import annotations

import re

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from supervision_fixtures import submit

from web.accounts.models import Department
from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")


def tile(page: str, label: str) -> tuple[str, int]:
    """(link, count) of the workbench tile called ``label``."""
    found = re.search(r'<a class="tile[^"]*" href="([^"]+)"><span class="n">(\d+)</span>' + re.escape(label), page)
    assert found, label
    return found[1].replace("&amp;", "&"), int(found[2])


@pytest.mark.parametrize(("role", "heading"), [("supervisor", "督查室"), ("staff", "经济发展办"), ("leader", "领导"),
                                               ("attacker", "党政办")])
def test_a_member_lands_on_the_workbench_of_their_plan(as_, supervised, role, heading):
    page = as_(role).get("/").content.decode()
    assert "<h1>工作台</h1>" in page and f"{supervised.plan} · {heading}" in page


@pytest.mark.parametrize("role", ["public", "outsider"])
def test_who_has_no_plan_of_their_own_lands_on_the_plan_list(as_, supervised, role):
    assert "<h1>规划列表</h1>" in as_(role).get("/").content.decode()


def test_the_supervisors_counts_link_to_the_rows_they_count(as_, supervised):
    submit(supervised, "t3", "2025-06", 30)
    client = as_("supervisor")
    page = client.get("/").content.decode()
    assert tile(page, "待审核的报送")[1] == 1
    for label in ("本期未报", "逾期未完成", "红灯"):
        link, n = tile(page, label)
        assert n > 0 and client.get(link).context["task_count"] == n, label


def test_a_department_sees_what_is_due_and_what_was_returned(as_, supervised):
    report = submit(supervised, "t3", "2025-06", 30)
    services.return_progress_report(supervised.supervisor, report, "请补充签约企业名单")
    page = as_("staff").get("/").content.decode()
    assert tile(page, "本期待报")[1] == 3  # t1, t2 (cooperating) and t3 (returned: not answered)
    assert tile(page, "被退回待重报")[1] == 1 and "请补充签约企业名单" in page
    assert "请于 <strong>6月25日</strong> 前报送进展(已过截止日)" in page


def test_a_leader_sees_the_rows_and_departments_in_their_charge_that_are_behind(as_, supervised):
    Department.objects.filter(pk=supervised.departments["经济发展办"].pk).update(leader_in_charge=supervised.leader)
    client = as_("leader")
    page = client.get("/").content.decode()
    link, n = tile(page, "分管任务红灯")
    assert n == 2 and client.get(link).context["task_count"] == 2  # t1 and t3, led by 经济发展办
    assert reverse("department_dashboard", args=[supervised.plan.pk, supervised.departments["经济发展办"].pk]) in page


def test_another_plan_of_the_members_issuer_has_its_own_workbench(as_, supervised):
    assert as_("staff").get(reverse("workbench", args=[supervised.plan.pk])).status_code == 200
    assert as_("outsider").get(reverse("workbench", args=[supervised.plan.pk])).status_code == 404
