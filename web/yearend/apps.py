from django.apps import AppConfig


class YearEndConfig(AppConfig):
    verbose_name = "年终"
    name = "web.yearend"
    label = "yearend"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from web.yearend import hooks

        hooks.connect()
