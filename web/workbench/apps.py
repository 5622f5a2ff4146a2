from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    verbose_name = "工作台"
    name = "web.workbench"
    label = "workbench"
    default_auto_field = "django.db.models.BigAutoField"
