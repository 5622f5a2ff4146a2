"""Admin: tokens are listed and revoked here; new ones come from ``manage.py create_api_token`` (shown once)."""

from django.contrib import admin

from web.api.models import ApiToken
from web.audit.admin import AuditedAdmin, fields_of
from web.audit.services import record_security


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    search_fields = ("name", "user__username", "prefix")
    actions = ("revoke",)

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        for token in queryset:
            token.revoke()
            record_security(request, "admin.change", obj=token, after=fields_of(token), note="吊销令牌")
