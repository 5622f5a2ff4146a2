from django import template

from web.plans.warnings import warning_sentence as _sentence

register = template.Library()


@register.filter
def warning_sentence(warning) -> str:
    """An import warning as one sentence in Chinese (``web.plans.warnings``)."""
    return _sentence(warning)
