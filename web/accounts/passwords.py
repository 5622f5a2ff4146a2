"""The password policy (密码强度): what Django checks whenever a password is set (the admin, ``createsuperuser``,
``changepassword``, the 修改密码 page). Listed in ``AUTH_PASSWORD_VALIDATORS`` with Django's length,
similarity and common-password validators; hashing stays Django's (PBKDF2, salted).
"""

from __future__ import annotations

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("小写字母", set(string.ascii_lowercase)),
    ("大写字母", set(string.ascii_uppercase)),
    ("数字", set(string.digits)),
)


def character_classes(password: str) -> int:
    """How many of the four kinds a password mixes: lower case, upper case, digits, other characters.

    >>> character_classes("luoshi-demo-2025"), character_classes("abcdefghij"), character_classes("Aa1!")
    (3, 1, 4)
    """
    kinds = sum(1 for _, chars in CLASSES if any(c in chars for c in password))
    other = any(not any(c in chars for _, chars in CLASSES) for c in password)
    return kinds + other


class CharacterClassesValidator:
    """At least ``minimum`` of the four kinds of character (小写字母、大写字母、数字、符号或汉字)."""

    def __init__(self, minimum: int = 3):
        self.minimum = minimum

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.minimum:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return f"密码至少要包含小写字母、大写字母、数字、符号(或汉字)这四类字符中的 {self.minimum} 类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Chinese (Django's own catalogue leaves this one in English)."""

    def get_error_message(self) -> str:
        return f"密码长度太短, 至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
