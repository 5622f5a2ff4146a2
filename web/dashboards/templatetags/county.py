"""The county's row and its towns' parts (联动), on the task page: ``{% town_parts task can_edit as parts %}``."""

from __future__ import annotations

from django import template

from web.dashboards.county import linked_parts
from web.plans.models import Issuer

register = template.Library()


@register.simple_tag
def town_parts(task, can_edit: bool) -> dict:
    """The towns' parts of ``task`` with the roll-up, and (for its plan's 督查室) the towns it may go down to."""
    towns = list(Issuer.objects.filter(parent_id=task.plan.issuer_id)) if can_edit and not task.archived else []
    return {"rollup": linked_parts(task), "towns": towns}
