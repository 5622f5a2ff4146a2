"""The login form (登录表单): one message for a wrong username or password, another for a lockout; the
change-password form (修改密码), whose old password counts toward the same lockout."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from web.accounts import lockout
from web.accounts.network import client_ip


class LoginForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确, 请重试。",
        "inactive": "该账号已停用, 请联系督查室。",
        "locked": "登录失败次数过多, 已暂时锁定。请 %(minutes)s 分钟后再试, 或联系督查室。",
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The failure has been counted by now (user_login_failed): say so if it locked the login.
            until = lockout.locked_until(self.cleaned_data.get("username"), client_ip(self.request))
            if until:
                raise forms.ValidationError(self.error_messages["locked"], code="locked",
                                            params={"minutes": lockout.minutes_left(until)}) from None
            raise


LOCKED = "输错密码次数过多, 账号已暂时锁定。请 %(minutes)s 分钟后重新登录, 或联系督查室。"


class ChangePasswordForm(PasswordChangeForm):
    """Whoever holds a session must still know its password: a wrong old password is counted toward the
    username's lockout and audited, like a failed login; while locked, no password is checked at all."""

    error_messages: ClassVar[dict[str, str]] = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确, 请重新输入。",
        "locked": LOCKED,
    }

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    @property
    def locked(self) -> bool:
        return any(e.code == "locked" for e in self.errors.as_data().get("old_password", []))

    def clean_old_password(self):
        from web.accounts.signals import count_failure

        username = self.user.get_username()
        until = lockout.locked_until(username, client_ip(self.request))
        if until is None and not self.user.check_password(self.cleaned_data.get("old_password") or ""):
            if not count_failure(self.request, username, "auth.password_change_failed", note="原密码不正确",
                                 user=self.user):
                raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
            until = lockout.locked_until(username, None)
        if until is not None:
            raise forms.ValidationError(self.error_messages["locked"], code="locked",
                                        params={"minutes": lockout.minutes_left(until)})
        return self.cleaned_data["old_password"]
