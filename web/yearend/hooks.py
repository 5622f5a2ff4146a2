"""How the year end shows elsewhere: a carried row's history on its progress page, marks on task-table rows, the
labels of its actions in the change log. Connected in ``YearEndConfig.ready``."""

from __future__ import annotations

from django.urls import reverse


def carried_panel(request, task) -> dict:
    """上年结转: the row it was carried from, and that row's progress reports (its history), for members."""
    from web.supervision.access import visible_reports

    origin = task.carried_from
    if origin is None:
        return {}
    return {"origin": origin, "reports": visible_reports(request.user, origin)}


def row_marks(rows) -> dict[int, list]:
    """上年结转 on a carried row, linking to the history of the row it came from: one query for the page (the rows
    may have been loaded with only what their cache keys need)."""
    from web.plans.models import Task
    from web.plans.selectors import Mark

    carried = Task.objects.filter(pk__in=[row.pk for row in rows], carried_from__isnull=False)
    return {pk: [Mark("上年结转", reverse("progress_report", args=[origin]), "结转自上年,点击查看上年进展")]
            for pk, origin in carried.values_list("pk", "carried_from_id")}


def connect() -> None:
    from web.audit.services import ACTION_LABELS
    from web.plans.selectors import ROW_MARKS
    from web.supervision.views import TASK_PANELS

    ACTION_LABELS.update({"accountability.review": "生成兑现表", "plan.close": "年终关闭",
                          "plan.open": "新建下一年规划", "task.carry": "结转任务"})
    ROW_MARKS.append(row_marks)
    TASK_PANELS.append(("yearend/_carried_panel.html", carried_panel))
