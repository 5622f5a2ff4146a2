"""API tokens (接口令牌) expire: a token copied into a forgotten script stops working after
``LUOSHI_API_TOKEN_DAYS`` days (90 by default; 0 keeps tokens until they are revoked)."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.test import Client

from web.api.models import ApiToken


def reads(raw: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/plans").status_code


def test_a_token_works_until_its_last_day(cast, clock):
    _, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    clock.shift(dt.timedelta(days=89, hours=23))
    assert reads(raw) == 200


def test_an_expired_token_is_a_401_in_chinese(cast, clock):
    _, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    clock.shift(dt.timedelta(days=90, minutes=1))
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/plans")
    assert response.status_code == 401 and "过期" in response.json()["detail"]


def test_the_lifetime_comes_from_the_environment(cast, clock, settings):
    settings.LUOSHI_API_TOKEN_DAYS = 7
    _, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    clock.shift(dt.timedelta(days=8))
    assert reads(raw) == 401


def test_a_lifetime_of_zero_keeps_tokens_until_revoked(cast, clock, settings):
    settings.LUOSHI_API_TOKEN_DAYS = 0
    _, raw = ApiToken.issue(cast.attacker, "抓取脚本")
    clock.shift(dt.timedelta(days=3650))
    assert reads(raw) == 200


def test_the_command_says_when_the_token_expires(cast, clock, capsys):
    call_command("create_api_token", "tanzi", "--name", "抓取脚本")
    assert "2025-08-31" in capsys.readouterr().err
