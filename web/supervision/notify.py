"""Notices (通知) to people outside the app: every message the system sends goes through ``send_notice``.

A reminder digest, a chase (催报), a leader's instruction (批示), an issued bulletin: each is a ``Notice``
and ``send_notice`` delivers it on every configured channel:

- e-mail to the people named;
- the group robots (``NoticeChannel``) of the notice's plan and of its departments: 企业微信 / 政务微信
  (``{"msgtype": "markdown", "markdown": {"content": …}}``), 钉钉 / 浙政钉 (``{"msgtype": "markdown",
  "markdown": {"title": …, "text": …}}``, with ``timestamp`` and ``sign`` query parameters when a secret is
  set: base64 of HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, URL-encoded), or a generic webhook;
- the installation-wide webhook (``LUOSHI_WEBHOOK_URL``), a JSON POST in the text-message shape
  ``{"msgtype": "text", "text": {"content": "…"}}``.

New channels are added here, once, so every kind of message reaches them. Robot addresses carry their key in
the query string: logs name them without it, and no secret is ever logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote_plus

from django.conf import settings
from django.core.mail import get_connection, send_mail

from web.env import env_str

log = logging.getLogger(__name__)

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


@dataclass(frozen=True)
class Notice:
    """One message (通知): its title, its text, the page it concerns and whom it is for."""

    title: str
    body: str
    emails: tuple[str, ...] = ()
    link: str = ""  # the page it concerns, e.g. "/plans/1/tasks/" (made absolute by the channel if needed)
    plan: object | None = None  # the plan it is about, for channels configured per plan
    departments: tuple = ()  # the departments it is for, for channels configured per department

    def text(self) -> str:
        """Title, body and link as one plain-text message."""
        return "\n".join(part for part in (self.title, self.body, self.link) if part)

    def markdown(self) -> str:
        """Title, body and link as the markdown group robots render: a heading, the lines, a link."""
        lines = [f"### {self.title}", *(line for line in self.body.splitlines() if line.strip())]
        if self.link:
            lines.append(f"[查看详情]({self.link})")
        return "\n\n".join(lines)


def send_notice(notice: Notice, *, webhook_url: str | None = None, connection=None) -> dict[str, int]:
    """Deliver ``notice`` on every channel; a failing channel is logged and counted, never raised."""
    webhook_url = webhook_url if webhook_url is not None else env_str("LUOSHI_WEBHOOK_URL", "")
    sent = {"email": 0, "webhook": 0, "failed": 0}
    if notice.emails:
        try:
            sent["email"] += send_mail(notice.title, notice.body, None, list(notice.emails),
                                       connection=connection or mail_connection())
        except OSError as e:
            log.warning("mail to %s failed: %s", notice.emails, e)
            sent["failed"] += 1
    if webhook_url:
        try:
            post_webhook(webhook_url, notice.text())
            sent["webhook"] += 1
        except OSError as e:
            log.warning("webhook %s failed: %s", redacted(webhook_url), type(e).__name__)
            sent["failed"] += 1
    for channel in robots_for(notice):
        try:
            post_to_robot(channel, notice)
            sent["webhook"] += 1
        except (OSError, ValueError) as e:
            log.warning("group robot %s (%s) failed: %s", channel.pk, channel.redacted_url, type(e).__name__)
            sent["failed"] += 1
    return sent


def robots_for(notice: Notice) -> list:
    """The active group robots of the notice's plan and of its departments."""
    from django.db.models import Q

    from web.supervision.channels import NoticeChannel

    where = Q()
    if notice.plan is not None:
        where |= Q(plan=notice.plan)
    departments = [d.pk for d in notice.departments if d is not None]
    if departments:
        where |= Q(department__in=departments)
    if not where:
        return []
    return list(NoticeChannel.objects.filter(where, active=True))


def robot_request(channel, notice: Notice, now_ms: int | None = None) -> tuple[str, dict]:
    """The address and JSON body a robot of ``channel.kind`` is sent ``notice`` with (钉钉: signed if a secret)."""
    kind = channel.kind
    if kind == "wecom":
        return channel.url, {"msgtype": "markdown", "markdown": {"content": notice.markdown()}}
    if kind == "dingtalk":
        url = channel.url
        if channel.secret:
            timestamp, sign = dingtalk_signature(channel.secret, now_ms)
            url += ("&" if "?" in url else "?") + f"timestamp={timestamp}&sign={sign}"
        return url, {"msgtype": "markdown", "markdown": {"title": notice.title, "text": notice.markdown()}}
    return channel.url, {"msgtype": "text", "text": {"content": notice.text()}}


def dingtalk_signature(secret: str, now_ms: int | None = None) -> tuple[int, str]:
    """钉钉 加签: the timestamp (ms) and the URL-encoded base64 HMAC-SHA256 of "timestamp\nsecret"."""
    timestamp = now_ms if now_ms is not None else round(time.time() * 1000)
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return timestamp, quote_plus(base64.b64encode(digest))


def post_to_robot(channel, notice: Notice, timeout: float = 10.0) -> None:
    """POST ``notice`` to one group robot; a robot that answers with a non-zero ``errcode`` raises ValueError."""
    url, payload = robot_request(channel, notice)
    answer = _post_json(url, payload, timeout)
    try:
        errcode = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        errcode = 0
    if errcode:
        raise ValueError(f"errcode {errcode}")


def post_webhook(url: str, text: str, timeout: float = 10.0) -> None:
    """POST one text message to a generic webhook."""
    _post_json(url, {"msgtype": "text", "text": {"content": text}}, timeout)


def _post_json(url: str, payload: dict, timeout: float) -> bytes:
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read(4096)


def redacted(url: str) -> str:
    from web.supervision.channels import redacted as without_query

    return without_query(url)


def mail_connection():
    """Django's configured e-mail backend; in the demo (DEBUG on, SMTP never configured) the console."""
    if settings.DEBUG and settings.EMAIL_BACKEND == SMTP:
        return get_connection(CONSOLE)
    return get_connection()
