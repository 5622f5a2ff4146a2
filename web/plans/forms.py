"""Forms of the plan pages: they validate input; services change state."""

from __future__ import annotations

from django import forms

from web.accounts.models import Department
from web.accounts.uploads import REPORT_TYPES, check_upload
from web.plans.models import Issuer, Section, Task
from web.plans.office import ROW_CHOICES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The task table's 进展 filter and its sort orders (see ``web.plans.selectors.narrow`` and ``ordered``).
PROGRESS_FILTERS = {"not_reported": "本期未报", "pending": "待审核", "overdue": "逾期未完成", "done": "已完成",
                    "returned_twice": "两次以上退回"}
ORDERS = {"lateness": "按滞后程度", "deadline": "按完成时限", "stale": "按最近报送 (久未报送在前)"}


class ImportForm(forms.Form):
    """Upload a work report (上传工作报告)."""

    file = forms.FileField(label="工作报告文件", help_text="支持 txt、docx、pdf、html")
    issuer = forms.ModelChoiceField(label="发文单位", queryset=Issuer.objects.none())
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              help_text="留空则从报告中识别")
    rows = forms.ChoiceField(label="任务粒度", choices=ROW_CHOICES, initial="sentence", required=False,
                             help_text="按句：一句一项，与督查室的任务分解表一致；按分句：每个动作一项，任务更多更细")

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers if issuers is not None else Issuer.objects.none()
        if issuers is not None and len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0]

    def clean_rows(self):
        return self.cleaned_data.get("rows") or "sentence"  # a form posted without the choice: the office's rows

    def clean_file(self):
        # Size, extension, first bytes (an .exe renamed .pdf), zip bombs; the name is cleaned.
        return check_upload(self.cleaned_data["file"], REPORT_TYPES)


class PlanScopedForm(forms.Form):
    """A form whose department and section choices are those of one plan."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        departments = Department.objects.filter(issuer=plan.issuer)
        for name in ("lead", "cooperating", "department"):
            if name in self.fields:
                self.fields[name].queryset = departments
        if "section" in self.fields:
            self.fields["section"].queryset = Section.objects.filter(plan=plan)


class TaskEditForm(forms.Form):
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    deadline = forms.DateField(label="完成时限", required=False, widget=DATE_WIDGET)
    # The task's version when the form was loaded: a save after someone else's change is refused (409).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class TargetEditForm(forms.Form):
    value = forms.FloatField(label="目标值")


class AssignForm(PlanScopedForm):
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Department.objects.none(), required=False)
    cooperating = forms.ModelMultipleChoiceField(label="配合单位", queryset=Department.objects.none(), required=False,
                                                 widget=forms.CheckboxSelectMultiple)


class BulkAssignForm(PlanScopedForm):
    tasks = forms.ModelMultipleChoiceField(label="任务", queryset=Task.objects.none())
    use_suggestions = forms.BooleanField(label="采用抽取建议", required=False)
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Department.objects.none(), required=False)
    cooperating = forms.ModelMultipleChoiceField(label="配合单位", queryset=Department.objects.none(), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["tasks"].queryset = Task.objects.filter(plan=plan, archived=False)

    def clean(self):
        data = super().clean()
        if not data.get("use_suggestions") and not data.get("lead"):
            raise forms.ValidationError("请选择牵头单位, 或选择“采用抽取建议”")
        return data


class AddTaskForm(PlanScopedForm):
    section = forms.ModelChoiceField(label="章节", queryset=Section.objects.none(), required=False)
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    deadline = forms.DateField(label="完成时限", required=False, widget=DATE_WIDGET)
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Department.objects.none(), required=False)


class SplitForm(forms.Form):
    parts = forms.CharField(label="子任务 (每行一项)", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)

    def clean_parts(self):
        parts = [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]
        if len(parts) < 2:
            raise forms.ValidationError("拆分至少需要两项子任务, 每行一项")
        return parts


class ArchiveForm(forms.Form):
    reason = forms.CharField(label="归档原因", required=False, max_length=400)


class InstructionForm(forms.Form):
    text = forms.CharField(label="批示内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class TaskFilterForm(PlanScopedForm):
    """Filters of the task table (任务分解表筛选); every one is in the URL, so a search can be bookmarked and sent."""

    q = forms.CharField(label="关键词", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "任务内容、编号或部门"}))
    light = forms.ChoiceField(label="状态灯", required=False,
                              choices=[("", "全部"), ("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯")])
    progress = forms.ChoiceField(label="进展", required=False, choices=[("", "全部"), *PROGRESS_FILTERS.items()])
    section = forms.ModelChoiceField(label="章节", queryset=Section.objects.none(), required=False,
                                     empty_label="全部章节")
    department = forms.ModelChoiceField(label="部门", queryset=Department.objects.none(), required=False,
                                        empty_label="全部部门")
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Department.objects.none(), required=False,
                                  empty_label="全部")
    leader = forms.ModelChoiceField(label="分管领导", queryset=Department.objects.none(), required=False,
                                    empty_label="全部")
    due_before = forms.DateField(label="时限不晚于", required=False, widget=DATE_WIDGET)
    status = forms.ChoiceField(label="状态", choices=[("", "全部 (未归档)"), *Task.State.choices], required=False)
    order = forms.ChoiceField(label="排序", required=False, choices=[("", "按报告顺序"), *ORDERS.items()])

    def __init__(self, *args, plan, people: bool = True, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        from web.accounts.people import leaders_of

        if not people:  # the public: no names of people, not even in a filter
            del self.fields["leader"]
            return
        self.fields["leader"].queryset = leaders_of(plan.issuer)
        self.fields["leader"].label_from_instance = lambda u: u.get_full_name() or u.username


class TaskPeopleForm(forms.Form):
    """A row's own 分管领导 and 责任人 (任务另行指定); empty: its lead department's."""

    leader_in_charge = forms.ModelChoiceField(label="分管领导", queryset=Department.objects.none(), required=False,
                                              empty_label="(按牵头部门)")
    responsible = forms.ModelChoiceField(label="责任人", queryset=Department.objects.none(), required=False,
                                         empty_label="(按牵头部门)")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from web.accounts.people import display_name, leaders_of, people_of

        self.fields["leader_in_charge"].queryset = leaders_of(plan.issuer)
        self.fields["responsible"].queryset = people_of(plan.issuer).distinct()
        for name in ("leader_in_charge", "responsible"):
            self.fields[name].label_from_instance = display_name


class ImportTargetForm(forms.Form):
    """Where an upload goes instead (改为导入到…): one of the importer's issuers or a new one under theirs, a year;
    or the chosen plan after all (``confirmed``: the report's issuer or year was read wrong)."""

    issuer = forms.ModelChoiceField(label="发文单位", queryset=Issuer.objects.none(), required=False,
                                    empty_label="(新建发文单位)")
    new_issuer = forms.CharField(label="新发文单位名称", max_length=100, required=False)
    parent = forms.ModelChoiceField(label="上级单位", queryset=Issuer.objects.none(), required=False)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    confirmed = forms.BooleanField(label="报告中的单位或年度识别有误,确认导入到所选规划", required=False)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["parent"].queryset = issuers
