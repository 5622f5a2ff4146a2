from django.apps import AppConfig


class ApiConfig(AppConfig):
    verbose_name = "数据接口"
    name = "web.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from web.api.auth import note_token_on_audit_event
        from web.api.models import revoke_tokens_on_password_change
        from web.audit.models import AuditEvent

        # Audit rows written while an API token acts say which token it was (the actor is its owner).
        pre_save.connect(note_token_on_audit_event, sender=AuditEvent, dispatch_uid="api-token-audit-note")
        # A changed password revokes the user's tokens.
        pre_save.connect(revoke_tokens_on_password_change, sender=get_user_model(), dispatch_uid="api-token-revoke")
