"""Admin: issuers (a county and its towns) are created here; plans and tasks change only through the
audited pages of the app, so they are not editable in the admin."""

from django.contrib import admin

from web.audit.admin import AuditedAdmin
from web.plans.models import Issuer


@admin.register(Issuer)
class IssuerAdmin(AuditedAdmin):
    list_display = ("name", "parent")
    search_fields = ("name",)
