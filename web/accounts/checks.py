"""Deployment checks (``manage.py check --deploy``) for the 等保 controls that settings alone turn off."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def dengbao_settings(app_configs, **kwargs) -> list[Warning]:
    found = []
    if not settings.LUOSHI_ENCRYPTION_KEY:
        found.append(Warning("LUOSHI_ENCRYPTION_KEY is not set: evidence files and backups are stored unencrypted.",
                             hint="Make one with `manage.py make_encryption_key`.", id="luoshi.W001"))
    if not settings.LUOSHI_REQUIRE_2FA:
        found.append(Warning("LUOSHI_REQUIRE_2FA is off: supervisors and administrators log in with a password only.",
                             hint="Set LUOSHI_REQUIRE_2FA=1.", id="luoshi.W002"))
    return found
