from django.apps import AppConfig


class PlansConfig(AppConfig):
    verbose_name = "规划与任务"
    name = "web.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"
