"""Who reads which report versions: the database filter (``readable_reports``, what lists page with) says
exactly what the per-report rule (``can_read_report``, what single pages check) says, for everyone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from supervision_fixtures import mid_year, submit, supervised  # noqa: F401  (fixtures)

from web.supervision import services
from web.supervision.access import can_read_report, readable_reports
from web.supervision.models import ProgressReport


@pytest.fixture
def versions(supervised, mid_year):  # noqa: F811
    """Every kind of version: drafts, submitted, returned and approved, of two departments, on four tasks."""
    cast = supervised
    approved = submit(cast, "t1", "2025-05", 60)
    services.approve_progress_report(cast.supervisor, approved)
    returned = submit(cast, "t3", "2025-05", 20)
    services.return_progress_report(cast.supervisor, returned, "请补充材料")
    submit(cast, "t3", "2025-06", 40)
    submit(cast, "t1", "2025-06", 70, draft=True)
    submit(cast, "t2", "2025-06", 30, who="other_staff", department="规划建设办", draft=True)
    on_t2 = submit(cast, "t2", "2025-05", 10, who="other_staff", department="规划建设办")
    services.approve_progress_report(cast.supervisor, on_t2)
    return cast


@pytest.mark.parametrize("who", ["supervisor", "staff", "other_staff", "leader", "outsider", "public"])
def test_the_database_filter_reads_what_the_report_rule_reads(versions, who):
    user = AnonymousUser() if who == "public" else getattr(versions, who)
    every = ProgressReport.objects.filter(task__plan=versions.plan)
    assert {r.status for r in every} == {"draft", "submitted", "returned", "approved"}
    expected = {r.pk for r in every if can_read_report(user, r)}
    assert set(readable_reports(user, versions.plan, every).values_list("pk", flat=True)) == expected


def test_a_department_reads_the_drafts_of_its_own_tasks_only(versions):
    every = ProgressReport.objects.filter(task__plan=versions.plan)
    drafts = set(readable_reports(versions.other_staff, versions.plan, every).filter(status="draft")
                 .values_list("task__key", flat=True))
    assert drafts == {"t2"}
