"""The sample plan of the web tests: a small hand-made ``luoshi.plan.Plan`` with known spans, and the cast's names.

Used by ``conftest.py`` (the cast) and by tests that re-import a "corrected report".
"""

from __future__ import annotations

from luoshi import plan as core
from web.accounts.models import Membership
from web.plans.importing import Extracted

TOWN, COUNTY, OTHER_TOWN = "水口镇人民政府", "开平市人民政府", "月山镇人民政府"
DEPARTMENTS = [("经济发展办", "经发办、经济发展办公室"), ("规划建设办", "规建办"), ("财政所", ""), ("党政办", "")]
PEOPLE = {
    "supervisor": ("duban", TOWN, Membership.Role.SUPERVISOR, None),
    "staff": ("jingji", TOWN, Membership.Role.STAFF, "经济发展办"),
    "other_staff": ("guihua", TOWN, Membership.Role.STAFF, "规划建设办"),
    "leader": ("lingdao", TOWN, Membership.Role.LEADER, None),
    "outsider": ("yueshan", OTHER_TOWN, Membership.Role.SUPERVISOR, None),
    # A member of the town who probes for what is not hers: other departments' drafts, reviews, tokens.
    "attacker": ("tanzi", TOWN, Membership.Role.STAFF, "党政办"),
    # 开平市's 督查室, over both towns: reads their plans and compares them, changes nothing in them.
    "county_supervisor": ("kaiping", COUNTY, Membership.Role.SUPERVISOR, None),
    # Staff of the neighbouring town 月山镇, who probes 水口镇's plan: nothing of it unless the county shares it.
    "neighbour": ("yuejing", OTHER_TOWN, Membership.Role.STAFF, "经济发展办"),
}

# The report text the sample plan's spans point into.
PARAGRAPHS = [
    "2025年全镇经济社会发展主要预期目标是:地方一般公共预算收入增长11%。",
    "一、以超常力度推动产业攀高向强",
    "(一)加强产业平台建设。力争第一季度完成基地(东片区)1230亩土地平整,全力推动产业综合配套工程(一期)下半年建成使用。",
    "(二)强化项目支撑带动。加大招商引资力度,力争新引进超亿元以上项目8个。",
    "二、以更宽视野推动城乡融合发展",
    "(一)提升城市建设水平。健全城市管理长效机制,深化综合行政执法改革。",
]
TEXT = "\n".join(PARAGRAPHS)


def span(fragment: str, text: str = TEXT) -> core.Span:
    start = text.index(fragment)
    return core.Span(start, start + len(fragment), start, start + len(fragment))


def sample_extracted(*, changes: dict[str, str] | None = None, drop: tuple[str, ...] = (), add: tuple = (),
                     target_values: dict[str, float] | None = None, year: int = 2025) -> Extracted:
    """The sample plan; ``changes`` rewrites task texts by id, ``drop`` removes tasks, ``add`` appends tasks,
    ``target_values`` changes target values: a "corrected report" for re-import tests."""
    changes, target_values = changes or {}, target_values or {}
    text = TEXT
    for old_id, new_text in changes.items():
        text = text.replace(TASKS[old_id][1], new_text)
    sections = (
        core.Section("0", "", "总体要求和主要预期目标", None),
        core.Section("1", "一", "以超常力度推动产业攀高向强", None),
        core.Section("1.1", "(一)", "加强产业平台建设", "1"),
        core.Section("1.2", "(二)", "强化项目支撑带动", "1"),
        core.Section("2", "二", "以更宽视野推动城乡融合发展", None),
        core.Section("2.1", "(一)", "提升城市建设水平", "2"),
    )
    tasks = []
    for task_id, (section, task_text, deadline, deadline_text, lead, coop) in TASKS.items():
        if task_id in drop:
            continue
        task_text = changes.get(task_id, task_text)
        tasks.append(core.Task(task_id, section, task_text, deadline, deadline_text, lead=lead, cooperating=coop,
                               span=span(task_text, text)))
    for i, (section, task_text) in enumerate(add, start=1):
        tasks.append(core.Task(f"n{i}", section, task_text, f"{year}-12-31", "年内"))
    targets = (
        core.Target("g1", "0", "地方一般公共预算收入", "growth", ">=", target_values.get("g1", 11.0), "%",
                    f"{year}-12-31", "", "地方一般公共预算收入增长11%", span=span("地方一般公共预算收入增长11%", text)),
        core.Target("g2", "1.1", "基地(东片区)土地平整", "quantity", "=", target_values.get("g2", 1230.0), "亩",
                    f"{year}-03-31", "第一季度", "力争第一季度完成基地(东片区)1230亩土地平整", task="t1"),
        core.Target("g3", "1.2", "新引进超亿元以上项目", "quantity", ">=", target_values.get("g3", 8.0), "个",
                    f"{year}-12-31", "", "力争新引进超亿元以上项目8个", task="t3"),
    )
    milestones = (core.Milestone("t2", "产业综合配套工程(一期)建成使用", f"{year}-12-31", "下半年"),)
    warnings = (core.Warning("corrupt_text", 10, "?zhí", "长者饭?zhí)媒", message="疑似乱码"),)
    plan = core.Plan(TOWN, year, sections, tuple(tasks), targets, (), milestones, warnings, format="txt")
    return Extracted(plan, text)


# id: (section, text, deadline, deadline_text, suggested lead, suggested cooperating)
TASKS = {
    "t1": ("1.1", "力争第一季度完成基地(东片区)1230亩土地平整", "2025-03-31", "第一季度", "经济发展办", ()),
    "t2": ("1.1", "全力推动产业综合配套工程(一期)下半年建成使用", "2025-12-31", "下半年", "规划建设办",
           ("经济发展办",)),
    "t3": ("1.2", "加大招商引资力度,力争新引进超亿元以上项目8个", "2025-12-31", "", "镇经济发展办公室", ("财政所",)),
    "t4": ("2.1", "健全城市管理长效机制,深化综合行政执法改革", "2025-12-31", "", "综合行政执法队", ()),
}
