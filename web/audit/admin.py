"""The admin's audit (后台操作审计): every addition, edit and deletion made in /admin/ is a security event
with the administrator, their address, the object and its fields (before and after an edit, with Django's
change message; as they were, for a deletion). Secrets (password hashes, token hashes) are left out.

Every ``ModelAdmin`` of the project derives from ``AuditedAdmin``; a test walks the admin site to keep it so.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.core import serializers

from web.audit.models import AuditEvent
from web.audit.services import record_security

SECRET_FIELDS = frozenset({"password", "key_hash"})


def fields_of(obj) -> dict:
    """The row's fields as JSON values (dates as ISO text, references as ids), secrets left out."""
    fields = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    return {name: value for name, value in fields.items() if name not in SECRET_FIELDS}


class AuditedAdmin(admin.ModelAdmin):
    """A ``ModelAdmin`` whose log entries (Django's own admin log) are also written to the audit log."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        record_security(request, "admin.add", obj=obj, after=fields_of(obj), note=entry.get_change_message())
        return entry

    def get_object(self, request, object_id, from_field=None):
        """The row the change page edits, its fields noted before the form changes them."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            request._audit_before = fields_of(obj)
        return obj

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        record_security(request, "admin.change", obj=obj, before=getattr(request, "_audit_before", None),
                        after=fields_of(obj), note=entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        """Called before the rows are deleted, once for one row or a bulk action's many."""
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            record_security(request, "admin.delete", obj=obj, before=fields_of(obj))
        return entries


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "ip", "note")
    readonly_fields = tuple(f.name for f in AuditEvent._meta.fields)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
