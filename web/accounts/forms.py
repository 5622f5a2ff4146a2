"""The login form (登录表单): one message for a wrong username or password, another for a lockout."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm

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
