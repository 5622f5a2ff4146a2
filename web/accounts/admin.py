from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from web.accounts.models import Department, LoginThrottle, Membership
from web.audit.admin import AuditedAdmin


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ("name", "issuer", "aliases", "order")
    list_filter = ("issuer",)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "issuer", "role", "department")
    list_filter = ("issuer", "role")


@admin.register(LoginThrottle)
class LoginThrottleAdmin(AuditedAdmin):
    """Failed-login counts; deleting a row lifts its lock at once (an administrator unlocking an account)."""

    list_display = ("key", "failures", "window_start", "locked_until")
    search_fields = ("key",)
    readonly_fields = ("key", "failures", "window_start", "locked_until")

    def has_add_permission(self, request):
        return False


# Django's own user and group pages, and django-otp's device pages (registered before this app's), audited
# like the rest.
for model, base in ((get_user_model(), UserAdmin), (Group, GroupAdmin), (TOTPDevice, TOTPDeviceAdmin),
                    (StaticDevice, StaticDeviceAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, type(f"Audited{base.__name__}", (AuditedAdmin, base), {}))
