"""Reads for the dashboards (看板): counts by light, section and department; the department ranking; chart options.

Everything starts from one ``PlanProgress`` of stored statuses (``web.supervision.status_store.stored_progress``)
so that a page asks the database a handful of times, whatever the number of tasks, and computes nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from web.supervision.status import CATEGORIES, LIGHT_LABELS

LIGHT_COLOURS = {"green": "#2e7d32", "yellow": "#e0a100", "red": "#c62828"}


def summary(progress) -> dict:
    rows = progress.tasks
    lights = Counter(r.status.light for r in rows)
    return {
        "total": len(rows),
        "green": lights["green"], "yellow": lights["yellow"], "red": lights["red"],
        "done": sum(r.status.done for r in rows),
        "overdue": sum(r.status.overdue for r in rows),
        "not_reported": sum(r.status.not_reported for r in rows),
        "categories": Counter(r.status.category for r in rows),
        "average": round(sum(r.status.reported for r in rows) / len(rows), 1) if rows else 0,
    }


def _top_section(section_id, sections: dict):
    """The top-level heading over a section, walked in the plan's sections already read (no query per step)."""
    s = sections.get(section_id)
    while s is not None and s.parent_id is not None and s.parent_id in sections:
        s = sections[s.parent_id]
    return s


def by_section(progress) -> list[tuple[str, Counter, str]]:
    """Rows by light under each top-level heading: (name, lights, the task table's filter for its rows: ``section=ID``,
    empty for the rows in no section)."""
    sections = {s.pk: s for s in progress.plan.sections.all()}
    groups: dict[str, Counter] = defaultdict(Counter)
    filters: dict[str, str] = {}
    for r in progress.tasks:
        top = _top_section(r.task.section_id, sections)
        name = f"{top.number}{top.title[:8]}" if top else "其他"
        filters.setdefault(name, f"section={top.pk}" if top else "")
        groups[name][r.status.light] += 1
    return [(n, groups[n], filters[n]) for n in filters]


def by_department(progress) -> list[tuple[str, Counter, str]]:
    """Rows by light under each lead department: (name, lights, the task table's filter ``lead=ID``, empty for the
    rows without one)."""
    groups: dict[str, Counter] = defaultdict(Counter)
    filters: dict[str, str] = {}
    for r in progress.tasks:
        name = str(r.department) if r.department else "未分配"
        filters.setdefault(name, f"lead={r.department.pk}" if r.department else "")
        groups[name][r.status.light] += 1
    return sorted(((n, g, filters[n]) for n, g in groups.items()), key=lambda group: -sum(group[1].values()))


@dataclass
class DepartmentRank:
    department: object
    tasks: int
    expected: int  # reports due so far (tasks × periods whose due day has passed)
    on_time: int  # of which the first version came in by the due day
    average_percent: float
    average_gap: float
    red: int
    rank: int = 0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 100.0

    @property
    def score(self) -> float:
        """综合得分 = 按时报送率 × 50% + (100 − 平均落后百分点) × 50%."""
        return round(0.5 * self.on_time_rate + 0.5 * (100 - max(self.average_gap, 0)), 1)


def ranking(progress) -> list[DepartmentRank]:
    """Lead departments ranked by on-time reporting and progress (see ``DepartmentRank.score``); each row's
    punctuality (reports due so far, on time) comes with its status."""
    rows: dict[int, list] = defaultdict(list)
    departments = {}
    for r in progress.tasks:
        if r.department is not None:
            rows[r.department.pk].append(r)
            departments[r.department.pk] = r.department
    out = []
    for pk, items in rows.items():
        out.append(DepartmentRank(
            department=departments[pk], tasks=len(items), expected=sum(r.expected for r in items),
            on_time=sum(r.on_time for r in items),
            average_percent=round(sum(r.status.reported for r in items) / len(items), 1),
            average_gap=round(sum(r.status.gap for r in items) / len(items), 1),
            red=sum(r.status.light == "red" for r in items)))
    out.sort(key=lambda d: (-d.score, -d.on_time_rate, d.department.name))
    for i, d in enumerate(out, 1):
        d.rank = i
    return out


# --- ECharts options (plain dicts, serialised with json_script) ---------------------------------

