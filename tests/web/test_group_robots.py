"""Group robots (群机器人): 企业微信 and 钉钉 markdown messages, 钉钉's signature, per plan and per department,
edited by the 督查室 with an audit row; the secret never in pages, logs or audit rows. Real HTTP servers on
127.0.0.1 (threads in the test) check the exact payloads and signatures."""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import supervision_fixtures as fixtures
import time_machine
from django.urls import reverse
from robot_server import robot_server

from web.audit.models import AuditEvent
from web.bulletins import services as bulletins
from web.supervision.channels import NoticeChannel, save_notice_channel
from web.supervision.notify import Notice, send_notice
from web.supervision.reminders import build_digests, send_digests

supervised = fixtures.supervised  # fixture used below
SECRET = "SEC0123456789abcdef-secret"
NOW = "2025-06-27 09:00:00+08:00"
NOW_MS = 1750986000000  # NOW in milliseconds since the epoch


@pytest.fixture
def robot():
    """A group robot on 127.0.0.1: keeps (path, query, JSON body) of every POST, answers {"errcode": 0}."""
    def keep(path, headers, body):
        parts = urlsplit(path)
        return parts.path, parse_qs(parts.query), body

    with robot_server(keep) as served:
        yield served


def channel(cast, base, kind, *, secret="", department=None, query="?key=KEY123"):
    return save_notice_channel(cast.supervisor, cast.plan, kind=kind, name=kind, url=f"{base}/{kind}{query}",
                               secret=secret, department=department)


def notice(cast, departments=()):
    return Notice("【督查提醒】经济发展办:2项任务待报送进展", "请于6月25日前报送\n1. 招商引资", link="https://luoshi.example/p/1",
                  plan=cast.plan, departments=departments)


def test_a_wecom_robot_gets_a_markdown_message(supervised, robot):
    base, received = robot
    channel(supervised, base, "wecom")
    assert send_notice(notice(supervised), webhook_url="") == {"email": 0, "webhook": 1, "failed": 0}
    path, query, body = received[0]
    assert path == "/wecom" and query == {"key": ["KEY123"]}
    assert body == {"msgtype": "markdown", "markdown": {"content": (
        "### 【督查提醒】经济发展办:2项任务待报送进展\n\n请于6月25日前报送\n\n1. 招商引资\n\n"
        "[查看详情](https://luoshi.example/p/1)")}}


def test_a_dingtalk_robot_gets_markdown_signed_with_its_secret(supervised, robot):
    base, received = robot
    channel(supervised, base, "dingtalk", secret=SECRET, query="?access_token=TOKEN")
    with time_machine.travel(NOW, tick=False):
        send_notice(notice(supervised), webhook_url="")
    path, query, body = received[0]
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{NOW_MS}\n{SECRET}".encode(), hashlib.sha256).digest())
    assert path == "/dingtalk" and query["access_token"] == ["TOKEN"]
    assert query["timestamp"] == [str(NOW_MS)] and query["sign"] == [expected.decode()]  # parse_qs decodes
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == "【督查提醒】经济发展办:2项任务待报送进展"
    assert body["markdown"]["text"].startswith("### 【督查提醒】")


def test_a_dingtalk_robot_without_a_secret_is_not_signed(supervised, robot):
    base, received = robot
    channel(supervised, base, "dingtalk", query="?access_token=TOKEN")
    send_notice(notice(supervised), webhook_url="")
    assert set(received[0][1]) == {"access_token"}


def test_the_signature_is_url_encoded(supervised):
    from web.supervision.notify import dingtalk_signature

    _timestamp, sign = dingtalk_signature("a secret whose digest has + and /", 1750986000001)
    digest = base64.b64encode(hmac.new(b"a secret whose digest has + and /",
                                       b"1750986000001\na secret whose digest has + and /", hashlib.sha256).digest())
    assert "+" not in sign and "/" not in sign and "=" not in sign
    from urllib.parse import unquote_plus

    assert unquote_plus(sign) == digest.decode()


def test_a_department_robot_gets_only_its_departments_notices(supervised, robot):
    base, received = robot
    channel(supervised, base, "wecom", department=supervised.departments["规划建设办"])
    send_notice(notice(supervised, departments=(supervised.departments["经济发展办"],)), webhook_url="")
    assert received == []
    send_notice(notice(supervised, departments=(supervised.departments["规划建设办"],)), webhook_url="")
    assert len(received) == 1


def test_reminders_reach_the_department_robots(supervised, robot):
    base, received = robot
    channel(supervised, base, "wecom", department=supervised.departments["经济发展办"])
    with time_machine.travel(NOW, tick=False):
        sent = send_digests(build_digests(supervised.plan, datetime.date(2025, 6, 27)), webhook_url="")
    assert sent["webhook"] == 1 and "经济发展办" in received[0][2]["markdown"]["content"]


def test_an_issued_bulletin_is_announced_with_a_link(supervised, robot, django_capture_on_commit_callbacks):
    base, received = robot
    channel(supervised, base, "dingtalk", secret=SECRET)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        bulletins.issue_bulletin(supervised.supervisor, supervised.plan, "2025-06", link="https://luoshi.example/b")
    text = received[0][2]["markdown"]["text"]
    assert "第1期" in text and "[查看详情](https://luoshi.example/b)" in text


def test_a_robot_answering_an_error_is_counted_as_failed(supervised):
    class Refusing(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode":310000,"errmsg":"sign not match"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        channel(supervised, f"http://127.0.0.1:{server.server_port}", "dingtalk", secret=SECRET)
        assert send_notice(notice(supervised), webhook_url="")["failed"] == 1
    finally:
        server.shutdown()
        server.server_close()


def test_the_secret_and_the_key_never_reach_logs_pages_or_audit(as_, supervised, caplog):
    client = as_("supervisor")
    response = client.post(reverse("notice_channels", args=[supervised.plan.pk]), {
        "kind": "dingtalk", "name": "督查群", "url": "http://127.0.0.1:9/robot/send?access_token=TOKEN42",
        "secret": SECRET})
    assert response.status_code == 302
    with caplog.at_level(logging.WARNING):
        assert send_notice(notice(supervised), webhook_url="")["failed"] == 1  # port 9 refuses
    page = client.get(reverse("notice_channels", args=[supervised.plan.pk])).content.decode()
    event = AuditEvent.objects.get(action="channel.save")
    for where in (caplog.text, page, json.dumps(event.after, ensure_ascii=False)):
        assert SECRET not in where and "TOKEN42" not in where
    assert "督查群" in page and "已设置" in page and event.after["secret"] == "已设置"


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("staff", 403), ("outsider", 404)])
def test_only_the_office_sets_robots(as_, supervised, role, status):
    response = as_(role).post(reverse("notice_channels", args=[supervised.plan.pk]), {
        "kind": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=X"})
    assert response.status_code == status and not NoticeChannel.objects.exists()


def test_a_department_of_another_town_is_refused(supervised):
    from django.core.exceptions import ValidationError

    from web.accounts.models import Department

    elsewhere = Department.objects.exclude(issuer=supervised.plan.issuer).first()
    with pytest.raises(ValidationError):
        save_notice_channel(supervised.supervisor, supervised.plan, kind="wecom", name="x",
                            url="https://example.invalid/x", department=elsewhere)
