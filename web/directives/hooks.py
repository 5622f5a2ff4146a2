"""How chases, 督办单 and 批示 show elsewhere: marks on task-table rows, panels on a row's progress page, items on
the workbenches, action labels in the change log. Connected in ``DirectivesConfig.ready``."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse


def row_marks(rows) -> dict[int, list]:
    """已催报 (the latest chase) and each 督办单 open on a row (red once overdue), for a page of rows."""
    from web.directives.models import Chase, SupervisionNotice
    from web.plans.selectors import Mark
    from web.supervision.models import ReportingCadence

    ids = [r.pk for r in rows]
    if not ids:
        return {}
    today = ReportingCadence.for_plan(rows[0].plan).today()
    marks: dict[int, list] = defaultdict(list)
    latest: dict[int, object] = {}
    for task_id, at in Chase.tasks.through.objects.filter(task_id__in=ids).values_list("task_id",
                                                                                       "chase__created_at"):
        latest[task_id] = max(at, latest.get(task_id, at))
    for task_id, at in latest.items():
        marks[task_id].append(Mark(f"已催报 {at:%m-%d}", title="最近一次催报"))
    links = (SupervisionNotice.tasks.through.objects.filter(task_id__in=ids, supervisionnotice__status="open")
             .select_related("supervisionnotice"))
    for link in links:
        notice = link.supervisionnotice
        overdue = notice.is_overdue(today)
        marks[link.task_id].append(Mark(notice.label, reverse("notice_detail", args=[notice.pk]),
                                        f"回复时限 {notice.reply_due}" + (",已逾期" if overdue else ""),
                                        "bad" if overdue else "warn"))
    return marks


def notices_panel(request, task) -> dict:
    from web.directives.access import visible_to
    from web.directives.models import Chase, SupervisionNotice
    from web.directives.selectors import plan_today, with_answers

    plan = task.plan
    return {"today": plan_today(plan),
            "notices": visible_to(request.user, plan, SupervisionNotice.objects.filter(tasks=task))
            .select_related("department", "escalated_to"),
            "chases": with_answers(visible_to(request.user, plan, Chase.objects.filter(tasks=task))
                                   .select_related("department", "created_by").prefetch_related("tasks"))}


def connect() -> None:
    from web.audit.services import ACTION_LABELS
    from web.directives import desks
    from web.plans.selectors import ROW_MARKS
    from web.supervision.views import TASK_PANELS
    from web.workbench.selectors import SECTIONS

    ACTION_LABELS.update({
        "chase.send": "催报", "notice.issue": "出具督办单", "notice.reply": "回复督办单",
        "notice.escalate": "督办单逾期提请分管领导", "instruction.reply": "回复批示",
    })
    ROW_MARKS.append(row_marks)
    TASK_PANELS.append(("directives/_task_notices.html", notices_panel))
    SECTIONS["supervisor"].append(("directives/_desk_office.html", desks.office))
    SECTIONS["staff"].append(("directives/_desk_department.html", desks.department))
    SECTIONS["leader"].append(("directives/_desk_leader.html", desks.leader))
