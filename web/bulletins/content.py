"""What a bulletin (督查通报) says for one plan and period, independent of .docx or PDF.

The draft is written from the data as things stood at the period's end: 总体情况 with the figures,
进展较好 (departments on time and ahead, by name), 滞后与问题 (red, overdue and unreported tasks by
department, each with the difficulty of its latest approved report, never its progress text), and
下一步要求. The office may edit the text before issuing (``web.bulletins.services``); the table of
headline indicators is always read from the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from web.supervision.models import ProgressReport, ReportingCadence
from web.supervision.standing import Standing, task_standings
from web.supervision.status import AHEAD, BEHIND, DONE, ON_PACE, RED

INDICATOR_HEADER = ["指标", "年度目标", "完成情况", "序时进度要求", "评价"]
CN_NUMBERS = "一二三四五六七八九十"
UNREPORTED = "本期未报送进展"
NO_DIFFICULTY = "未说明困难和原因"


@dataclass
class BulletinDocument:
    """Everything a bulletin file prints: the 版头, the title, the four parts and the indicator table."""

    office: str  # issuing body (发文机关), e.g. 水口镇人民政府督查室
    year: int
    number: int  # 期号 in the plan's year
    issued: dt.date
    title: str
    period_label: str
    as_of: dt.date
    texts: dict[str, str]  # overview / praise / problems / requirements: paragraphs separated by newlines
    indicators: list[list[str]]  # rows under INDICATOR_HEADER
    draft: bool = True
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


def office_of(plan) -> str:
    """The issuing body of a plan's bulletins: the issuer's 督查室."""
    return f"{plan.issuer.name}督查室"


def chinese_date(day: dt.date) -> str:
    """GB/T 9704 dates: 2025年7月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


# Official text takes full-width punctuation (，；：（）) where ASCII punctuation touches Chinese text; anything
# else (a code, a URL, text in Latin letters) is left as it is.
FULL_WIDTH = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "(": "\uff08", ")": "\uff09"}
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d"
_TOUCHING_CJK = re.compile(f"(?<=[{_CJK}])[,;:()]|[,;:()](?=[{_CJK}])")


def full_width(text: str) -> str:
    """ASCII punctuation touching Chinese text, full width.

    >>> full_width("(一)截至6月27日,完成30%;原因:alert(1)")
    '（一）截至6月27日，完成30%；原因：alert(1)'
    """
    return _TOUCHING_CJK.sub(lambda m: FULL_WIDTH[m.group()], text)


