"""CSRF (跨站请求伪造防护): every form that posts carries the token; a post without it is refused, htmx included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from web.audit.services import security_events

WEB = Path(__file__).resolve().parents[2] / "web"
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
TEMPLATES = sorted(p for p in WEB.rglob("*.html") if "static" not in p.parts)


def posting_forms() -> list[tuple[str, str]]:
    found = []
    for path in TEMPLATES:
        for m in FORM.finditer(path.read_text(encoding="utf-8")):
            attrs = m["attrs"].lower()
            if re.search(r'method\s*=\s*"post"', attrs):
                found.append((f"{path.relative_to(WEB)}:{m['attrs'].strip()[:60]}", m["body"]))
    return found


def test_the_walk_finds_the_forms():
    assert len(posting_forms()) >= 20  # a walk that found nothing would pass everything below


@pytest.mark.parametrize(("where", "body"), posting_forms(), ids=[w for w, _ in posting_forms()])
def test_every_posting_form_carries_the_csrf_token(where, body):
    assert "{% csrf_token %}" in body, where


def test_htmx_requests_send_the_token_from_every_page(as_, cast):
    page = as_("supervisor").get(reverse("task_table", args=[cast.plan.pk])).content.decode()
    assert re.search(r"<body[^>]*hx-headers='\{\"X-CSRFToken\": \"[A-Za-z0-9]{32,}\"\}'", page)


def strict(cast, role="supervisor") -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(getattr(cast, role))
    return client


def token_of(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    return re.search(r'X-CSRFToken": "([^"]+)"', page)[1]


def test_a_login_without_the_token_is_refused(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "duban",
                                                                      "password": "luoshi-test-2025"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


def test_a_login_with_the_token_goes_through(cast):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(reverse("login"), {"username": "duban", "password": "luoshi-test-2025",
                                              "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_an_import_without_the_token_is_refused(cast):
    upload = SimpleUploadedFile("report.txt", "一、推动产业发展".encode())
    response = strict(cast).post(reverse("import_report"), {"file": upload, "issuer": cast.town.pk})
    assert response.status_code == 403


def test_a_progress_report_without_the_token_is_refused(cast):
    response = strict(cast, "staff").post(reverse("progress_report", args=[cast.tasks["t1"].pk]),
                                          {"period": "2025-06", "text": "进展", "percent": "30"})
    assert response.status_code == 403 and not cast.tasks["t1"].progress_reports.exists()


def test_an_htmx_edit_goes_through_with_the_pages_token_and_not_without(cast):
    task, client = cast.tasks["t1"], strict(cast)
    url = reverse("task_edit", args=[task.pk])
    refused = client.post(url, {"text": "伪造的修改"}, headers={"HX-Request": "true"})
    assert refused.status_code == 403
    token = token_of(client, reverse("task_table", args=[cast.plan.pk]))
    done = client.post(url, {"text": "正常的修改"}, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert done.status_code == 200
    task.refresh_from_db()
    assert task.text == "正常的修改"


def test_a_refused_form_is_a_security_event(cast):
    strict(cast).post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "x"})
    event = security_events().get(action="access.csrf_failed")
    assert event.actor == cast.supervisor and "/tasks/" in event.note
