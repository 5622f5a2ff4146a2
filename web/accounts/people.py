"""Who can be named on a row or a department (人员): the issuer's leaders (分管领导) and its people (责任人)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from web.accounts.models import Membership


def leaders_of(issuer):
    """Active accounts with the leader role (领导) at ``issuer``: who may be a row's or a department's 分管领导."""
    return (get_user_model().objects.filter(is_active=True, memberships__issuer=issuer,
                                            memberships__role=Membership.Role.LEADER)
            .order_by("first_name", "username"))


def people_of(issuer):
    """Active accounts of ``issuer`` (every role): who may be named 责任人 (the person a chase names)."""
    return (get_user_model().objects.filter(is_active=True, memberships__issuer=issuer)
            .order_by("memberships__department__order", "first_name", "username"))


def display_name(user) -> str:
    """How a page names a person: the full name, else the login."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
