"""Progress reports (进展报送): report → review → lock, every version kept, drafts private to the department.

The clock is frozen at 2025-06-27 (June's reports were due on the 25th).
"""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.core.exceptions import ValidationError
from django.urls import reverse
from supervision_fixtures import submit

from web.audit.models import AuditEvent
from web.supervision import services
from web.supervision.models import ProgressReport

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")
Status = ProgressReport.Status


def post_report(client, task, **data):
    fields = {"period": "2025-06", "text": "完成招商洽谈3次,签约1个", "percent": "45", "difficulties": "", **data}
    return client.post(reverse("progress_report", args=[task.pk]), fields)


# --- submitting ----------------------------------------------------------------------------------

def test_it_lets_the_lead_department_submit_a_report(as_, supervised):
    response = post_report(as_("staff"), supervised.tasks["t3"], difficulties="用地指标不足,需镇里协调")
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=supervised.tasks["t3"])
    assert (report.period, report.version, report.status, report.percent) == ("2025-06", 1, Status.SUBMITTED, 45)
    assert report.department.name == "经济发展办" and report.difficulties == "用地指标不足,需镇里协调"
    assert AuditEvent.objects.filter(action="report.submit", object_id=str(report.pk)).count() == 1


def test_it_lets_a_cooperating_department_report_too(as_, supervised):
    assert post_report(as_("staff"), supervised.tasks["t2"]).status_code == 302
    assert ProgressReport.objects.get(task=supervised.tasks["t2"]).department.name == "经济发展办"


def test_it_refuses_staff_of_another_department(as_, supervised):
    response = post_report(as_("other_staff"), supervised.tasks["t3"])
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "leader"])
def test_it_refuses_reports_from_people_outside_the_task_departments(as_, supervised, role):
    assert post_report(as_(role), supervised.tasks["t3"]).status_code == 403


def test_it_sends_the_public_to_the_login_page(as_, supervised):
    response = post_report(as_("public"), supervised.tasks["t3"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_records_target_actuals_and_judges_them(as_, supervised):
    target = supervised.targets["g3"]
    post_report(as_("staff"), supervised.tasks["t3"], **{f"target_{target.pk}": "9"})
    report = ProgressReport.objects.get()
    assert [(a.target.key, a.value) for a in report.actuals.all()] == [("g3", 9.0)]
    services.approve_progress_report(supervised.supervisor, report)  # judged on reviewed figures
    page = as_("supervisor").get(reverse("progress_report", args=[supervised.tasks["t3"].pk]))
    assert "达标" in page.content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"percent": "101"}, "100"),
    ({"text": ""}, "这个字段是必填项"),
    ({"period": "2025-09"}, "2025-09"),  # a future period is not offered
])
def test_it_rejects_bad_input_and_saves_nothing(as_, supervised, data, message):
    response = post_report(as_("staff"), supervised.tasks["t3"], **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_it_refuses_a_second_version_while_one_awaits_review(supervised):
    submit(supervised)
    with pytest.raises(ValidationError, match="等待审核"):
        submit(supervised, percent=50)
    assert ProgressReport.objects.count() == 1


# --- drafts ----------------------------------------------------------------------------------------

def test_a_draft_stays_with_the_department_until_submitted(as_, supervised):
    task = supervised.tasks["t3"]
    post_report(as_("staff"), task, text="草稿:尚未核实的进展", save_draft="1")
    draft = ProgressReport.objects.get()
    assert draft.status == Status.DRAFT
    assert "草稿:尚未核实的进展" in as_("staff").get(reverse("progress_report", args=[task.pk])).content.decode()
    for role in ["supervisor", "leader", "other_staff"]:
        page = as_(role).get(reverse("progress_report", args=[task.pk])).content.decode()
        assert "草稿:尚未核实的进展" not in page, role
    post_report(as_("staff"), task, text="已核实的进展")
    assert list(ProgressReport.objects.values_list("version", "status", "text")) == [
        (1, Status.SUBMITTED, "已核实的进展")]


# --- review -----------------------------------------------------------------------------------------

def test_it_lets_the_supervisor_approve_and_then_locks_the_period(as_, supervised):
    report = submit(supervised)
    response = as_("supervisor").post(reverse("approve_progress_report", args=[report.pk]), {"comment": "同意"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reviewer, report.review_comment) == (Status.APPROVED, supervised.supervisor, "同意")
    assert ProgressReport.period_locked(report.task, "2025-06")
    with pytest.raises(ValidationError, match="已锁定"):
        submit(supervised, percent=60)
    form = as_("staff").get(reverse("progress_report", args=[report.task_id])).context["form"]
    assert "2025-06" not in dict(form.fields["period"].choices)
    assert AuditEvent.objects.filter(action="report.approve", object_id=str(report.pk)).exists()


def test_it_keeps_every_version_through_return_and_resubmission(as_, supervised):
    first = submit(supervised, percent=40)
    response = as_("supervisor").post(reverse("return_progress_report", args=[first.pk]),
                                      {"comment": "请补充签约项目名称"})
    assert response.status_code == 302
    second = submit(supervised, percent=42, text="签约项目:某卫浴二期")
    as_("supervisor").post(reverse("approve_progress_report", args=[second.pk]))
    rows = list(ProgressReport.objects.filter(task=first.task).values_list("version", "status", "percent",
                                                                           "review_comment"))
    assert rows == [(1, Status.RETURNED, 40, "请补充签约项目名称"), (2, Status.APPROVED, 42, "")]
    page = as_("staff").get(reverse("progress_report", args=[first.task_id])).content.decode()
    assert "请补充签约项目名称" in page and "第2版" in page


def test_it_requires_a_comment_to_return(supervised):
    report = submit(supervised)
    with pytest.raises(ValidationError, match="退回意见"):
        services.return_progress_report(supervised.supervisor, report, "  ")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("leader", 403), ("other_staff", 404),
                                              ("outsider", 404)])
