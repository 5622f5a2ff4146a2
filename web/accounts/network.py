"""Where a request comes from (来源地址), for the lockout and the audit log.

Behind a reverse proxy (``LUOSHI_BEHIND_PROXY``), ``REMOTE_ADDR`` is the proxy's own address and the proxy appends
the client's to ``X-Forwarded-For``. The header is read only when the request comes from one of
``LUOSHI_TRUSTED_PROXIES``, and from its right end: entries added by trusted proxies are skipped, the first other
one is the client (entries to its left are whatever the client sent and cannot be trusted). A client talking to
the app directly cannot name an address of its choosing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    networks = getattr(settings, "LUOSHI_TRUSTED_PROXIES", ())
    return any(address in ipaddress.ip_network(n, strict=False) for n in networks)


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
    address = _address(request.META.get("REMOTE_ADDR", ""))
    if address is not None and getattr(settings, "LUOSHI_BEHIND_PROXY", False) and _trusted(address):
        for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            hop = _address(part)
            if hop is None:
                break  # a malformed entry: nothing to its left can be trusted either
            address = hop
            if not _trusted(hop):
                break
    return str(address) if address is not None else None
