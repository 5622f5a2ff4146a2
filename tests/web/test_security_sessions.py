"""Session timeout (会话超时): 30 minutes without a request, or 10 hours after logging in, and the user is out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from web.audit.services import security_events


@pytest.fixture
def member(cast, clock):
    client = Client()
    client.force_login(cast.supervisor)
    assert client.get(reverse("task_table", args=[cast.plan.pk])).wsgi_request.user.is_authenticated
    return client


def is_logged_in(client, cast) -> bool:
    return client.get(reverse("task_table", args=[cast.plan.pk])).wsgi_request.user.is_authenticated


def test_it_keeps_a_session_used_within_the_idle_time(member, cast, clock):
    clock.shift(dt.timedelta(minutes=29))
    assert is_logged_in(member, cast)


def test_it_logs_out_after_thirty_idle_minutes_and_says_why(member, cast, clock):
    clock.shift(dt.timedelta(minutes=31))
    response = member.get(reverse("review_queue", args=[cast.plan.pk]), follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "30 分钟未操作, 已自动退出" in response.content.decode()


def test_activity_keeps_the_session_alive_until_the_absolute_limit(member, cast, clock):
    for _ in range(9 * 60 // 20 + 2):  # a request every 20 minutes for 9 hours and a bit
        clock.shift(dt.timedelta(minutes=20))
        assert is_logged_in(member, cast)
    clock.shift(dt.timedelta(hours=1))  # 10 h 20 min after login, and active
    assert not is_logged_in(member, cast)


def test_the_idle_time_comes_from_the_environment(member, cast, clock, settings):
    settings.LUOSHI_SESSION_IDLE_MINUTES = 5
    clock.shift(dt.timedelta(minutes=6))
    assert not is_logged_in(member, cast)


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_login(member, cast, clock):
    clock.shift(dt.timedelta(minutes=31))
    task = cast.tasks["t1"]
    response = member.get(reverse("task_edit", args=[task.pk]), headers={
        "HX-Request": "true", "HX-Current-URL": f"http://testserver/plans/{cast.plan.pk}/?status=open"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/accounts/login/?next=%2Fplans%2F{cast.plan.pk}%2F%3Fstatus%3Dopen"


def test_it_audits_the_timeout(member, cast, clock):
    clock.shift(dt.timedelta(minutes=31))
    member.get("/")
    event = security_events().get(action="auth.timeout")
    assert event.actor == cast.supervisor


def test_the_session_cookie_ends_with_the_browser_and_scripts_cannot_read_it(cast):
    client = Client()
    response = client.post(reverse("login"), {"username": "jingji", "password": "luoshi-test-2025"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and not cookie["expires"] and not cookie["max-age"]
