"""Notices (通知) to people outside the app: every message the system sends goes through ``send_notice``.

A reminder digest, a chase (催报), a leader's instruction (批示), an issued bulletin: each is a ``Notice``
and ``send_notice`` delivers it on every configured channel: e-mail to the people named, and the group
robot webhook (``LUOSHI_WEBHOOK_URL``, a JSON POST in the text-message shape that 政务微信 and 钉钉 group
robots accept: ``{"msgtype": "text", "text": {"content": "…"}}``). New channels are added here, once,
so every kind of message reaches them.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import dataclass

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
            log.warning("webhook %s failed: %s", webhook_url, e)
            sent["failed"] += 1
    return sent


def post_webhook(url: str, text: str, timeout: float = 10.0) -> int:
    """POST one text message to a group robot; returns the HTTP status."""
    payload = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=payload, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


def mail_connection():
    """Django's configured e-mail backend; in the demo (DEBUG on, SMTP never configured) the console."""
    if settings.DEBUG and settings.EMAIL_BACKEND == SMTP:
        return get_connection(CONSOLE)
    return get_connection()
