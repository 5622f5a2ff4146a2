"""Errors (错误页面): every error is a page in Chinese; a stack trace is never shown (DEBUG off)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def test_it_shows_a_chinese_404(as_, cast):
    response = as_("staff").get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_it_shows_a_chinese_403(as_, cast):
    response = as_("staff").post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "x"})
    assert response.status_code == 403 and "没有权限" in response.content.decode()


def test_it_shows_a_refused_change_as_a_chinese_400(as_, cast):
    task = cast.tasks["t1"]
    task.archived = True
    task.save()
    response = as_("supervisor").post(reverse("task_assign", args=[task.pk]), {"lead": ""})
    assert response.status_code == 400 and "已归档的任务不能分配" in response.content.decode()


def test_it_shows_a_chinese_500_without_a_trace(cast, monkeypatch):
    from web.plans import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "task_table", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.supervisor)
    response = client.get(reverse("task_table", args=[cast.plan.pk]))
    page = response.content.decode()
    assert response.status_code == 500 and "系统出错" in page
    assert "secret internals" not in page and "Traceback" not in page


def test_it_shows_a_chinese_page_for_an_expired_form(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.supervisor)
    response = client.post(reverse("task_edit", args=[cast.tasks["t1"].pk]), {"text": "x"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()
