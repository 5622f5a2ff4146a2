"""The public page (/public/): published plans, no login; approved updates only, nothing internal, no names."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse
from supervision_fixtures import submit

from web.plans.services import publish_plan
from web.supervision import services

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

pytestmark = pytest.mark.usefixtures("mid_year")


@pytest.fixture
def published(supervised):
    for who in ["staff", "supervisor", "other_staff"]:
        user = getattr(supervised, who)
        user.first_name, user.last_name = {"staff": ("晓明", "王"), "supervisor": ("建国", "李"),
                                           "other_staff": ("芳", "陈")}[who]
        user.save()
    publish_plan(supervised.supervisor, supervised.plan)
    # t3: May approved (with an internal comment and difficulties), June returned, then a draft
    with fixtures.time_machine.travel("2025-05-24 10:00+08:00", tick=False):
        may = submit(supervised, "t3", "2025-05", 35, text="五月:签约项目2个", difficulties="内部:资金缺口需领导协调")
        services.approve_progress_report(supervised.supervisor, may, "内部意见:数据需复核")
    june = submit(supervised, "t3", "2025-06", 50, text="六月:待审核的说法")
    services.return_progress_report(supervised.supervisor, june, "内部退回意见:请补充佐证")
    submit(supervised, "t3", "2025-06", 55, text="六月草稿:尚未定稿的内容", draft=True)
    submit(supervised, "t2", "2025-06", 45, text="七月份的待审核内容", department="规划建设办", who="other_staff")
    return supervised


def test_it_lists_published_plans_without_login(as_, published):
    response = as_("public").get(reverse("public_index"))
    assert response.status_code == 200 and str(published.plan) in response.content.decode()


def test_it_shows_sections_tasks_and_approved_updates(as_, published):
    page = as_("public").get(reverse("public_plan", args=[published.plan.pk])).content.decode()
    assert "以超常力度推动产业攀高向强" in page  # a section
    assert published.tasks["t3"].text in page  # a task
    assert "五月:签约项目2个" in page and "35%" in page  # the approved update and its progress


@pytest.mark.parametrize("secret", [
    "内部意见:数据需复核", "内部退回意见:请补充佐证", "内部:资金缺口需领导协调",  # comments and difficulties
    "六月:待审核的说法", "六月草稿:尚未定稿的内容", "七月份的待审核内容",  # returned, draft, pending versions
    "王晓明", "晓明", "李建国", "建国", "陈芳", "jingji", "duban", "guihua", "lingdao",  # people's names
])
@pytest.mark.parametrize("role", ["public", "supervisor"])
def test_it_never_shows_internal_comments_drafts_or_names(as_, published, secret, role):
    page = as_(role).get(reverse("public_plan", args=[published.plan.pk])).content.decode()
    main = page.split("<main>", 1)[1]  # the signed-in user's own name is in the top bar, not the page
    assert secret not in main


def test_an_unpublished_plan_is_not_there(as_, supervised):
    assert as_("public").get(reverse("public_plan", args=[supervised.plan.pk])).status_code == 404
    assert str(supervised.plan) not in as_("public").get(reverse("public_index")).content.decode()
