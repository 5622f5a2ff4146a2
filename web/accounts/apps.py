from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "部门与账号"
    name = "web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from web.accounts import checks, signals  # noqa: F401  (deployment checks; the audit of logins)
        from web.audit.services import ACTION_LABELS
        from web.ops.files import protect_sqlite_database

        # The SQLite database holds everything: readable by the app's own user only.
        connection_created.connect(protect_sqlite_database, dispatch_uid="luoshi-private-sqlite")
        ACTION_LABELS.update({
            "department.add": "新增部门", "department.edit": "修改部门",
            "account.add": "新增账号", "account.edit": "修改账号", "account.reset_password": "重置密码",
            "account.disable": "停用账号", "account.enable": "启用账号",  # by the office (account.deactivate: by the
            # system administrator, a security event)
        })
