"""Who may read and change an indicator: members of the plan read, its supervisor types and imports figures."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from web.indicators.models import Indicator
from web.plans.access import role_for_plan

READ, EDIT = False, True


def get_indicator_for_user(request, indicator_id: int, write=READ) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("plan__issuer"), pk=indicator_id)
    role = role_for_plan(request.user, indicator.plan)
    if not role.is_member:
        raise Http404
    if write and not role.is_supervisor:
        raise PermissionDenied
    return indicator
