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
    """上年结转 on a carried row, linking to the history of the row it came from (no query: the row knows it)."""
    from web.plans.selectors import Mark

    return {row.pk: [Mark("上年结转", reverse("progress_report", args=[row.carried_from_id]),
                          "结转自上年,点击查看上年进展")]
            for row in rows if row.carried_from_id is not None}


def connect() -> None:
    from web.audit.services import ACTION_LABELS
    from web.plans.selectors import ROW_MARKS
    from web.supervision.views import TASK_PANELS

    ACTION_LABELS.update({"accountability.review": "生成兑现表", "plan.close": "年终关闭",
                          "plan.open": "新建下一年规划", "task.carry": "结转任务"})
    ROW_MARKS.append(row_marks)
    TASK_PANELS.append(("yearend/_carried_panel.html", carried_panel))
