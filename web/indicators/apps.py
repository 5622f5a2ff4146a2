from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    verbose_name = "主要指标"
    name = "web.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
