from django import template

from web.audit.services import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """``task.edit`` → ``修改任务``."""
    return _action_label(action)


@register.filter
def readable_changes(event) -> list:
    """An event's changes as (field, before, after) in the pages' words (``web.audit.labels``)."""
    from web.audit.labels import readable_changes as changes

    return changes(event)
