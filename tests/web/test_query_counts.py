"""No page asks the database once per row (N+1): each page's query count is the same for a plan of 5 tasks
with 3 months of reports (one plan) as for 50 tasks with 6 months (five plans).

The data comes from the scale generator (``web.scale.generate``), made inside a transaction that is rolled
back, once per size for the whole module.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from web.accounts.models import Membership
from web.indicators.models import Indicator
from web.plans.models import Plan
from web.scale.generate import PROVINCE, generate
from web.supervision.models import ProgressReport

pytestmark = pytest.mark.django_db  # the test database is made for this module too

SIZES = {"small": dict(issuers=1, tasks=5, months=3), "big": dict(issuers=5, tasks=50, months=6)}
# (name, who, url): who is the generated account that reads the page (None: the public)
PAGES = [
    ("home: the supervisor's workbench", "duban0001", "/"),
    ("the department's workbench", "staff0001-{dept}", "/"),
    ("the leader's workbench", "lingdao0001", "/"),
    ("the plan list", "duban0001", "/plans/"),
    ("task table", "duban0001", "/plans/{plan}/"),
    ("task table, red rows by lateness", "duban0001", "/plans/{plan}/?light=red&order=lateness"),
    ("task table, a keyword", "duban0001", "/plans/{plan}/?q=增长"),
    ("task page", "duban0001", "/tasks/{task}/"),
    ("task progress", "duban0001", "/tasks/{task}/progress/"),
    ("task progress, the department's", "{lead_staff}", "/tasks/{task}/progress/"),
    ("dashboard rows behind a tile", "duban0001", "/plans/{plan}/dashboard/rows/?show=red"),
    ("task table, a chart bar's rows", "duban0001", "/plans/{plan}/?lead={lead}&light=red"),
    ("the bulletin", "duban0001", "/plans/{plan}/bulletin/"),
    ("the Excel export", "duban0001", "/plans/{plan}/export.xlsx"),
    ("department's task list", "staff0001-{dept}", "/plans/{plan}/my-tasks/"),
    ("review queue", "duban0001", "/plans/{plan}/review/"),
    ("dashboard", "duban0001", "/plans/{plan}/dashboard/"),
    ("leader's page", "lingdao0001", "/plans/{plan}/leader/"),
    ("alerts", "duban0001", "/plans/{plan}/alerts/"),
    ("indicator list", "duban0001", "/plans/{plan}/indicators/"),
    ("indicator page", "duban0001", "/indicators/{indicator}/"),
    ("public page", None, "/public/plans/{plan}/"),
    ("the department's batch report", "staff0001-{dept}", "/plans/{plan}/report/"),
    ("the chase page", "duban0001", "/plans/{plan}/chase/"),
    ("chases and notices", "duban0001", "/plans/{plan}/chases/"),
    ("批示", "lingdao0001", "/plans/{plan}/instructions/"),
    ("the change log", "duban0001", "/plans/{plan}/history/"),
    ("the people page", "duban0001", "/office/{issuer}/"),
]


class _Rollback(Exception):
    pass


# The county's pages: the same queries for a county of two towns as for one of five (the towns are generated under
# one county when fewer than 16; its 督查室 is ``dubancounty002``).
TOWNS = {"two towns": dict(issuers=2, tasks=5, months=3), "five towns": dict(issuers=5, tasks=5, months=3)}
COUNTY_PAGES = [
    ("the towns compared", "dubancounty002", "/issuers/{county}/towns/"),
    ("the towns compared, by reporting rate", "dubancounty002", "/issuers/{county}/towns/?sort=rate"),
    ("a town's dashboard, read by the county", "dubancounty002", "/plans/{plan}/dashboard/"),
]


def _measure(size: dict, pages=PAGES) -> dict[str, tuple[int, int]]:
    """(status, queries) per page for one generated data set, rolled back afterwards."""
    out = {}
    try:
        with transaction.atomic():
            generate(**size, seed=7, log=lambda _: None)
            plan = Plan.objects.filter(issuer__parent__parent__parent__name=PROVINCE).order_by("pk").first()
            plan.published = True
            plan.save(update_fields=["published"])
            task = plan.tasks.filter(assignments__role="lead", targets__isnull=False).order_by("pk").first()
            # one report awaiting review in either size, so that the review queue shows one (a list that is empty
            # in one size and not in the other would differ by its prefetch, not by a query per row)
            last = ProgressReport.objects.filter(task=task, status="approved").order_by("-period").first()
            ProgressReport.objects.filter(pk=last.pk).update(status="submitted", reviewer=None, reviewed_at=None)
            # and no draft of its department's in either size (a draft's actuals fill the report form: one query more
            # when there is one, whatever the number of reports)
            ProgressReport.objects.filter(task=task, status="draft").delete()
            lead = task.assignments.get(role="lead").department
            ids = {"plan": plan.pk, "task": task.pk, "dept": f"{lead.order:02d}", "issuer": plan.issuer_id,
                   "lead": lead.pk, "lead_staff": Membership.objects.get(department=lead, role="staff").user.username,
                   "indicator": Indicator.objects.filter(plan=plan).order_by("pk").first().pk,
                   "county": plan.issuer.parent_id}
            users = get_user_model().objects
            for name, who, url in pages:
                client = Client()
                if who:
                    client.force_login(users.get(username=who.format(**ids)))
                path = url.format(**ids)
                client.get(path)  # warm: first-visit work (session, caches) is not the page's
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(path).status_code
                out[name] = (status, len(queries.captured_queries))
            raise _Rollback
    except _Rollback:
        pass
    return out


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {label: _measure(size) for label, size in SIZES.items()}


@pytest.mark.parametrize("page", [name for name, _, _ in PAGES])
def test_the_page_asks_as_many_queries_for_fifty_tasks_as_for_five(counts, page):
    small, big = counts["small"][page], counts["big"][page]
    assert small[0] == big[0] == 200, (small, big)
    assert small[1] == big[1], f"{page}: {small[1]} queries for 5 tasks, {big[1]} for 50"


@pytest.fixture(scope="module")
def county_counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {label: _measure(size, COUNTY_PAGES) for label, size in TOWNS.items()}


@pytest.mark.parametrize("page", [name for name, _, _ in COUNTY_PAGES])
def test_the_county_page_asks_as_many_queries_for_five_towns_as_for_two(county_counts, page):
    two, five = county_counts["two towns"][page], county_counts["five towns"][page]
    assert two[0] == five[0] == 200, (two, five)
    assert two[1] == five[1], f"{page}: {two[1]} queries for 2 towns, {five[1]} for 5"

