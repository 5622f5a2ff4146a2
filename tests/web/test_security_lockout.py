"""Login lockout (登录锁定): five failures for a username within 15 minutes lock it for 15 minutes, whatever the
password, with a message in Chinese that does not tell whether the account exists."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import START
from django.test import Client
from django.urls import reverse

from web.accounts.models import LoginThrottle
from web.audit.services import security_events

pytestmark = pytest.mark.usefixtures("fast_hashing")

LOCKED = "登录失败次数过多"


def same_page(page: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1…", page)


def login(username: str, password: str, ip: str = "10.0.0.7"):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": username, "password": password})


def fail(times: int, username: str = "duban", ip: str = "10.0.0.7"):
    return [login(username, "wrong-password", ip) for _ in range(times)][-1]


def test_it_locks_a_username_after_five_failures_even_for_the_right_password(cast, clock):
    assert LOCKED not in fail(4).content.decode()
    fifth = fail(1)
    assert fifth.status_code == 200 and LOCKED in fifth.content.decode() and "15 分钟" in fifth.content.decode()
    refused = login("duban", "luoshi-test-2025")
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session


def test_it_lets_the_user_in_again_once_the_lock_has_passed(cast, clock):
    fail(5)
    clock.shift(dt.timedelta(minutes=14, seconds=59))
    assert LOCKED in login("duban", "luoshi-test-2025").content.decode()
    clock.shift(dt.timedelta(seconds=2))
    assert login("duban", "luoshi-test-2025").status_code == 302


def test_it_forgets_failures_older_than_the_window(cast, clock):
    fail(4)
    clock.shift(dt.timedelta(minutes=15))
    assert LOCKED not in fail(4).content.decode()  # a fresh window: four again, still below five


def test_a_successful_login_clears_the_count(cast, clock):
    fail(4)
    assert login("duban", "luoshi-test-2025").status_code == 302
    assert LOCKED not in fail(4).content.decode()


def test_it_locks_an_unknown_username_the_same_way(db, clock):
    page = fail(5, username="nobody-here").content.decode()
    known = fail(5, username="duban", ip="10.0.0.8").content.decode()
    assert LOCKED in page and LOCKED in known
    # The same page: it says nothing about who exists.
    assert same_page(page.replace("nobody-here", "duban")) == same_page(known)


def test_one_locked_username_does_not_lock_another(cast, clock):
    fail(5, username="duban")
    assert login("jingji", "luoshi-test-2025").status_code == 302


def test_it_locks_an_address_that_tries_many_usernames(cast, clock, settings):
    settings.LUOSHI_LOCKOUT_IP_ATTEMPTS = 6
    for name in ("a1", "a2", "a3", "a4", "a5", "a6"):
        fail(1, username=name, ip="10.9.9.9")
    assert LOCKED in login("jingji", "luoshi-test-2025", ip="10.9.9.9").content.decode()
    assert login("jingji", "luoshi-test-2025", ip="10.9.9.10").status_code == 302


def test_the_admin_login_is_locked_too(cast, clock):
    fail(5)
    response = Client(REMOTE_ADDR="10.0.0.7").post("/admin/login/", {"username": "duban",
                                                                     "password": "luoshi-test-2025"})
    assert response.status_code == 200 and "_auth_user_id" not in response.wsgi_request.session


def test_it_audits_failures_with_the_username_and_address_and_the_lock(cast, clock):
    fail(5)
    failures = security_events().filter(action="auth.login_failed")
    assert failures.count() == 5
    assert {(e.object_repr, e.ip, e.actor_id) for e in failures} == {("duban", "10.0.0.7", None)}
    lock = security_events().get(action="auth.lockout")
    assert lock.object_repr == "duban" and lock.ip == "10.0.0.7" and "锁定 15 分钟" in lock.note
    assert LoginThrottle.objects.get(key="user:duban").locked_until == START + dt.timedelta(minutes=15)


def test_an_administrator_lifts_a_lock_by_deleting_its_count(cast, clock):
    fail(5)
    LoginThrottle.objects.filter(key="user:duban").delete()  # what the admin's 登录失败计数 page does
    assert login("duban", "luoshi-test-2025").status_code == 302
