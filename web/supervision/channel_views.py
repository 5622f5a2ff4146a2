"""The group robots page (群机器人): the 督查室 sets where a plan's and its departments' notices go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from web.accounts.models import Department
from web.plans.access import EDIT, get_plan_for_user
from web.supervision import channels


@login_required
def notice_channels(request, plan_id):
    """The group robots (群机器人) of a plan and of its departments: the 督查室 adds, changes and removes them.
    A secret is written, never shown back; addresses are shown without their key."""
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    departments = Department.objects.filter(issuer=plan.issuer)
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                channel = get_object_or_404(channels.channels_of_plan(plan), pk=request.POST["delete"])
                channels.delete_notice_channel(request.user, plan, channel)
                messages.success(request, "已删除群机器人")
            else:
                department = departments.filter(pk=request.POST.get("department") or 0).first()
                channel = None
                if request.POST.get("channel"):
                    channel = get_object_or_404(channels.channels_of_plan(plan), pk=request.POST["channel"])
                channels.save_notice_channel(
                    request.user, plan, kind=request.POST.get("kind", ""), name=request.POST.get("name", ""),
                    url=request.POST.get("url", ""), secret=request.POST.get("secret", ""), department=department,
                    channel=channel)
                messages.success(request, "群机器人已保存")
            return redirect("notice_channels", plan.pk)
        except ValidationError as e:
            messages.error(request, e.messages[0])
    return render(request, "supervision/notice_channels.html", {
        "plan": plan, "channels": channels.channels_of_plan(plan), "departments": departments,
        "kinds": channels.NoticeChannel.Kind.choices})
