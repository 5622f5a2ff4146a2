from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    verbose_name = "催报与督办"
    name = "web.directives"
    label = "directives"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from web.directives import hooks

        hooks.connect()