def short(text: str, limit: int = 40) -> str:
    """A task named in a sentence: its first clause, at most ``limit`` characters."""
    first = re.split("[,;\uff0c\uff1b\u3002]", text)[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


@dataclass
class _Row:
    task: object
    department: str
    standing: Standing


def _rows(plan, as_of: dt.date) -> list[_Row]:
    standings = task_standings(plan, as_of)
    tasks = plan.active_tasks().prefetch_related("assignments__department").order_by("order", "pk")
    rows = []
    for task in tasks:
        if task.pk in standings:
            lead = task.lead_department
            rows.append(_Row(task, lead.name if lead else "未分配牵头单位", standings[task.pk]))
    return rows


def _approved_difficulties(tasks, period_key: str) -> dict[int, str]:
    """Each task's difficulty as its latest approved report (up to the period) states it; '' when it states none."""
    out: dict[int, str] = {}
    reports = (ProgressReport.objects.filter(task__in=tasks, status=ProgressReport.Status.APPROVED,
                                             period__lte=period_key).order_by("period", "version")
               .values_list("task_id", "difficulties"))
    for task_id, difficulties in reports:
        out[task_id] = difficulties.strip()
    return out


def overview_text(plan, rows: list[_Row], as_of: dt.date, period_label: str) -> str:
    count = defaultdict(int)
    for r in rows:
        count[r.standing.category] += 1
        count[r.standing.light] += 1
    due = sum(1 for r in rows if not r.standing.done)
    unreported = sum(r.standing.not_reported for r in rows)
    overdue = sum(r.standing.overdue for r in rows)
    rate = f"{100 * (due - unreported) / due:.1f}%" if due else "—"
    return (f"截至{chinese_date(as_of)},{plan}共{len(rows)}项任务纳入督查,其中已完成{count[DONE]}项,"
            f"超序时进度{count[AHEAD]}项,达序时进度{count[ON_PACE]}项,欠序时进度{count[BEHIND]}项;"
            f"绿灯{count['green']}项、黄灯{count['yellow']}项、红灯{count[RED]}项。"
            f"{period_label}应报送进展{due}项,未报送{unreported}项,报送率{rate};逾期未完成{overdue}项。")


def praise_text(rows: list[_Row]) -> str:
    """Departments on time and ahead: every task reported, none red or overdue, at least one done or ahead."""
    by_department = defaultdict(list)
    for r in rows:
        by_department[r.department].append(r)
    good = []
    for name, items in by_department.items():
        fine = all(not (i.standing.not_reported or i.standing.overdue or i.standing.light == RED) for i in items)
        ahead = [i for i in items if i.standing.category in (DONE, AHEAD)]
        if fine and ahead and name != "未分配牵头单位":
            good.append((name, ahead))
    if not good:
        return _tasks_ahead(rows)
    good.sort(key=lambda g: (-len(g[1]), g[0]))
    names = "、".join(name for name, _ in good)
    lines = [f"{names}{'等' if len(good) > 1 else ''}{len(good)}个单位按时报送进展,所牵头任务均达到或超过序时进度,"
             "予以通报表扬。"]
    for name, ahead in good:
        parts = []
        for i in ahead[:3]:
            s = i.standing
            ahead = f"完成{s.percent:g}%,超序时进度{s.percent - s.time_progress:.1f}个百分点"
            parts.append(f"“{short(i.task.text)}”{'已完成' if s.done else ahead}")
        lines.append(f"{name}:{';'.join(parts)}。")
    return "\n".join(lines)


def _tasks_ahead(rows: list[_Row], limit: int = 5) -> str:
    """When no department is both on time and ahead throughout: the tasks furthest ahead, by name."""
    ahead = sorted((r for r in rows if r.standing.category == AHEAD and not r.standing.not_reported
                    and r.department != "未分配牵头单位"), key=lambda r: r.standing.time_progress - r.standing.percent)
    if not ahead:
        return "本期暂无按时报送且进度超前的单位。"
    lines = ["本期暂无全部任务按时报送且进度超前的单位。以下任务按时报送、进度超前,予以表扬:"]
    for k, r in enumerate(ahead[:limit], 1):
        s = r.standing
        lines.append(f"{k}.{r.department}牵头的“{short(r.task.text)}”完成{s.percent:g}%,"
                     f"超序时进度{s.percent - s.time_progress:.1f}个百分点。")
    return "\n".join(lines)


def problems_text(rows: list[_Row], period_key: str) -> str:
    """Red, overdue and unreported tasks by department, each with its approved difficulty."""
    behind = [r for r in rows if r.standing.light == RED or r.standing.overdue or r.standing.not_reported]
    if not behind:
        return "本期无红灯、逾期或未报送的任务。"
    difficulties = _approved_difficulties([r.task for r in behind], period_key)
    by_department = defaultdict(list)
    for r in behind:
        by_department[r.department].append(r)
    lines = [f"以下{len(by_department)}个单位牵头的{len(behind)}项任务亮红灯、逾期未完成或未按时报送进展,予以通报批评:"]
    for n, (name, items) in enumerate(sorted(by_department.items(), key=lambda d: (-len(d[1]), d[0]))):
        lines.append(f"({CN_NUMBERS[n % 10]}){name}({len(items)}项)")
        lagging = [r for r in items if r.standing.light == RED or r.standing.overdue]
        for k, r in enumerate(lagging, 1):
            s = r.standing
            state = [s.light_label, f"序时进度{s.time_progress:g}%", f"已完成{s.percent:g}%"]
            if s.overdue:
                state.append("逾期未完成")
            reason = UNREPORTED if s.not_reported else (difficulties.get(r.task.pk) or NO_DIFFICULTY)
            lines.append(f"{k}.“{short(r.task.text)}”({','.join(state)})。困难和原因:{reason.rstrip('。')}。")
        unreported = [r for r in items if r not in lagging]
        if unreported:
            names = "、".join(f"“{short(r.task.text, 24)}”" for r in unreported[:5])
            more = "等" if len(unreported) > 5 else ""
            lines.append(f"{'另有' if lagging else ''}{len(unreported)}项任务{UNREPORTED}:{names}{more}。")
    return "\n".join(lines)


def requirements_text(rows: list[_Row], cadence: ReportingCadence, as_of: dt.date) -> str:
    behind = sum(1 for r in rows if r.standing.light == RED or r.standing.overdue or r.standing.not_reported)
    next_due = cadence.current_period(as_of).next(cadence.cadence, cadence.due_day).due
    return "\n".join([
        "(一)压实工作责任。各牵头单位要对照任务分解表逐项倒排工期,分管领导要亲自调度,确保各项任务按序时进度推进。",
        f"(二)抓紧整改滞后任务。对本期通报的{behind}项滞后任务,相关牵头单位要于{chinese_date(next_due)}前"
        "向督查室书面报送整改措施和完成时限。" if behind else
        "(二)巩固推进成效。各牵头单位要保持工作力度,防止任务进度出现反复。",
        f"(三)按时报送进展。各单位须于每期{cadence.due_day}日前如实报送进展和佐证材料,逾期未报的将在下期通报中点名。",
    ])


def indicator_rows(plan, as_of: dt.date) -> list[list[str]]:
    """Headline indicators against target and 序时进度 (the target's share of the year elapsed)."""
    out = []
    for i in plan.indicators.prefetch_related("actuals"):
        actuals = [a for a in i.actuals.all() if as_of.year > plan.year or a.month <= as_of.month]
        latest = max(actuals, key=lambda a: a.month) if actuals else None
        if i.kind == i.Kind.GROWTH:
            pace = f"增长{i.target_value:g}%"
            done = f"1-{latest.month}月增长{latest.growth:g}%" if latest and latest.growth is not None else "—"
            ok = None if done == "—" else latest.growth >= i.target_value
        else:
            month = latest.month if latest else min(as_of.month, 12)
            needed = i.target_value * month / 12
            pace = f"{needed:.4g}{i.value_unit}"
            done = f"1-{latest.month}月{latest.value:g}{i.value_unit}" if latest and latest.value is not None else "—"
            ok = None if done == "—" else latest.value >= needed
        if i.comparator == "<=" and ok is not None:
            ok = not ok
        verdict = "未报数据" if ok is None else ("达到序时进度" if ok else "低于序时进度")
        out.append([i.name, i.describe_target(), done, pace, verdict])
    return out


def draft_texts(plan, period_key: str, today: dt.date | None = None) -> tuple[str, dict[str, str]]:
    """The title and the four parts of the bulletin of ``period_key``, written from the data."""
    cadence = ReportingCadence.for_plan(plan)
    today = today or cadence.today()
    period = cadence.parse(period_key)
    as_of = min(period.end, today)
    rows = _rows(plan, as_of)
    title = f"关于{period.label}{plan}落实情况的通报"
    texts = {"overview": overview_text(plan, rows, as_of, period.label), "praise": praise_text(rows),
             "problems": problems_text(rows, period.key), "requirements": requirements_text(rows, cadence, as_of)}
    return full_width(title), {key: full_width(text) for key, text in texts.items()}


def next_number(plan, year: int) -> int:
    from django.db.models import Max

    return (plan.bulletins.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1


def build_bulletin(plan, period_key: str, today: dt.date | None = None, *, stored=None) -> BulletinDocument:
    """The bulletin of ``period_key``: the office's stored text when there is one, else the draft from the data.

    A bulletin not yet issued carries the number it would get (期号) and is marked as a draft.
    """
    from web.bulletins.models import Bulletin

    cadence = ReportingCadence.for_plan(plan)
    today = today or cadence.today()
    period = cadence.parse(period_key)
    as_of = min(period.end, today)
    if stored is None:
        stored = Bulletin.objects.filter(plan=plan, period=period.key).first()
    if stored is not None:
        title, texts = stored.title, stored.texts()
    else:
        title, texts = draft_texts(plan, period.key, today)
    issued = stored is not None and stored.is_issued
    demo = plan.tasks.filter(progress_reports__demo=True).exists()
    notes = (["(草稿,未印发)"] if not issued else []) + (["本通报含演示数据,仅供演示。"] if demo else [])
    notes = [full_width(n) for n in notes]
    return BulletinDocument(
        office=office_of(plan), year=period.start.year,
        number=stored.number if stored is not None and stored.number else next_number(plan, period.start.year),
        issued=stored.issued_on if issued else today, title=title, period_label=period.label, as_of=as_of,
        texts=texts, indicators=indicator_rows(plan, as_of), draft=not issued, notes=notes,
        instructions=instructions_of(plan, period))
