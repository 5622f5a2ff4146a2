"""``{% runs_people as office %}``: whether the visitor's 督查室 runs an issuer's people, for the menu link only
(every people page still asks ``web.accounts.access``)."""

from django import template

from web.accounts.access import runs_any_people

register = template.Library()


@register.simple_tag(takes_context=True)
def runs_people(context) -> bool:
    return runs_any_people(context["request"].user)
