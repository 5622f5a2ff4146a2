"""The web 兑现表: the 督查室 uploads next year's report; every target of the plan year gets the report's claim, in
its own words, and a verdict, beside the office's own approved figure; disagreements are said plainly."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from supervision_fixtures import submit_approved
from yearend_fixtures import NEXT_REPORT, next_report, next_report_docx

from web.audit.services import change_events
from web.plans.services import publish_plan
from web.yearend.models import AccountabilityReview

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below


def _upload(as_, cast, upload, who="supervisor"):
    return as_(who).post(reverse("upload_next_report", args=[cast.plan.pk]), {"file": upload})


def _verdicts(review) -> dict[str, tuple[str, str | None]]:
    return {i["indicator"]: (i["verdict"], i["claim"]) for i in review.items}


def test_it_keeps_a_verdict_and_the_exact_words_for_every_target(as_, cast):
    response = _upload(as_, cast, next_report())
    assert response.status_code == 302
    review = AccountabilityReview.objects.get(plan=cast.plan)
    assert _verdicts(review) == {
        "地方一般公共预算收入": ("met", "全镇地方一般公共预算收入增长12.3%"),
        "基地(东片区)土地平整": ("not_reported", None),
        "新引进超亿元以上项目": ("missed", "新引进超亿元以上项目6个"),
    }
    assert review.report_year == 2026 and "工作回顾" in review.text


def test_it_writes_the_review_to_the_audit_trail(as_, cast):
    _upload(as_, cast, next_report())
    event = change_events().filter(action="accountability.review").get()
    assert event.plan_id == cast.plan.pk and event.after["summary"]["met"] == 1


@pytest.mark.parametrize("upload", [next_report(encoding="gb18030"), next_report_docx()], ids=["gbk-txt", "docx"])
def test_it_reads_the_report_in_any_format_the_reader_accepts(as_, cast, upload):
    assert _upload(as_, cast, upload).status_code == 302
    assert _verdicts(AccountabilityReview.objects.get(plan=cast.plan))["地方一般公共预算收入"][0] == "met"


def test_it_refuses_the_plan_years_own_report_and_keeps_nothing(as_, cast):
    this_years = NEXT_REPORT.replace("2025", "2024").replace("2026", "2025")
    response = _upload(as_, cast, next_report(text=this_years))
    assert response.status_code == 400 and "这是2025年的报告" in response.content.decode()
    assert not AccountabilityReview.objects.exists()


def test_it_refuses_a_report_that_reviews_nothing(as_, cast):
    plan_only = "水口镇人民政府2026年政府工作报告\n一、2026年工作安排\n地方一般公共预算收入增长8%。\n"
    response = _upload(as_, cast, next_report(text=plan_only))
    assert response.status_code == 400 and not AccountabilityReview.objects.exists()


def test_it_refuses_a_file_type_the_reader_does_not_take(as_, cast):
    response = _upload(as_, cast, next_report(name="2026.exe"))
    assert response.status_code == 400 and not AccountabilityReview.objects.exists()


def test_it_shows_each_claim_beside_the_verdict(as_, cast):
    _upload(as_, cast, next_report())
    page = as_("staff").get(reverse("accountability_table", args=[cast.plan.pk])).content.decode()
    assert "新引进超亿元以上项目6个" in page and "未兑现" in page and "已兑现" in page and "未提及" in page


@pytest.mark.usefixtures("mid_year")
def test_it_says_so_where_the_report_and_the_office_disagree(as_, supervised):
    submit_approved(supervised, "t3", "2025-06", 90, actuals={supervised.targets["g3"].pk: 7})
    _upload(as_, supervised, next_report())
    page = as_("supervisor").get(reverse("accountability_table", args=[supervised.plan.pk])).content.decode()
    assert "报告称 6个，本办核定 7个（进展报送 2025-06(已审核)），二者不一致" in page


def test_it_keeps_quiet_where_they_agree(as_, supervised, mid_year):
    submit_approved(supervised, "t3", "2025-06", 90, actuals={supervised.targets["g3"].pk: 6})
    _upload(as_, supervised, next_report())
    page = as_("supervisor").get(reverse("accountability_table", args=[supervised.plan.pk])).content.decode()
    assert "不一致" not in page and "一致" in page


def test_it_shows_the_table_on_the_public_page_of_a_published_plan(as_, cast):
    _upload(as_, cast, next_report())
    url = reverse("public_accountability", args=[cast.plan.pk])
    assert as_("public").get(url).status_code == 404
    publish_plan(cast.supervisor, cast.plan)
    response = as_("public").get(url)
    assert response.status_code == 200 and "全镇地方一般公共预算收入增长12.3%" in response.content.decode()


def test_it_links_the_public_table_from_the_public_plan_page(as_, cast):
    _upload(as_, cast, next_report())
    publish_plan(cast.supervisor, cast.plan)
    page = as_("public").get(reverse("public_plan", args=[cast.plan.pk])).content.decode()
    assert reverse("public_accountability", args=[cast.plan.pk]) in page


def test_it_hides_the_table_from_another_issuers_people(as_, cast):
    _upload(as_, cast, next_report())
    assert as_("outsider").get(reverse("accountability_table", args=[cast.plan.pk])).status_code == 404


def test_it_reviews_a_closed_plan_since_next_years_report_comes_after_the_close(as_, cast):
    from web.yearend.services import Outcome, close_plan_year

    close_plan_year(cast.supervisor, cast.plan, {t.pk: Outcome("done") for t in cast.plan.tasks.filter(archived=False)})
    assert _upload(as_, cast, next_report()).status_code == 302
    assert AccountabilityReview.objects.filter(plan=cast.plan).exists()


def test_it_hides_the_table_from_a_department_of_another_issuer(cast, client):
    from django.contrib.auth import get_user_model

    from web.accounts.models import Department, Membership

    stranger = get_user_model().objects.create_user("yueshan-jingji")
    Membership.objects.create(user=stranger, issuer=cast.other_town, role=Membership.Role.STAFF,
                              department=Department.objects.get(issuer=cast.other_town))
    client.force_login(stranger)
    assert client.get(reverse("accountability_table", args=[cast.plan.pk])).status_code == 404
    assert client.get(reverse("year_end", args=[cast.plan.pk])).status_code == 404
