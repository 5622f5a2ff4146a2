from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "部门与账号"
    name = "web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from web.accounts import checks, signals  # noqa: F401  (deployment checks; the audit of logins)
