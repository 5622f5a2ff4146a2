from django.contrib import admin

from web.audit.admin import AuditedAdmin
from web.supervision.models import Evidence, ExtensionRequest, ProgressReport, ReportingCadence


@admin.register(ReportingCadence)
class ReportingCadenceAdmin(AuditedAdmin):
    list_display = ("plan", "cadence", "due_day", "as_of")


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedAdmin):
    """Read-only: reports change only through the workflow (services), which writes the audit trail."""

    list_display = ("task", "period", "version", "status", "percent", "department", "submitted_at", "demo")
    list_filter = ("status", "period", "demo")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(AuditedAdmin):
    list_display = ("task", "department", "current_deadline", "requested_deadline", "status")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdmin):
    """A file's row: its path must stay under the evidence directory (``Evidence.clean``)."""

    list_display = ("name", "report", "content_type", "size", "uploaded_at")
