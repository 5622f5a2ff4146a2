from django.contrib import admin

from web.accounts.models import Department, Membership


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "issuer", "aliases", "order")
    list_filter = ("issuer",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "role", "department")
    list_filter = ("issuer", "role")
