"""Batch work: a department reports all its due rows of a period on one page (each keeping its own version and
evidence); the office approves several at once from a review queue that shows the attachments, the last approved
percent, the change and the extension requests. The clock: 2025-06-27."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from supervision_fixtures import submit, upload

from web.audit.models import AuditEvent
from web.supervision import services
from web.supervision.models import Evidence, ExtensionRequest, ProgressReport, StoredStatus, evidence_root

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below
pytestmark = pytest.mark.usefixtures("mid_year")
Status = ProgressReport.Status


def row(task, include=True, percent=40, text="本月完成招商洽谈3次", **extra):
    data = {f"r{task.pk}-include": "on" if include else "", f"r{task.pk}-percent": str(percent),
            f"r{task.pk}-text": text, f"r{task.pk}-difficulties": ""}
    return data | {f"r{task.pk}-{k}": v for k, v in extra.items()}


def post_batch(client, cast, *rows, draft=False, period="2025-06"):
    data = {"period": period, ("save_draft" if draft else "submit"): "1"}
    for r in rows:
        data.update(r)
    return client.post(reverse("batch_report", args=[cast.plan.pk]), data)


def test_the_page_lists_every_due_row_of_the_department_chased_first(as_, supervised):
    from web.directives.chases import send_chases

    jingji = supervised.departments["经济发展办"]
    send_chases(supervised.supervisor, supervised.plan, {jingji: [supervised.tasks["t3"]]})
    response = as_("staff").get(reverse("batch_report", args=[supervised.plan.pk]))
    assert [f.task.key for f in response.context["forms"]] == ["t3", "t1", "t2"]  # t2: 经济发展办 cooperates
    assert "被催报/督办" in response.content.decode()


def test_a_department_reports_several_rows_at_once_each_its_own_version_with_its_evidence(as_, supervised):
    t1, t3 = supervised.tasks["t1"], supervised.tasks["t3"]
    data = row(t1, percent=90, text="土地平整完成九成") | row(t3, percent=45)
    data[f"r{t3.pk}-evidence"] = upload("签约照片.jpg")
    response = post_batch(as_("staff"), supervised, data)
    assert response.status_code == 302
    reports = {r.task.key: r for r in ProgressReport.objects.filter(period="2025-06")}
    assert {k: (r.percent, r.status, r.version) for k, r in reports.items()} == {
        "t1": (90, Status.SUBMITTED, 1), "t3": (45, Status.SUBMITTED, 1)}
    assert [e.name for e in reports["t3"].evidence.all()] == ["签约照片.jpg"] and not reports["t1"].evidence.exists()
    assert AuditEvent.objects.filter(action="report.submit").count() == 2
    assert StoredStatus.objects.get(task=t3).pending_percent == 45


def test_a_refused_row_refuses_the_batch_and_keeps_nothing(as_, supervised):
    t1, t3 = supervised.tasks["t1"], supervised.tasks["t3"]
    data = row(t1, percent=90) | row(t3, percent=45)
    data[f"r{t1.pk}-evidence"] = upload("合同.jpg")
    data[f"r{t3.pk}-evidence"] = upload("病毒.exe", b"MZ\x90\x00")
    response = post_batch(as_("staff"), supervised, data)
    assert response.status_code == 400 and "“病毒.exe”的文件类型不允许" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    assert not [p for p in evidence_root().rglob("*") if p.is_file()]  # not even the first row's file


def test_a_ticked_row_needs_a_percent_and_a_text(as_, supervised):
    response = post_batch(as_("staff"), supervised, row(supervised.tasks["t1"], text=""))
    assert response.status_code == 400 and "请填写工作进展" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_drafts_are_kept_per_row_and_come_back_ticked(as_, supervised):
    client = as_("staff")
    post_batch(client, supervised, row(supervised.tasks["t3"], percent=33, text="草稿:洽谈中"), draft=True)
    assert ProgressReport.objects.get().status == Status.DRAFT
    forms = {f.task.key: f for f in client.get(reverse("batch_report", args=[supervised.plan.pk])).context["forms"]}
    assert forms["t3"].initial == {"include": True, "percent": 33, "text": "草稿:洽谈中", "difficulties": ""}


def test_rows_already_reported_or_of_other_departments_are_not_offered(as_, supervised):
    submit(supervised, "t3", "2025-06", 40)
    keys = [f.task.key for f in as_("staff").get(reverse("batch_report", args=[supervised.plan.pk])).context["forms"]]
    assert keys == ["t1", "t2"]  # t3 reported this period; t4 is 党政办's


@pytest.mark.parametrize(("role", "status"), [("supervisor", 403), ("leader", 403), ("outsider", 404)])
def test_the_batch_report_is_for_departments(as_, supervised, role, status):
    assert as_(role).get(reverse("batch_report", args=[supervised.plan.pk])).status_code == status


def test_the_attacker_reports_only_on_her_own_departments_rows(as_, supervised):
    t3 = supervised.tasks["t3"]  # 经济发展办's
    post_batch(as_("attacker"), supervised, row(t3, percent=100, text="冒报完成"))
    assert not ProgressReport.objects.filter(task=t3).exists()


def test_the_review_queue_shows_evidence_the_last_approved_percent_and_the_change(as_, supervised):
    with fixtures.time_machine.travel("2025-05-20 10:00+08:00", tick=False):
        services.approve_progress_report(supervised.supervisor, submit(supervised, "t3", "2025-05", 30))
    submit(supervised, "t3", "2025-06", 45, files=[upload("现场.jpg")])
    page = as_("supervisor").get(reverse("review_queue", args=[supervised.plan.pk])).content.decode()
    report = ProgressReport.objects.get(period="2025-06")
    start = page.index(f'id="report-{report.pk}"')
    queued = page[start:page.index("</tr>", start)]
    assert "<td>30%</td><td>45%</td>" in queued and "+15" in queued and "现场.jpg" in queued


def test_the_office_approves_several_reports_at_once(as_, supervised):
    reports = [submit(supervised, "t3", "2025-06", 45), submit(supervised, "t1", "2025-06", 80)]
    response = as_("supervisor").post(reverse("batch_approve", args=[supervised.plan.pk]),
                                      {"reports": [r.pk for r in reports], "comment": "同意"})
    assert response.status_code == 302
    assert set(ProgressReport.objects.values_list("status", flat=True)) == {Status.APPROVED}
    assert AuditEvent.objects.filter(action="report.approve", actor=supervised.supervisor).count() == 2
    assert StoredStatus.objects.get(task=supervised.tasks["t3"]).reported == 45


def test_a_report_no_longer_awaiting_review_refuses_the_whole_batch(supervised):
    from django.core.exceptions import ValidationError

    from web.supervision.batch import approve_progress_reports

    first, second = submit(supervised, "t3", "2025-06", 45), submit(supervised, "t1", "2025-06", 80)
    services.return_progress_report(supervised.supervisor, second, "补充材料")
    with pytest.raises(ValidationError):
        approve_progress_reports(supervised.supervisor, [first, second])
    assert ProgressReport.objects.get(pk=first.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("role", ["staff", "leader", "attacker", "outsider"])
def test_only_the_office_approves_in_a_batch(as_, supervised, role):
    report = submit(supervised, "t3", "2025-06", 45)
    assert as_(role).post(reverse("batch_approve", args=[supervised.plan.pk]),
                          {"reports": [report.pk]}).status_code in (403, 404)
    assert ProgressReport.objects.get(pk=report.pk).status == Status.SUBMITTED


def test_an_extension_request_is_decided_in_place_in_the_queue(as_, supervised):
    import datetime as dt

    ext = services.request_extension(supervised.staff, supervised.tasks["t3"],
                                     department=supervised.departments["经济发展办"],
                                     requested_deadline=dt.date(2026, 3, 31), reason="征地未完成")
    client = as_("supervisor")
    queue = reverse("review_queue", args=[supervised.plan.pk])
    assert f'id="extension-{ext.pk}"' in client.get(queue).content.decode()
    response = client.post(reverse("decide_extension", args=[ext.pk]),
                           {"decision": "approve", "next": queue + "#extensions"})
    assert response["Location"] == queue + "#extensions"
    assert ExtensionRequest.objects.get().status == "approved"
