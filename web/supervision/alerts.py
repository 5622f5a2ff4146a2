"""The supervisor's alert list (预警清单): lagging, overdue, not reported, returned twice. Reads a PlanProgress."""

from __future__ import annotations

from dataclasses import dataclass

from web.supervision.lights import PlanProgress, TaskProgress

KINDS = {
    "overdue": "逾期未完成",
    "lagging": "进度滞后",
    "not_reported": "未按时报送",
    "returned_twice": "两次以上退回",
}


@dataclass(frozen=True)
class Alert:
    kind: str
    row: TaskProgress
    detail: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def alerts_for(progress: PlanProgress) -> list[Alert]:
    """Every alert of the plan, most serious kind first, the worst gap first within a kind."""
    out: list[Alert] = []
    for row in sorted(progress.tasks, key=lambda r: -r.status.gap):
        s = row.status
        if s.overdue:
            out.append(Alert("overdue", row, f"时限 {row.task.deadline:%Y-%m-%d},已报进度 {s.reported:g}%"))
        elif s.light != "green":
            out.append(Alert("lagging", row, f"序时进度 {s.time_progress:g}%,已报 {s.reported:g}%,"
                                             f"落后 {s.gap:g} 个百分点"))
        if s.not_reported:
            due = f"{progress.period.due:%m月%d日}"
            out.append(Alert("not_reported", row, f"{progress.period.label}未报送(截止 {due})"))
        if row.returned_twice:
            out.append(Alert("returned_twice", row, "同一报送期已被退回两次以上"))
    order = list(KINDS)
    return sorted(out, key=lambda a: order.index(a.kind))
