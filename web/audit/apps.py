from django.apps import AppConfig


class AuditConfig(AppConfig):
    verbose_name = "审计记录"
    name = "web.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"
