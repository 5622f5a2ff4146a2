"""Forms of the chasing pages: they validate input; ``chases`` / ``instructions`` change state."""

from __future__ import annotations

import datetime as dt

from django import forms

from web.plans.forms import DATE_WIDGET
from web.plans.models import Task

NOTICE_REQUIREMENT = ("请对照上述任务的完成时限,于回复时限前书面报告推进情况、存在问题和下步措施;"
                      "逾期未回复的,将提请分管领导督办。")


class RowsForm(forms.Form):
    """The rows chosen on the chase page (任务)."""

    tasks = forms.ModelMultipleChoiceField(label="任务", queryset=Task.objects.none(),
                                           error_messages={"required": "请至少选择一项任务"})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = Task.objects.filter(plan=plan, archived=False)


class ChaseForm(RowsForm):
    message = forms.CharField(label="催报说明(可选)", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class NoticeForm(RowsForm):
    requirement = forms.CharField(label="督办要求", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                  initial=NOTICE_REQUIREMENT)
    reply_due = forms.DateField(label="回复时限", widget=DATE_WIDGET)

    def __init__(self, *args, plan, today: dt.date, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["reply_due"].initial = today + dt.timedelta(days=5)


class ReplyForm(forms.Form):
    text = forms.CharField(label="办理情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class InstructionForm(forms.Form):
    """A leader's 批示: the text, the departments that must act (办理单位) and by when (办理时限)."""

    text = forms.CharField(label="批示内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    addressees = forms.ModelMultipleChoiceField(label="办理单位", queryset=None, widget=forms.CheckboxSelectMultiple,
                                                error_messages={"required": "请选择办理单位"})
    due = forms.DateField(label="办理时限", widget=DATE_WIDGET)

    def __init__(self, *args, plan, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        from web.accounts.models import Department

        self.fields["addressees"].queryset = Department.objects.filter(issuer=plan.issuer)
        self.fields["due"].initial = today + dt.timedelta(days=7)
