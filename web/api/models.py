"""API tokens (接口令牌): how a script or another system signs in to ``/api/`` as one user."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "ls_"


def hash_token(raw: str) -> str:
    """The stored form of a token: its SHA-256. Tokens are 256 random bits, so a fast hash is enough.

    >>> hash_token("ls_abc") == hash_token("ls_abc") != hash_token("ls_abd")
    True
    """
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def lifetime() -> dt.timedelta | None:
    """How long a token works after it is made (``LUOSHI_API_TOKEN_DAYS``); None: until revoked."""
    days = settings.LUOSHI_API_TOKEN_DAYS
    return dt.timedelta(days=days) if days else None


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that still work: not revoked, not expired, their user active."""
        live = self.filter(revoked_at__isnull=True, user__is_active=True)
        if lifetime() is not None:
            live = live.filter(created_at__gt=timezone.now() - lifetime())
        return live

    def revoke_all(self) -> int:
        """Revoke every live token of the query (a changed password); returns how many."""
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class ApiToken(models.Model):
    """A bearer token (接口令牌) acting as ``user``, with that user's permissions and no more.

    Only the hash is stored: the token itself is shown once, by ``manage.py create_api_token``.
    A token expires ``LUOSHI_API_TOKEN_DAYS`` after it was made and is revoked when its user's password
    changes. A revoked token stays as a record of what it did (the audit log names it).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="用户")
    name = models.CharField("名称", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("前缀", max_length=12, editable=False, help_text="令牌开头几位, 用于辨认")
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user``: the row and the raw token, which is not kept anywhere."""
        raw = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:10])
        return token, raw

    @classmethod
    def find(cls, raw: str) -> ApiToken | None:
        """The live token with this value, or None (unknown, revoked, expired, or its user deactivated)."""
        if not raw or len(raw) > 200:
            return None
        return cls.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expires_at(self) -> dt.datetime | None:
        """When the token stops working by age (None: it does not expire)."""
        return self.created_at + lifetime() if lifetime() is not None else None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Note the use, at most once a minute: a busy script should not write on every request."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


def revoke_tokens_on_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    """``pre_save`` of the user model: a new password (the change-password page, the admin, ``changepassword``)
    revokes the user's API tokens, so a token taken along with an old password dies with it."""
    from web.audit.services import record_security

    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is None or stored == instance.password:
        return
    revoked = ApiToken.objects.filter(user_id=instance.pk).revoke_all()
    if revoked:
        record_security(None, "api.tokens_revoked", user=instance, note=f"密码已修改, 吊销接口令牌 {revoked} 个")
