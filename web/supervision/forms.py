"""Forms of the supervision pages: they validate input; services decide."""

from __future__ import annotations

from django import forms

from web.supervision.models import ReportingCadence


class ProgressReportForm(forms.Form):
    """A department's report on one task for one period; one extra field per linked target (target_<id>)."""

    period = forms.ChoiceField(label="报送期")
    text = forms.CharField(label="工作进展", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    percent = forms.IntegerField(label="完成进度(%)", min_value=0, max_value=100)
    difficulties = forms.CharField(label="需协调解决的问题", required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, periods=(), targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.label) for p in periods]
        self.targets = list(targets)
        for t in self.targets:
            self.fields[f"target_{t.pk}"] = forms.FloatField(
                label=f"{t.indicator}(目标{t.describe_value()})实际值", required=False)

    def actuals(self) -> dict[int, float]:
        return {t.pk: self.cleaned_data[f"target_{t.pk}"] for t in self.targets
                if self.cleaned_data.get(f"target_{t.pk}") is not None}


class ReviewForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    requested_deadline = forms.DateField(label="申请延至", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="延期理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CadenceForm(forms.Form):
    cadence = forms.ChoiceField(label="报送周期", choices=ReportingCadence.Cadence.choices)
    due_day = forms.IntegerField(label="每期截止日", min_value=1, max_value=31)
