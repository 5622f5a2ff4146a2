"""Logging in (登录) at /accounts/login/ with Django's auth views and a Chinese page."""

from __future__ import annotations

from django.test import Client


def test_it_logs_in_and_goes_to_the_plan_list(cast):
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "登录" in page and "用户名" in page
    response = client.post("/accounts/login/", {"username": "duban", "password": "luoshi-test-2025"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert str(cast.plan) in client.get("/").content.decode()


def test_it_says_so_in_chinese_when_the_password_is_wrong(cast):
    response = Client().post("/accounts/login/", {"username": "duban", "password": "wrong"})
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_it_sends_the_public_to_login_for_an_import(db):
    response = Client().get("/plans/import/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
