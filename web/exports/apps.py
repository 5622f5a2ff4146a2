from django.apps import AppConfig


class ExportsConfig(AppConfig):
    verbose_name = "任务分解表导入导出"
    name = "web.exports"
    label = "exports"
    default_auto_field = "django.db.models.BigAutoField"
