from django.contrib import admin

from web.audit.admin import AuditedAdmin
from web.indicators.models import Indicator, IndicatorActual


class IndicatorActualInline(admin.TabularInline):
    model = IndicatorActual
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("name", "plan", "kind", "comparator", "target_value", "baseline")
    inlines = (IndicatorActualInline,)
