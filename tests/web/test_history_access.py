"""The change log (变更记录) shows a progress report's contents only to those who may read that report.

A report's history events carry its text, difficulties and review comment; the plan's history page is
open to every member, so each report event is shown only where ``can_read_report`` allows it, and a
draft's contents only to the department drafting it.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse
from supervision_fixtures import mid_year, submit, supervised  # noqa: F401  (fixtures)

from web.api.auth import acting
from web.api.models import ApiToken
from web.plans import services as plan_services
from web.supervision import services

DRAFT_TEXT = "草稿里尚未核实的招商线索"
SUBMITTED_TEXT = "待审核的招商洽谈进展"
DIFFICULTY = "需要财政配套资金"


def history_page(as_, who, plan) -> str:
    return as_(who).get(reverse("plan_history", args=[plan.pk])).content.decode()


@pytest.fixture
def draft(supervised, mid_year):  # noqa: F811
    return submit(supervised, "t3", "2025-06", 30, text=DRAFT_TEXT, difficulties=DIFFICULTY, draft=True)


@pytest.fixture
def pending(supervised, mid_year):  # noqa: F811
    return submit(supervised, "t3", "2025-06", 40, text=SUBMITTED_TEXT, difficulties=DIFFICULTY)


def test_it_hides_a_departments_draft_from_another_departments_staff(as_, draft):
    page = history_page(as_, "attacker", draft.task.plan)
    assert DRAFT_TEXT not in page and DIFFICULTY not in page


def test_it_hides_a_draft_from_the_supervisor_and_the_leader(as_, draft):
    for who in ("supervisor", "leader"):
        assert DRAFT_TEXT not in history_page(as_, who, draft.task.plan)


def test_it_shows_a_draft_to_the_department_writing_it(as_, draft):
    assert DRAFT_TEXT in history_page(as_, "staff", draft.task.plan)


def test_it_hides_an_unreviewed_report_from_another_department(as_, pending):
    page = history_page(as_, "attacker", pending.task.plan)
    assert SUBMITTED_TEXT not in page and DIFFICULTY not in page


def test_it_shows_a_submitted_report_to_the_supervisor(as_, pending):
    assert SUBMITTED_TEXT in history_page(as_, "supervisor", pending.task.plan)


def test_it_never_shows_the_draft_a_submitted_report_replaced(as_, supervised, mid_year):  # noqa: F811
    submit(supervised, "t3", "2025-06", 30, text=DRAFT_TEXT, draft=True)
    submit(supervised, "t3", "2025-06", 40, text=SUBMITTED_TEXT)
    page = history_page(as_, "supervisor", supervised.plan)
    assert SUBMITTED_TEXT in page and DRAFT_TEXT not in page


def test_it_hides_a_returned_reports_review_comment_from_another_department(as_, cast, pending):
    services.return_progress_report(cast.supervisor, pending, "数据口径有误请重报")
    assert "数据口径有误请重报" not in history_page(as_, "attacker", pending.task.plan)


def test_it_shows_an_approved_report_to_every_member(as_, cast, pending):
    services.approve_progress_report(cast.supervisor, pending)
    assert SUBMITTED_TEXT in history_page(as_, "attacker", pending.task.plan)


def test_it_shows_no_part_of_an_api_token(as_, cast):
    token, raw = ApiToken.issue(cast.supervisor, "统计局对接")
    request = SimpleNamespace(api_token=token, user=cast.supervisor)
    with acting(request) as user:
        plan_services.edit_task(user, cast.tasks["t1"], text="经令牌修改的任务")
    page = history_page(as_, "attacker", cast.plan)
    assert "经令牌修改的任务" in page and "统计局对接" in page
    assert raw[:6] not in page and token.prefix not in page
