"""Headline indicators (主要经济指标) of a plan and their monthly cumulative actuals (月度累计数)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from web.indicators.forecast import Forecast, IndicatorFacts, MonthActual, forecast


class Indicator(models.Model):
    """A headline indicator (主要指标): 地方一般公共预算收入增长11% … tracked month by month.

    ``kind`` is ``growth`` (the target is a growth rate in percent) or ``quantity`` (a cumulative
    amount to reach). ``baseline`` is last year's full-year value, which sharpens the forecast.
    """

    class Kind(models.TextChoices):
        GROWTH = "growth", "增长率"
        QUANTITY = "quantity", "数量"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="indicators")
    target = models.ForeignKey("plans.Target", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="indicators")
    name = models.CharField("指标名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.GROWTH)
    comparator = models.CharField("比较", max_length=4, default=">=")
    target_value = models.FloatField("目标值")
    value_unit = models.CharField("累计数单位", max_length=20, blank=True)
    baseline = models.FloatField("上年全年数", null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan", "order", "pk")
        constraints = (models.UniqueConstraint(fields=["plan", "name"], name="indicator_unique_name"),)
        verbose_name = verbose_name_plural = "主要指标"

    def __str__(self) -> str:
        return self.name

    def describe_target(self) -> str:
        words = {">=": "不低于", "<=": "不高于"}.get(self.comparator, "")
        if self.kind == self.Kind.GROWTH:
            return f"增长{words}{self.target_value:g}%"
        return f"{words}{self.target_value:g}{self.value_unit}"

    def facts(self) -> IndicatorFacts:
        months = tuple(MonthActual(a.month, a.value, a.growth) for a in self.actuals.all())
        return IndicatorFacts(kind=self.kind, comparator=self.comparator, target=self.target_value, months=months,
                              baseline=self.baseline)

    def forecast(self) -> Forecast:
        """The year-end forecast and the growth still needed (see ``web.indicators.forecast``)."""
        return forecast(self.facts())

    def snapshot(self) -> dict:
        return {"name": self.name, "kind": self.kind, "comparator": self.comparator,
                "target_value": self.target_value, "baseline": self.baseline}


class IndicatorActual(models.Model):
    """One month's cumulative figures (1–m月累计): value and year-on-year growth in percent."""

    class Source(models.TextChoices):
        TYPED = "typed", "手工录入"
        IMPORTED = "imported", "统计月报导入"
        DEMO = "demo", "演示数据"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    month = models.PositiveSmallIntegerField("月份", validators=[MinValueValidator(1), MaxValueValidator(12)])
    value = models.FloatField("累计数", null=True, blank=True)
    growth = models.FloatField("累计同比增长(%)", null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.TYPED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("indicator", "month")
        constraints = (models.UniqueConstraint(fields=["indicator", "month"], name="indicator_actual_one_per_month"),)
        verbose_name = verbose_name_plural = "指标月度数据"

    def __str__(self) -> str:
        return f"{self.indicator} 1-{self.month}月"

    @property
    def plan_id(self):
        return self.indicator.plan_id

    def snapshot(self) -> dict:
        return {"month": self.month, "value": self.value, "growth": self.growth, "source": self.source}
