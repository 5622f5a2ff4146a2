from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "部门与账号"
    name = "web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from web.accounts import checks, signals  # noqa: F401  (deployment checks; the audit of logins)
        from web.ops.files import protect_sqlite_database

        # The SQLite database holds everything: readable by the app's own user only.
        connection_created.connect(protect_sqlite_database, dispatch_uid="luoshi-private-sqlite")
