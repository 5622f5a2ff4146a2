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


def chased_rows(rows) -> set[int]:
    """Rows with a 催报 or an open 督办单: they come first on the department's batch report."""
    from web.directives.models import Chase, SupervisionNotice

    ids = [r.pk for r in rows]
    chased = set(Chase.tasks.through.objects.filter(task_id__in=ids).values_list("task_id", flat=True))
    return chased | set(SupervisionNotice.tasks.through.objects.filter(
        task_id__in=ids, supervisionnotice__status="open").values_list("task_id", flat=True))


def instruction_marks(rows) -> dict[int, list]:
    """批示 on a row: how many, and whether one still awaits a department's reply."""
    from web.plans.models import Instruction
    from web.plans.selectors import Mark

    ids = [r.pk for r in rows]
    marks: dict[int, list] = defaultdict(list)
    found = (Instruction.objects.filter(task_id__in=ids).prefetch_related("addressees", "replies")
             .order_by("created_at"))
    by_task = defaultdict(list)
    for instruction in found:
        by_task[instruction.task_id].append(instruction)
    for task_id, items in by_task.items():
        waiting = any({r.department_id for r in i.replies.all()} < {d.pk for d in i.addressees.all()} for i in items)
        marks[task_id].append(Mark(f"批示 {len(items)}" + (" 待回复" if waiting else ""),
                                   reverse("progress_report", args=[task_id]) + "#instructions",
                                   "领导批示", "warn" if waiting else "ok"))
    return marks


def instructions_panel(request, task) -> dict:
    from web.plans.access import can_instruct, role_for_plan

    role = role_for_plan(request.user, task.plan)
    instructions = list(task.instructions.select_related("author").prefetch_related("addressees",
                                                                                     "replies__department"))
    to_reply = [i for i in instructions if role.is_staff and role.department_id in {d.pk for d in i.addressees.all()}
                and role.department_id not in {r.department_id for r in i.replies.all()}]
    return {"instructions": instructions, "can_instruct": can_instruct(request.user, task.plan),
            "can_reply": bool(to_reply), "to_reply": to_reply}


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
    from web.supervision.batch_views import CHASED_ROWS
    from web.supervision.views import TASK_PANELS
    from web.workbench.selectors import SECTIONS

    ACTION_LABELS.update({
        "chase.send": "催报", "notice.issue": "出具督办单", "notice.reply": "回复督办单",
        "notice.escalate": "督办单逾期提请分管领导", "instruction.reply": "回复批示",
    })
    ROW_MARKS.extend([row_marks, instruction_marks])
    CHASED_ROWS.append(chased_rows)
    TASK_PANELS.extend([("directives/_task_instructions.html", instructions_panel),
                        ("directives/_task_notices.html", notices_panel)])
    SECTIONS["supervisor"].extend([("directives/_desk_office.html", desks.office),
                                   ("directives/_desk_office_instructions.html", desks.office_instructions)])
    SECTIONS["staff"].extend([("directives/_desk_department_instructions.html", desks.department_instructions),
                              ("directives/_desk_department.html", desks.department)])
    SECTIONS["leader"].extend([("directives/_desk_leader_instructions.html", desks.leader_instructions),
                               ("directives/_desk_leader.html", desks.leader)])
