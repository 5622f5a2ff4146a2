"""The project's widget templates (web/templates/django/forms/widgets/: a <select>'s options and a list of checkboxes
or radio buttons written in one template, not one include per option) render exactly Django's HTML."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting


class EveryChoiceWidget(forms.Form):
    plain = forms.ChoiceField(choices=[("1", "一"), ("组", [("2", "二"), ("3", "<三>")])], initial="2")
    several = forms.MultipleChoiceField(choices=[("1", "一"), ("2", "二")], initial=["1"])
    boxes = forms.MultipleChoiceField(choices=[("1", "一"), ("组", [("2", "二")])], widget=forms.CheckboxSelectMultiple,
                                      initial=["2"])
    radios = forms.ChoiceField(choices=[("1", "一"), ("2", "二")], widget=forms.RadioSelect, initial="1")


def html(form, renderer) -> str:
    form.renderer = renderer
    return "".join(str(field) for field in form)


@pytest.mark.parametrize("data", [None, {"plain": "3", "several": ["1", "2"], "boxes": ["1", "2"], "radios": "x"}])
def test_the_widgets_render_djangos_own_html(data):
    assert html(EveryChoiceWidget(data), TemplatesSetting()) == html(EveryChoiceWidget(data), DjangoTemplates())


def test_the_forms_render_through_the_projects_templates(settings):
    assert settings.FORM_RENDERER == "django.forms.renderers.TemplatesSetting"
