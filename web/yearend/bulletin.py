"""The year-end bulletin (年终通报): every row's final state and the departments' scores of the year, in the
layout of the 督查通报 (``web.bulletins.layout``, written by ``web.bulletins.docx``)."""

from __future__ import annotations

from django.utils import timezone

from web.bulletins.content import chinese_date, office_of
from web.bulletins.docx import render_blocks
from web.bulletins.layout import Block
from web.dashboards.selectors import DepartmentRank
from web.yearend.models import RowOutcome, YearEndClose

SCORE_FORMULA = DepartmentRank.score.__doc__.strip().rstrip(".")  # the ranking's own formula, said once
ROW_HEADER = ("序号", "任务", "牵头单位", "年终状态", "说明")
SCORE_HEADER = ("名次", "部门", "牵头任务", "按时报送率", "平均进度", "综合得分")


def title_of(close: YearEndClose) -> str:
    return f"关于{close.plan.year}年度工作任务年终完成情况的通报"


def outcome_note(outcome: RowOutcome) -> str:
    """The 说明 of a row: the reason it was not done, or the year it was carried into."""
    if outcome.state == RowOutcome.State.CARRIED and outcome.carried_to_id is not None:
        note = f"结转至{outcome.close.plan.year + 1}年"
        return f"{note}；{outcome.reason}" if outcome.reason else note
    return outcome.reason


def outcomes_of(close: YearEndClose) -> list[RowOutcome]:
    return list(close.outcomes.select_related("task", "close__plan").prefetch_related("task__assignments__department"))


def blocks(close: YearEndClose) -> list[Block]:
    """The year-end bulletin from top to bottom."""
    plan = close.plan
    outcomes = outcomes_of(close)
    counts = {label: sum(o.state == value for o in outcomes) for value, label in RowOutcome.State.choices}
    overview = (f"{plan}共{len(outcomes)}项，年终完成{counts['完成']}项，基本完成{counts['基本完成']}项，"
                f"未完成{counts['未完成']}项，结转{plan.year + 1}年{counts['结转']}项。")
    rows = [ROW_HEADER]
    for n, o in enumerate(outcomes, 1):
        lead = o.task.lead_department
        rows.append((str(n), o.task.text, lead.name if lead else "", o.get_state_display(), outcome_note(o)))
    out = [Block("masthead_title", "督查通报"), Block("masthead_number", f"{plan.year}年度年终"),
           Block("masthead_line", office_of(plan), right=chinese_date(timezone.localdate(close.closed_at))),
           Block("title", title_of(close)),
           Block("heading", "一、总体情况"), Block("paragraph", overview),
           Block("heading", "二、各项任务年终状态"), Block("table", rows=tuple(rows))]
    if close.scores:
        scores = [SCORE_HEADER] + [(str(s["rank"]), s["department"], str(s["tasks"]), f"{s['on_time_rate']}%",
                                    f"{s['average_percent']}%", str(s["score"])) for s in close.scores]
        out += [Block("heading", "三、部门年度得分"), Block("paragraph", SCORE_FORMULA + "。"),
                Block("table", rows=tuple(scores))]
    return out


def render(close: YearEndClose) -> bytes:
    """The year-end bulletin as a .docx."""
    return render_blocks(blocks(close))
