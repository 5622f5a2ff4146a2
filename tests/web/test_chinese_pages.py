"""Chinese everywhere a user looks: the change log names fields and values as the pages do, a page at a time;
import warnings are sentences; no command names on user pages; a favicon."""

from __future__ import annotations

import doctest
import importlib
import re

import pytest
import supervision_fixtures as fixtures
from django.urls import reverse

from web.audit.labels import FIELDS
from web.audit.models import AuditEvent
from web.plans import services

supervised, mid_year = fixtures.supervised, fixtures.mid_year  # fixtures used below


@pytest.mark.parametrize("name", ["web.plans.warnings", "web.plans.import_guard"])
def test_its_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def history(client, cast, **query) -> str:
    return client.get(reverse("plan_history", args=[cast.plan.pk]), query).content.decode()


def test_the_change_log_speaks_the_pages_words(as_, cast):
    services.edit_task(cast.supervisor, cast.tasks["t1"], text="改后的任务", deadline=None)
    services.assign_task(cast.supervisor, cast.tasks["t2"], lead=cast.departments["规划建设办"],
                         cooperating=[cast.departments["经济发展办"]])
    services.publish_plan(cast.supervisor, cast.plan)
    page = history(as_("leader"), cast)
    assert "任务内容: <del>力争第一季度完成基地(东片区)1230亩土地平整</del> → <ins>改后的任务</ins>" in page
    assert "完成时限: <del>2025-03-31</del> → <ins>—</ins>" in page
    assert "配合单位: <del>—</del> → <ins>经济发展办</ins>" in page
    assert "已公开: <del>否</del> → <ins>是</ins>" in page
    for english in ("deadline", "cooperating", "published", "False", "True", "['", "<code>"):
        assert english not in page.split("<main>")[1], english


def test_every_field_the_services_write_has_a_name(supervised, mid_year):
    import datetime as dt

    from supervision_fixtures import submit

    from web.accounts import people_services
    from web.directives import chases, instructions
    from web.supervision import services as supervision

    cast, jingji = supervised, supervised.departments["经济发展办"]
    services.edit_target(cast.supervisor, cast.targets["g2"], value=1300)
    services.split_task(cast.supervisor, cast.tasks["t2"], ["甲", "乙"])
    supervision.approve_progress_report(cast.supervisor, submit(cast, "t3", "2025-06", 40))
    supervision.set_reporting_cadence(cast.supervisor, cast.plan, cadence="quarterly", due_day=20)
    ext = supervision.request_extension(cast.staff, cast.tasks["t3"], department=jingji,
                                        requested_deadline=dt.date(2026, 3, 31), reason="征地")
    supervision.decide_extension(cast.supervisor, ext, approve=True)
    chases.send_chases(cast.supervisor, cast.plan, {jingji: [cast.tasks["t1"]]})
    notice, = chases.issue_notices(cast.supervisor, cast.plan, {jingji: [cast.tasks["t1"]]}, requirement="报告",
                                   reply_due=dt.date(2025, 7, 1))
    chases.reply_to_notice(cast.staff, notice, "已办")
    said = instructions.write_instruction(cast.leader, cast.plan, task=cast.tasks["t3"], text="抓紧")
    instructions.reply_to_instruction(cast.staff, said, jingji, "已办")
    people_services.edit_department(cast.supervisor, jingji, name="经济发展办", leader_in_charge=cast.leader)
    membership, _ = people_services.add_account(cast.supervisor, cast.town, username="new", full_name="新人",
                                                role="staff", department=jingji)
    people_services.set_account_active(cast.supervisor, membership, active=False)
    keys = {k for e in AuditEvent.objects.all() for k in [*(e.before or {}), *(e.after or {})]}
    assert len(keys) > 30 and keys - set(FIELDS) == set()


def test_the_change_log_comes_a_page_at_a_time(as_, cast):
    for n in range(60):
        services.edit_target(cast.supervisor, cast.targets["g2"], value=1000 + n)
    client = as_("supervisor")
    first, second = history(client, cast), history(client, cast, page=2)
    assert first.count("修改目标") == 50 and "第 1 / 2 页" in first and "下一页" in first
    assert 0 < second.count("修改目标") <= 10


def test_an_import_warning_is_a_sentence(as_, cast, fake_extractor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from web_sample import sample_extracted

    from web.plans.models import PendingImport

    fake_extractor["r.txt"] = sample_extracted(year=2026)
    client = as_("supervisor")
    client.post(reverse("import_report"), {"file": SimpleUploadedFile("r.txt", b"x"), "issuer": cast.town.pk})
    page = client.get(reverse("import_preview", args=[PendingImport.objects.get().pk])).content.decode()
    assert "“长者饭?zhí)媒”中的“?zhí”疑似乱码,请对照原件核对这段文字。" in page
    assert "corrupt_text" not in page


@pytest.mark.parametrize("role", ["public", "supervisor"])
def test_no_page_names_a_command(as_, cast, role):
    for url in ("/accounts/login/", "/", reverse("task_table", args=[cast.plan.pk])):
        page = as_(role).get(url, follow=True).content.decode()
        assert not re.search(r"manage\.py|load_demo|luoshi (extract|parse)", page), url


def test_every_page_has_a_favicon_and_the_browsers_default_address_finds_it(as_, client):
    page = as_("public").get("/accounts/login/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/luoshi/favicon\.svg"', page)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/luoshi/favicon.ico"