# The rows behind a tile or a chart's bar: ?show=KEY → (label, which statuses).
ROW_FILTERS = {
    "all": ("全部任务", lambda s: True),
    "green": ("绿灯", lambda s: s.light == "green"),
    "yellow": ("黄灯", lambda s: s.light == "yellow"),
    "red": ("红灯", lambda s: s.light == "red"),
    "done": ("已完成", lambda s: s.done),
    "overdue": ("逾期", lambda s: s.overdue),
    "not_reported": ("本期未报", lambda s: s.not_reported),
    "ahead": ("超进度", lambda s: s.category == "超进度"),
    "on_pace": ("达进度", lambda s: s.category == "达进度"),
    "behind": ("欠进度", lambda s: s.category == "欠进度"),
}
CATEGORY_KEYS = {"已完成": "done", "超进度": "ahead", "达进度": "on_pace", "欠进度": "behind"}


def light_pie(summary_: dict, rows_url: str = "") -> dict:
    """``rows_url`` (``…?``): a slice opens the rows behind it (charts.js follows ``data.link``)."""
    return {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [{"type": "pie", "radius": ["40%", "70%"], "name": "任务状态",
                    "data": [{"name": LIGHT_LABELS[k], "value": summary_[k], "itemStyle": {"color": c},
                              **({"link": f"{rows_url}show={k}"} if rows_url else {})}
                             for k, c in LIGHT_COLOURS.items()]}],
    }


def category_bar(summary_: dict, rows_url: str = "") -> dict:
    """``rows_url`` (``…?``): a bar opens the rows behind it."""
    return {
        "tooltip": {}, "xAxis": {"type": "category", "data": list(CATEGORIES)}, "yAxis": {"type": "value"},
        "series": [{"type": "bar", "name": "任务数",
                    "data": [{"value": summary_["categories"][c],
                              **({"link": f"{rows_url}show={CATEGORY_KEYS[c]}"} if rows_url else {})}
                             for c in CATEGORIES],
                    "label": {"show": True, "position": "top"}}],
    }


def _link(table_url: str, *filters: str) -> dict:
    """A bar's ``link`` to the task table filtered (charts.js follows it); none without a table or a filter."""
    if not table_url or not filters[0]:
        return {}
    return {"link": table_url + "?" + "&".join(filters)}


def stacked_bar(groups: list[tuple[str, Counter, str]], horizontal: bool = False, table_url: str = "") -> dict:
    """Bars of rows by light per group; with ``table_url`` (the task table) each bar opens its rows, that group's
    filter and the bar's light (``?section=3&light=red``)."""
    names = [n for n, _, _ in groups]
    category_axis = {"type": "category", "data": names, "axisLabel": {"interval": 0}}
    value_axis = {"type": "value"}
    if not horizontal:
        category_axis["axisLabel"]["rotate"] = 20
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 120 if horizontal else 40, "right": 20, "bottom": 30, "top": 30, "containLabel": True},
        "xAxis": value_axis if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axis,
        "series": [{"type": "bar", "stack": "all", "name": LIGHT_LABELS[k], "itemStyle": {"color": c},
                    "data": [{"value": g[k], **_link(table_url, query, f"light={k}")} for _, g, query in groups]}
                   for k, c in LIGHT_COLOURS.items()],
    }


def ranking_bar(ranks: list[DepartmentRank], table_url: str = "") -> dict:
    """The departments' on-time rate and average progress; with ``table_url`` each bar opens the rows the
    department leads (``?lead=ID``)."""
    names = [str(d.department) for d in ranks][::-1]
    return {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 110, "right": 20, "top": 30, "bottom": 30},
        "xAxis": {"type": "value", "max": 100}, "yAxis": {"type": "category", "data": names},
        "series": [
            {"type": "bar", "name": "按时报送率(%)",
             "data": [{"value": d.on_time_rate, **_link(table_url, f"lead={d.department.pk}")} for d in ranks][::-1]},
            {"type": "bar", "name": "平均进度(%)",
             "data": [{"value": d.average_percent, **_link(table_url, f"lead={d.department.pk}")}
                      for d in ranks][::-1]},
        ],
    }