def test_only_the_supervisor_reviews(as_, supervised, role, status):
    report = submit(supervised)
    assert as_(role).post(reverse("approve_progress_report", args=[report.pk])).status_code == status
    assert as_(role).post(reverse("return_progress_report", args=[report.pk]), {"comment": "x"}).status_code == status
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_it_cannot_review_a_version_twice(supervised):
    report = submit(supervised)
    services.approve_progress_report(supervised.supervisor, report)
    with pytest.raises(ValidationError):
        services.return_progress_report(supervised.supervisor, report, "晚了")


def test_the_review_queue_lists_submitted_versions_for_the_supervisor_only(as_, supervised):
    submit(supervised)
    page = as_("supervisor").get(reverse("review_queue", args=[supervised.plan.pk]))
    assert page.status_code == 200 and len(page.context["reports"]) == 1
    assert as_("staff").get(reverse("review_queue", args=[supervised.plan.pk])).status_code == 403


# --- visibility of versions -----------------------------------------------------------------------------

def test_other_departments_see_approved_versions_only(as_, supervised):
    task = supervised.tasks["t3"]
    pending = submit(supervised, text="待审核的进展内容")
    page = as_("other_staff").get(reverse("progress_report", args=[task.pk])).content.decode()
    assert "待审核的进展内容" not in page
    services.approve_progress_report(supervised.supervisor, pending)
    page = as_("other_staff").get(reverse("progress_report", args=[task.pk])).content.decode()
    assert "待审核的进展内容" in page


def test_the_cadence_can_be_quarterly(as_, supervised):
    response = as_("supervisor").post(reverse("set_reporting_cadence", args=[supervised.plan.pk]),
                                      {"cadence": "quarterly", "due_day": "20"})
    assert response.status_code == 302
    with pytest.raises(ValidationError, match="无效"):
        submit(supervised, period="2025-06")
    assert submit(supervised, period="2025-Q2").period == "2025-Q2"
    assert AuditEvent.objects.filter(action="cadence.set").exists()


def test_a_department_sees_its_own_tasks_to_report(as_, supervised):
    response = as_("staff").get(reverse("my_tasks", args=[supervised.plan.pk]))
    assert sorted(r.task.key for r in response.context["rows"]) == ["t1", "t2", "t3"]


@pytest.mark.parametrize(("query", "keys"), [("", []), ("?department=abc", []), ("?department=999999", [])])
def test_the_supervisor_picks_a_department_and_bad_choices_show_nothing(as_, supervised, query, keys):
    response = as_("supervisor").get(reverse("my_tasks", args=[supervised.plan.pk]) + query)
    assert response.status_code == 200 and [r.task.key for r in response.context["rows"]] == keys


def test_the_supervisor_sees_a_chosen_department(as_, supervised):
    dept = supervised.departments["党政办"]
    response = as_("supervisor").get(reverse("my_tasks", args=[supervised.plan.pk]) + f"?department={dept.pk}")
    assert [r.task.key for r in response.context["rows"]] == ["t4"]
