"""The API's contract (接口契约): requests generated from the served /api/openapi.json by schemathesis, sent
in-process to the WSGI app as the public, a supervisor's token and a department's token. Every response must
match its documented status, content type and schema, and no request may make a 500.

Bounded and deterministic: a few examples per operation and mode, derandomized, no deadline, no example
database. Path ids are those of the cast's real plan, tasks, targets, reports and indicators half the time, so
the requests reach the code past the 404s; the other half they are generated.
"""

from __future__ import annotations

import pytest
import schemathesis
import supervision_fixtures as fixtures
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from supervision_fixtures import submit

from web.api.models import ApiToken
from web.indicators.services import create_indicators_from_targets, record_indicator_actual
from web.plans.services import publish_plan

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = [pytest.mark.usefixtures("mid_year"), pytest.mark.slow]

EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def app():
    """Django's WSGI app on the test's database connection: requests must not close it mid-transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_ids(supervised):
    """Ids of real objects for the path parameters: a published plan with a report and an indicator."""
    publish_plan(supervised.supervisor, supervised.plan)
    report = submit(supervised, "t3", percent=40)
    indicator = create_indicators_from_targets(supervised.supervisor, supervised.plan)[0]
    record_indicator_actual(supervised.supervisor, indicator, month=5, value=None, growth=9.0)
    return {"plan_id": supervised.plan.pk, "task_id": supervised.tasks["t3"].pk,
            "target_id": supervised.targets["g3"].pk, "report_id": report.pk, "indicator_id": indicator.pk}


def run_contract(app, real_ids, headers: dict) -> list[str]:
    """Every operation, positive and negative, with real and generated ids; returns the operations run."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    seen = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [p.name for p in operation.path_parameters]
        for mode, examples in EXAMPLES.items():
            checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS
            for fixed in ({n: real_ids[n] for n in names if n in real_ids}, None):
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed or None)
                try:
                    contract(strategy, examples, checks, headers)()
                except Unsatisfiable:  # nothing left to make invalid once the path ids are fixed
                    assert mode == GenerationMode.NEGATIVE and fixed
        seen.append(operation.label)
    return seen


def contract(strategy, examples: int, checks: list, headers: dict):
    """A Hypothesis test sending ``examples`` cases of ``strategy`` and running ``checks`` on each response."""

    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(headers=headers, checks=checks)

    return check


@pytest.mark.parametrize("caller", ["public", "supervisor", "staff"])
def test_every_response_conforms_to_the_schema_and_none_is_a_500(caller, supervised, real_ids, app):
    headers = {}
    if caller != "public":
        _, raw = ApiToken.issue(getattr(supervised, caller), "契约测试")
        headers = {"Authorization": f"Bearer {raw}"}
    operations = run_contract(app, real_ids, headers)
    assert len(operations) >= 22
