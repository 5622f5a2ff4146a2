"""``manage.py generate_scale``: a province's shape of data for load tests (规模测试数据), made straight into the
tables. Small sizes here; the province itself is measured by ``bench/bench_load.py``."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from web.plans.models import Issuer, Plan, Task
from web.scale.generate import PASSWORD, PROVINCE, generate
from web.supervision.models import ProgressReport


@pytest.fixture
def generated(db):
    return generate(issuers=3, tasks=12, months=4, seed=1, log=lambda _: None)


def test_it_puts_each_plan_under_a_county_a_city_and_the_province(generated):
    plans = Plan.objects.filter(issuer__parent__parent__parent__name=PROVINCE)
    assert plans.count() == 3 == generated.plans
    assert all(p.tasks.count() == 12 for p in plans)


def test_it_reports_monthly_on_the_assigned_tasks_only(generated):
    reports = ProgressReport.objects.filter(task__plan__issuer__parent__parent__parent__name=PROVINCE)
    assert set(reports.values_list("period", flat=True)) <= {"2025-01", "2025-02", "2025-03", "2025-04"}
    assert not reports.filter(task__assignments__isnull=True).exists()
    assert {"approved", "returned"} <= set(reports.values_list("status", flat=True))


def test_its_counts_match_the_rows_written(generated):
    assert generated.counts["plans_task"] == Task.objects.filter(
        plan__issuer__parent__parent__parent__name=PROVINCE).count()
    assert generated.counts["supervision_progressreport"] == ProgressReport.objects.filter(
        task__plan__issuer__parent__parent__parent__name=PROVINCE).count()


def test_its_accounts_log_in_with_the_documented_password(generated):
    assert authenticate(username="duban0001", password=PASSWORD) is not None


def test_it_refuses_a_database_that_already_has_the_province(generated):
    with pytest.raises(CommandError, match=PROVINCE):
        call_command("generate_scale", "--issuers", "1", "--tasks", "2", "--months", "1")


def test_new_rows_after_it_get_fresh_ids(generated):
    issuer = Issuer.objects.create(name="新建镇人民政府")
    assert issuer.pk > Issuer.objects.exclude(pk=issuer.pk).order_by("-pk").first().pk
