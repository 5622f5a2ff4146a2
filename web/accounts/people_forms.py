"""Forms of the people pages (部门与人员): they validate input; ``people_services`` changes state."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from web.accounts.models import Department, Membership
from web.accounts.people import display_name, leaders_of, people_of


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


class DepartmentForm(forms.Form):
    """A department (部门): name, aliases, order, its 分管领导 and 责任人."""

    name = forms.CharField(label="部门名称", max_length=100)
    aliases = forms.CharField(label="别名", max_length=500, required=False,
                              help_text="报告或表格中的其他叫法,以顿号或逗号分隔,如“经济发展办公室、经发办”")
    order = forms.IntegerField(label="排序", min_value=0, required=False, initial=0)
    leader_in_charge = PersonChoice(label="分管领导", queryset=get_user_model().objects.none(), required=False,
                                    empty_label="(未设置)",
                                    help_text="本部门牵头任务的分管领导;任务另有指定的以任务为准")
    responsible = PersonChoice(label="责任人", queryset=get_user_model().objects.none(), required=False,
                               empty_label="(未设置)", help_text="催报、督办单点名的人")

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader_in_charge"].queryset = leaders_of(issuer)
        self.fields["responsible"].queryset = people_of(issuer).distinct()


class AccountForm(forms.Form):
    """An account (账号): login (new accounts only), name, e-mail, role, department."""

    username = forms.RegexField(label="登录名", max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": "登录名只能包含字母、数字和 @ . + - _"})
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False, help_text="用于接收催报和督办通知")
    role = forms.ChoiceField(label="角色", choices=Membership.Role.choices)
    department = forms.ModelChoiceField(label="部门", queryset=Department.objects.none(), required=False,
                                        empty_label="(无)", help_text="部门工作人员必填")

    def __init__(self, *args, issuer, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(issuer=issuer)
        if not new:
            del self.fields["username"]
