"""Where a request comes from (来源地址), for the lockout and the audit log.

Behind a reverse proxy (``LUOSHI_BEHIND_PROXY``), ``REMOTE_ADDR`` is the proxy's own address: the client's is
the last entry of ``X-Forwarded-For``, the one our proxy appended (entries before it are whatever the client
sent and cannot be trusted).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's IP address, or None when there is no request or no valid address.

    >>> from django.test import RequestFactory
    >>> client_ip(RequestFactory().get("/", REMOTE_ADDR="10.1.2.3"))
    '10.1.2.3'
    >>> client_ip(None) is None
    True
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "LUOSHI_BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            address = forwarded[-1]
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
