"""Difficulties (需协调解决的问题) are a department's own until the supervisor has reviewed the report: the
dashboards, the leader's one page and the bulletin (page and file) show reviewed ones only.

经济发展办 reports its lagging task t1 with a difficulty; the attacker, 党政办 staff, looks everywhere the
difficulty could surface before the report is approved."""

from __future__ import annotations

import io

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from docx import Document
from supervision_fixtures import submit

from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")

DIFFICULTY = "镇财政配套资金缺口约800万元尚未落实"
PAGES = ["dashboard", "leader_view", "bulletin"]


@pytest.fixture
def pending(supervised):
    """t1 (due in March) reported at 10% by 经济发展办, awaiting review: the task is red."""
    return submit(supervised, "t1", "2025-06", 10, text="土地平整已完成一成", difficulties=DIFFICULTY)


def page(as_, who: str, name: str, plan) -> str:
    response = as_(who).get(reverse(name, args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def department_page(as_, who: str, supervised) -> str:
    department = supervised.departments["经济发展办"]
    return as_(who).get(reverse("department_dashboard", args=[supervised.plan.pk, department.pk])).content.decode()


def bulletin_docx(as_, who: str, plan) -> str:
    response = as_(who).get(reverse("bulletin_download", args=[plan.pk, "2025-06", "docx"]))
    assert response.status_code == 200
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.mark.parametrize("name", PAGES)
def test_an_unreviewed_difficulty_is_not_on_the_page(as_, supervised, pending, name):
    assert DIFFICULTY not in page(as_, "attacker", name, supervised.plan)


def test_an_unreviewed_difficulty_is_not_on_the_departments_page(as_, supervised, pending):
    assert DIFFICULTY not in department_page(as_, "attacker", supervised)


def test_an_unreviewed_difficulty_is_not_in_the_bulletin_file(as_, supervised, pending):
    assert DIFFICULTY not in bulletin_docx(as_, "attacker", supervised.plan)


def test_an_unreviewed_report_text_is_not_the_bulletins_reason_either(as_, supervised):
    submit(supervised, "t1", "2025-06", 10, text="土地平整已完成一成")
    assert "土地平整已完成一成" not in page(as_, "attacker", "bulletin", supervised.plan)


@pytest.mark.parametrize("name", PAGES)
def test_a_reviewed_difficulty_is_shown(as_, supervised, pending, name):
    services.approve_progress_report(supervised.supervisor, pending)
    assert DIFFICULTY in page(as_, "attacker", name, supervised.plan)


def test_a_reviewed_difficulty_stays_while_a_later_report_awaits_review(as_, supervised, pending):
    services.approve_progress_report(supervised.supervisor, pending)
    with fixtures.time_machine.travel("2025-07-27 10:00+08:00", tick=False):
        submit(supervised, "t1", "2025-07", 15, text="七月进展", difficulties="尚未审核的新问题")
        shown = page(as_, "attacker", "dashboard", supervised.plan)
    assert DIFFICULTY in shown and "尚未审核的新问题" not in shown
