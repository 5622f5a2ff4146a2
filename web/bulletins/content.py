"""What a bulletin (督查通报) says for one plan and period, independent of .docx or PDF."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from web.supervision.lights import plan_progress
from web.supervision.models import ReportingCadence
from web.supervision.status import AHEAD, BEHIND, CATEGORIES, DONE, ON_PACE


@dataclass
class Bulletin:
    title: str
    issued: dt.date
    period_label: str
    as_of: dt.date
    summary: str
    counts: dict[str, int]
    by_category: dict[str, list[str]]  # category → task lines
    lagging: list[tuple[str, list[tuple[str, str]]]]  # department → [(task line, reason)]
    indicators: list[list[str]]  # rows: 指标, 目标, 最新, 全年预计, 剩余月份需, 判断
    demo: bool = False
    notes: list[str] = field(default_factory=list)
    # 领导批示 written in the period and how they were answered (the layout is the bulletin documents' to choose)
    instructions: list[InstructionLine] = field(default_factory=list)


@dataclass
class InstructionLine:
    """One 批示 for the bulletin: who wrote it, about what, what it says, who must act by when, their replies."""

    leader: str
    subject: str
    text: str
    addressees: list[str]
    due: dt.date | None
    replies: list[tuple[str, str]]  # (department, what it did)


def instructions_of(plan, period) -> list[InstructionLine]:
    """The 批示 written on the plan during ``period`` (up to its end), oldest first, with their replies."""
    from django.utils import timezone

    from web.accounts.people import display_name

    found = (plan.instructions.select_related("author", "task", "department")
             .prefetch_related("addressees", "replies__department").order_by("created_at", "pk"))
    lines = []
    for i in found:
        if not period.start <= timezone.localdate(i.created_at) <= period.end:
            continue
        lines.append(InstructionLine(display_name(i.author), i.subject, i.text, [d.name for d in i.addressees.all()],
                                     i.due, [(r.department.name, r.text) for r in i.replies.all()]))
    return lines


INDICATOR_HEADER = ["指标", "目标", "最新累计", "全年预计", "剩余月份需达到", "判断"]


def build_bulletin(plan, period_key: str, today: dt.date | None = None) -> Bulletin:
    """The bulletin of ``period_key`` (``2025-06`` or ``2025-Q2``), as things stood at the period's end."""
    cadence = ReportingCadence.for_plan(plan)
    today = today or cadence.today()
    period = cadence.parse(period_key)
    as_of = min(period.end, today)
    progress = plan_progress(plan, as_of)
    rows = progress.tasks
    by_category: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for r in rows:
        dept = f"({r.department})" if r.department else ""
        by_category[r.status.category].append(f"{r.task.text[:80]}{dept},进度{r.status.reported:g}%")
    counts = {c: len(v) for c, v in by_category.items()}
    lagging: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in progress.lagging():
        reason = (r.latest.difficulties or r.latest.text) if r.latest else "本期未报送进展"
        lagging[str(r.department or "未分配牵头单位")].append(
            (f"{r.task.text[:80]}(序时进度{r.status.time_progress:g}%,已报{r.status.reported:g}%)", reason[:200]))
    indicators = []
    for i in plan.indicators.prefetch_related("actuals"):
        f = i.forecast()
        latest = "—"
        if f.month:
            latest = f"1-{f.month}月 " + (f"增长{f.actual_growth:g}%" if f.actual_growth is not None
                                         else f"{f.actual_value:g}{i.value_unit}")
        year_end = (f"增长{f.forecast_growth:g}%" if f.forecast_growth is not None
                    else (f"{f.forecast_value:g}{i.value_unit}" if f.forecast_value is not None else "—"))
        needed = (f"增长{f.needed_growth:g}%" if f.needed_growth is not None
                  else (f"月均{f.needed_per_month:g}{i.value_unit}" if f.needed_per_month is not None else "—"))
        verdict = "—" if f.on_course is None else ("有望完成" if f.on_course else "完成有难度")
        indicators.append([i.name, i.describe_target(), latest, year_end, needed, verdict])
    total = len(rows)
    summary = (f"截至{as_of:%Y年%-m月%-d日},{plan}共{total}项任务,其中已完成{counts[DONE]}项、超进度{counts[AHEAD]}项、"
               f"达进度{counts[ON_PACE]}项、欠进度{counts[BEHIND]}项;{progress.period.label}应报未报"
               f"{sum(r.status.not_reported for r in rows)}项,逾期未完成{sum(r.status.overdue for r in rows)}项。")
    demo = plan.tasks.filter(progress_reports__demo=True).exists()
    return Bulletin(
        title=f"{plan}落实情况督查通报({period.label})", issued=today, period_label=period.label, as_of=as_of,
        summary=summary, counts=counts, by_category=by_category, lagging=list(lagging.items()),
        indicators=indicators, demo=demo,
        notes=["本通报含演示数据,仅供演示。"] if demo else [], instructions=instructions_of(plan, period))
