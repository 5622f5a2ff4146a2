"""Response headers (安全响应头): a Content-Security-Policy that runs only the app's own script files (no inline
script, no ``on…=`` handler, no eval), ``Cache-Control: no-store`` wherever a signed-in user's data or a
download is answered, evidence downloaded rather than opened unless it is a picture, and ``Vary: HX-Request``
so that a cache never serves an htmx fragment for a page or the other way round."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import supervision_fixtures as fixtures
from django.test import Client
from django.urls import reverse
from supervision_fixtures import submit, upload

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below

WEB = Path(__file__).resolve().parents[2] / "web"
TEMPLATES = sorted(p for p in WEB.rglob("*.html") if "static" not in p.parts)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"""\s(on[a-z]+|hx-on[:\w-]*)\s*=\s*["']""", re.I)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


PAGES = [  # (who, url name, argument): every kind of page, the admin and the API's docs included
    ("public", "login", None), ("public", "public_index", None), ("supervisor", "task_table", "plan"),
    ("supervisor", "dashboard", "plan"), ("leader", "leader_view", "plan"), ("staff", "bulletin", "plan"),
    ("supervisor", "plan_history", "plan"), ("attacker", "password_change", None),
]


@pytest.mark.parametrize(("who", "name", "argument"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_runs_only_the_apps_own_script_files(as_, cast, who, name, argument):
    response = as_(who).get(reverse(name, args=[cast.plan.pk] if argument else []))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["default-src"]


@pytest.mark.parametrize("url", ["/admin/login/", "/api/docs"])
def test_the_admin_and_the_api_docs_have_the_policy_too(db, url):
    assert directives(Client().get(url))["script-src"] == ["'self'"]


def test_an_error_page_has_the_policy(db):
    assert directives(Client().get("/no-such-page/"))["script-src"] == ["'self'"]


def test_the_walk_finds_the_templates():
    assert len(TEMPLATES) > 30 and any("base.html" in str(p) for p in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_template_has_an_inline_script_or_handler(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text) and not HANDLER.search(text)


def test_htmx_may_not_evaluate_code_from_attributes(as_, cast):
    page = as_("supervisor").get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    assert '"allowEval": false' in page


# --- caching --------------------------------------------------------------------------------------------------


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(("who", "name", "argument"), PAGES[2:], ids=[p[1] for p in PAGES[2:]])
def test_a_signed_in_users_pages_are_not_stored(as_, cast, who, name, argument):
    assert no_store(as_(who).get(reverse(name, args=[cast.plan.pk] if argument else [])))


def test_an_api_answer_to_a_token_is_not_stored(cast):
    from web.api.models import ApiToken

    _, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    assert no_store(Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"/api/plans/{cast.plan.pk}/tasks"))


def test_the_task_table_export_is_not_stored_even_for_the_public(as_, cast):
    cast.plan.published = True
    cast.plan.save()
    assert no_store(as_("public").get(reverse("export_xlsx", args=[cast.plan.pk])))


def test_a_bulletin_download_is_not_stored(as_, supervised, mid_year):
    assert no_store(as_("leader").get(reverse("bulletin_download", args=[supervised.plan.pk, "2025-06", "docx"])))


def test_static_files_may_still_be_cached(db):
    from django.contrib.staticfiles import finders

    assert finders.find("luoshi/luoshi.css")
    assert not no_store(Client().get("/static/luoshi/luoshi.css"))


# --- evidence -----------------------------------------------------------------------------------------------


def test_a_pdf_of_evidence_is_downloaded_not_opened(as_, supervised, mid_year):
    pdf = upload("说明.pdf", b"%PDF-1.4 <</OpenAction <</S /JavaScript /JS (app.alert(1))>>>>", "application/pdf")
    item = submit(supervised, files=[pdf]).evidence.get()
    response = as_("supervisor").get(reverse("evidence", args=[item.pk]))
    assert response["Content-Disposition"].startswith("attachment;") and no_store(response)


def test_a_photo_of_evidence_is_shown_in_the_page(as_, supervised, mid_year):
    item = submit(supervised, files=[upload()]).evidence.get()
    response = as_("supervisor").get(reverse("evidence", args=[item.pk]))
    assert response["Content-Disposition"].startswith("inline;") and no_store(response)


# --- htmx -----------------------------------------------------------------------------------------------------


def test_a_page_that_answers_htmx_with_a_fragment_varies_on_the_header(as_, cast):
    url = reverse("task_edit", args=[cast.tasks["t1"].pk])
    fragment = as_("supervisor").get(url, headers={"HX-Request": "true"})
    assert "HX-Request" in fragment["Vary"]
    assert "HX-Request" in as_("supervisor").get(url)["Vary"]
