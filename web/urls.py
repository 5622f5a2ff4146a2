"""URL map. Each app owns its URLs; later apps add one ``path(...)`` line in APP_URLS."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from web.accounts.views import LoginView, PasswordChangeView

APP_URLS = [
    path("", include("web.workbench.urls")),  # the landing page (工作台)
    path("", include("web.plans.urls")),
    path("", include("web.directives.urls")),  # 催报, 督办单, 批示
    path("", include("web.yearend.urls")),  # 兑现表, 年终
    path("", include("web.exports.urls")),
    path("", include("web.supervision.urls")),
    path("", include("web.indicators.urls")),
    path("", include("web.dashboards.urls")),
    path("", include("web.bulletins.urls")),
    path("", include("web.public.urls")),
    path("", include("web.api.urls")),
    path("", include("web.accounts.urls")),  # two factors, administrators' pages (三员), the office's people
    path("", include("web.audit.urls")),  # the auditor's pages
]

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says: the icon is a static file.
    path("favicon.ico", RedirectView.as_view(url=static("luoshi/favicon.ico"), permanent=True)),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),  # issue 6
    path("admin/", admin.site.urls),
    *APP_URLS,
]

handler400 = "web.accounts.views.bad_request"
handler403 = "web.accounts.views.permission_denied"
handler404 = "web.accounts.views.page_not_found"
handler500 = "web.accounts.views.server_error"
