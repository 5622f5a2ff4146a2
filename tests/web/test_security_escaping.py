"""Hostile text (HTML/script) typed into tasks, instructions, progress reports and department names is shown as
text on every page that shows it, and stays plain text in the exports (.xlsx, bulletin .docx)."""

from __future__ import annotations

import io

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from supervision_fixtures import submit

from web.directives.instructions import write_instruction
from web.plans import services as plan_services
from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW = ("<script>alert(1)", "<img src=x")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
DEPARTMENT = f"经济发展办{IMG}"


@pytest.fixture
def hostile(supervised, mid_year):
    """The plan with hostile text everywhere a person can type: task, instruction, report, comment, department."""
    cast = supervised
    task = cast.tasks["t3"]
    plan_services.edit_task(cast.supervisor, task, text=f"{SCRIPT}招商引资8个项目")
    write_instruction(cast.leader, cast.plan, task=task, text=f"抓紧推进{IMG}")
    department = cast.departments["经济发展办"]
    department.name = DEPARTMENT
    department.save()
    report = submit(cast, "t3", "2025-05", 10, text=f"{SCRIPT}洽谈", difficulties=f"用地{IMG}")
    services.return_progress_report(cast.supervisor, report, f"请补充{SCRIPT}")
    submit(cast, "t3", "2025-06", 15, text=f"进展{IMG}")
    plan_services.publish_plan(cast.supervisor, cast.plan)
    return cast


PAGES = [  # (role, url name, argument) — every page that shows a task, a report or a department
    ("supervisor", "task_table", "plan"),
    ("supervisor", "task_detail", "task"),
    ("supervisor", "task_history", "task"),
    ("supervisor", "plan_history", "plan"),
    ("supervisor", "progress_report", "task"),
    ("staff", "progress_report", "task"),
    ("supervisor", "review_queue", "plan"),
    ("staff", "my_tasks", "plan"),
    ("supervisor", "alerts", "plan"),
    ("supervisor", "dashboard", "plan"),
    ("supervisor", "department_dashboard", "department"),
    ("leader", "leader_view", "plan"),
    ("leader", "bulletin", "plan"),
    ("public", "public_plan", "plan"),
    ("public", "public_index", None),
]


def url_of(cast, name: str, argument: str | None) -> str:
    if argument is None:
        return reverse(name)
    if argument == "department":
        return reverse(name, args=[cast.plan.pk, cast.departments["经济发展办"].pk])
    return reverse(name, args=[cast.plan.pk if argument == "plan" else cast.tasks["t3"].pk])


@pytest.mark.parametrize(("role", "name", "argument"), PAGES, ids=[f"{n}-{r}" for r, n, _ in PAGES])
def test_every_page_shows_hostile_text_escaped(as_, hostile, role, name, argument):
    response = as_(role).get(url_of(hostile, name, argument) + ("?period=2025-06" if name == "bulletin" else ""))
    assert response.status_code == 200
    page = response.content.decode()
    assert not any(raw in page for raw in RAW)
    if name != "public_index":  # the index lists plans only
        assert any(escaped in page for escaped in ESCAPED)  # the hostile text is there, as text


def test_the_xlsx_export_holds_the_text_as_text(as_, hostile):
    response = as_("supervisor").get(reverse("export_xlsx", args=[hostile.plan.pk]))
    cells = [c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    values = {c.value for c in cells}
    assert f"{SCRIPT}招商引资8个项目" in values and DEPARTMENT in values
    assert all(c.data_type != "f" for c in cells)


def test_the_bulletin_docx_holds_the_text_as_text(as_, hostile):
    response = as_("leader").get(reverse("bulletin_download", args=[hostile.plan.pk, "2025-06", "docx"]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert DEPARTMENT in text or SCRIPT in text
