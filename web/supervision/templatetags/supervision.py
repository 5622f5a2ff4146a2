"""``{% plan_role plan as role %}``: the visitor's role at the plan, so the supervision menu shows what they may use.

Only for showing links: every view still checks through its access helper.
"""

from django import template

from web.plans.access import role_for_plan

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_role(context, plan):
    return role_for_plan(context["request"].user, plan)


@register.simple_tag
def change_between(before, after) -> int:
    """Percentage points from ``before`` to ``after`` (the review queue's 变化)."""
    try:
        return round(float(after) - float(before))
    except (TypeError, ValueError):
        return 0
