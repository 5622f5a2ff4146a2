"""A plan's bulletins (督查通报): one per reporting period, a draft the 督查室 edits, then issued with its 期号."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# The editable parts of a bulletin, in the order an office writes them.
SECTIONS = (("overview", "总体情况"), ("praise", "进展较好"), ("problems", "滞后与问题"),
            ("requirements", "下一步要求"))


class Bulletin(models.Model):
    """督查通报 of one plan for one period: its text (drafted from the data, edited by the office) and,
    once issued, its number in the plan's year (期号), kept when the same period is issued again."""

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已印发"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="bulletins")
    period = models.CharField("报送期", max_length=10)
    year = models.PositiveIntegerField("年度")
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField("标题", max_length=200)
    overview = models.TextField("总体情况", blank=True)
    praise = models.TextField("进展较好", blank=True)
    problems = models.TextField("滞后与问题", blank=True)
    requirements = models.TextField("下一步要求", blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("plan", "year", "number", "period")
        constraints = (
            models.UniqueConstraint(fields=["plan", "period"], name="bulletin_one_per_period"),
            models.UniqueConstraint(fields=["plan", "year", "number"], name="bulletin_unique_number"),
        )
        verbose_name = verbose_name_plural = "督查通报"

    def __str__(self) -> str:
        number = f"第{self.number}期" if self.number else "草稿"
        return f"督查通报{self.year}年{number}({self.period})"

    @property
    def is_issued(self) -> bool:
        return self.state == self.State.ISSUED

    def texts(self) -> dict[str, str]:
        return {key: getattr(self, key) for key, _ in SECTIONS}

    def clean_texts(self) -> None:
        """A bulletin says at least what the situation is; every part has a length an office can print."""
        if not self.overview.strip():
            raise ValidationError("总体情况不能为空")
        if not self.title.strip():
            raise ValidationError("标题不能为空")
        for key, label in SECTIONS:
            if len(getattr(self, key)) > 20000:
                raise ValidationError(f"{label}过长(不超过20000字)")

    def snapshot(self) -> dict:
        return {"period": self.period, "number": self.number, "state": self.state, "title": self.title,
                **{key: getattr(self, key)[:500] for key, _ in SECTIONS},
                "issued_on": self.issued_on.isoformat() if self.issued_on else None}
