"""Forms of the batch pages: one row form per task on the batch report; the ticked reports of the review queue."""

from __future__ import annotations

from django import forms

from web.supervision.models import ProgressReport


class BatchRowForm(forms.Form):
    """One row of the batch report (prefix ``r<task id>``): ticked rows need a percent and a text."""

    include = forms.BooleanField(label="报送", required=False)
    percent = forms.IntegerField(label="完成进度(%)", min_value=0, max_value=100, required=False,
                                 widget=forms.NumberInput(attrs={"class": "percent"}))
    text = forms.CharField(label="工作进展", required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    difficulties = forms.CharField(label="需协调解决的问题", required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.targets = [t for t in task.targets.all() if not t.archived]
        for t in self.targets:
            self.fields[f"target_{t.pk}"] = forms.FloatField(label=f"{t.indicator}实际值", required=False)

    def clean(self):
        data = super().clean()
        if data.get("include"):
            if data.get("percent") is None:
                self.add_error("percent", "请填写完成进度(0至100)")
            if not (data.get("text") or "").strip():
                self.add_error("text", "请填写工作进展")
        return data

    def actuals(self) -> dict[int, float]:
        return {t.pk: self.cleaned_data[f"target_{t.pk}"] for t in self.targets
                if self.cleaned_data.get(f"target_{t.pk}") is not None}

    def target_fields(self):
        return [self[f"target_{t.pk}"] for t in self.targets]


class BatchApproveForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(queryset=ProgressReport.objects.none(),
                                             error_messages={"required": "请选择要审核通过的报送"})
    comment = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = ProgressReport.objects.filter(task__plan=plan,
                                                                        status=ProgressReport.Status.SUBMITTED)
