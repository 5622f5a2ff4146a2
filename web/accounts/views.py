"""Login, changing one's password, and the error pages (错误页面): every error a user can meet is a page in
Chinese, never a trace. A refused request (403) is a security event in the audit log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.csrf import requires_csrf_token

from web.accounts.forms import ChangePasswordForm, LoginForm
from web.audit.services import record_refusal, record_security


class LoginView(auth_views.LoginView):
    """登录, with the personal-information notice (个人信息保护提示) under the form."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from web.audit.models import AuditPolicy

        return {**super().get_context_data(**kwargs), "ip_days": AuditPolicy.current().ip_retention_days}


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码: the old password, then a new one that passes the password policy (``web.accounts.passwords``).

    Wrong old passwords count toward the lockout (``ChangePasswordForm``); the one that locks the username also
    ends this session, so a stolen session cannot go on guessing."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    form_class = ChangePasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        if form.locked:
            message = form.errors["old_password"][0]
            logout(self.request)
            messages.error(self.request, message)
            return redirect(settings.LOGIN_URL)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        from web.accounts.gate import PASSWORD_DUE

        return {**super().get_context_data(**kwargs), "due": self.request.session.get(PASSWORD_DUE, "")}

    def form_valid(self, form):
        from web.accounts.gate import PASSWORD_DUE

        response = super().form_valid(form)
        self.request.session[PASSWORD_DUE] = ""
        record_security(self.request, "auth.password_change")
        messages.success(self.request, "密码已修改")
        return response


def _error(request, status: int, title: str, message: str):
    return render(request, "error.html", {"status": status, "title": title, "message": message}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法处理, 请返回上一页检查后重试。")


@requires_csrf_token
def permission_denied(request, exception=None):
    record_refusal(request, "access.denied", note=f"{request.method} {request.get_full_path()}")
    return _error(request, 403, "没有权限", "您的账号没有执行此操作的权限。如需办理, 请联系督查室。")


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, 404, "页面不存在", "您要找的页面不存在, 或者您没有查看它的权限。")


def csrf_failure(request, reason=""):
    record_refusal(request, "access.csrf_failed", note=f"{request.method} {request.get_full_path()}: {reason}")
    return _error(request, 403, "页面已过期", "表单已过期或来源不明, 请刷新页面后重新提交。")


@requires_csrf_token
def server_error(request):
    message = "系统暂时无法完成您的请求, 错误已记录。请稍后再试。"
    try:
        return _error(request, 500, "系统出错", message)
    except Exception:  # the page itself failed (e.g. database down): plain text, still no trace
        return HttpResponseServerError(f"系统出错: {message}", content_type="text/plain; charset=utf-8")
