"""The year end's forms: next year's report (兑现表), and the final state of every row (年终关闭)."""

from __future__ import annotations

from django import forms

from web.accounts.uploads import REPORT_TYPES, check_upload
from web.yearend.models import RowOutcome
from web.yearend.services import Outcome


class NextReportForm(forms.Form):
    """下一年政府工作报告: any format ``luoshi read`` accepts, checked as the plan import checks its upload."""

    file = forms.FileField(label="下一年的政府工作报告 (txt、docx、pdf、html)")

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], REPORT_TYPES)


class CloseForm(forms.Form):
    """One state and one reason per live row; ``rows`` are (task, suggested state)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for task, suggested in rows:
            state = forms.ChoiceField(label="年终状态", choices=RowOutcome.State.choices, initial=suggested)
            reason = forms.CharField(label="原因或说明", required=False, max_length=500)
            self.fields[f"state_{task.pk}"], self.fields[f"reason_{task.pk}"] = state, reason
            self.rows.append((task, self[f"state_{task.pk}"], self[f"reason_{task.pk}"]))

    def outcomes(self) -> dict[int, Outcome]:
        return {task.pk: Outcome(self.cleaned_data[f"state_{task.pk}"], self.cleaned_data[f"reason_{task.pk}"])
                for task, _, _ in self.rows}
