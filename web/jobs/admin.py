from django.contrib import admin

from web.audit.admin import AuditedAdmin
from web.jobs.models import Job


@admin.register(Job)
class JobAdmin(AuditedAdmin):
    """Staff read a job's technical error here; users only ever see its one-line message."""

    list_display = ("pk", "kind", "state", "attempts", "subject", "created_by", "created_at", "finished_at", "error")
    list_filter = ("state", "kind")
    search_fields = ("subject",)
    exclude = ("output",)
    readonly_fields = tuple(f.name for f in Job._meta.fields if f.name != "output")

    def has_add_permission(self, request):
        return False
