from django import template

from web.audit.services import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """``task.edit`` → ``修改任务``."""
    return _action_label(action)
