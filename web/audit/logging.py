"""The server log (服务器日志) and refused requests: every 403 is a security event in the audit log already
(``web.audit.services.record_refusal``), so Django's own warning for it, with a traceback, is not repeated
in the server log: a script hammering forbidden pages fills neither log."""

from __future__ import annotations

import logging


class SkipRefusals(logging.Filter):
    """Drops Django's records of a refused request (``django.request`` 403s, ``django.security.csrf``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 403
