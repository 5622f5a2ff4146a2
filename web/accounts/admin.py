from django.contrib import admin

from web.accounts.models import Department, LoginThrottle, Membership


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "issuer", "aliases", "order")
    list_filter = ("issuer",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "role", "department")
    list_filter = ("issuer", "role")


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Failed-login counts; deleting a row lifts its lock at once (an administrator unlocking an account)."""

    list_display = ("key", "failures", "window_start", "locked_until")
    search_fields = ("key",)
    readonly_fields = ("key", "failures", "window_start", "locked_until")

    def has_add_permission(self, request):
        return False
