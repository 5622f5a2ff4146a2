from django.apps import AppConfig


class ScaleConfig(AppConfig):
    verbose_name = "规模测试数据"
    name = "web.scale"
    label = "scale"
    default_auto_field = "django.db.models.BigAutoField"
