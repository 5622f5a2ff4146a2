from django.contrib import admin

from web.indicators.models import Indicator, IndicatorActual


class IndicatorActualInline(admin.TabularInline):
    model = IndicatorActual
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "kind", "comparator", "target_value", "baseline")
    inlines = (IndicatorActualInline,)
