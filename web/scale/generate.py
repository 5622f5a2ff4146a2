"""A province's worth of data (规模数据) for load tests: issuers, people, plans and a year of supervision.

Shape, for ``issuers`` plan-holding issuers (1,600 for a province):

    a province → cities → counties → towns; the counties and towns hold one plan each (the demo
    plan's sections, tasks, targets, milestones and projects, the town's name put in), 13 departments,
    a supervisor, a leader and one staff account per department; the county's and the province's
    supervisors see the plans below them. Each assigned task has a report per month (approved;
    some returned once then approved; a few missed), the last month a mix of approved, awaiting
    review, draft and not yet reported. Headline targets become indicators with monthly actuals;
    the import and the assignments leave audit rows.

Rows go straight into the tables: PostgreSQL's COPY, or one ``executemany`` per batch on SQLite,
with ids allocated here and the sequences reset afterwards; each row's stored status is computed at the end.
The columns come from the models, so a field added later (with a default) is filled in without touching
this file.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction

import luoshi
from web.accounts.models import Department, Membership
from web.audit.models import AuditEvent
from web.indicators.models import Indicator, IndicatorActual
from web.plans.importing import parse_date
from web.plans.models import Assignment, Issuer, Milestone, Plan, Project, Section, Target, Task, match_key
from web.scale.places import PROVINCE, Place, layout
from web.scale.rows import Rows
from web.supervision.models import ProgressReport, ReportingCadence, TargetActual

PASSWORD = "luoshi-scale-2025"  # every generated account's password
DEMO_REPORT = Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt"
TZ = ZoneInfo("Asia/Shanghai")
CHUNK = 25  # issuers per transaction: a failure loses one chunk, not the run

# The demo town's departments (name, aliases): every generated issuer has the same offices.
DEPARTMENTS = [
    ("党政办", "党政综合办公室、党政办公室"), ("党建办", "党建工作办公室"), ("经济发展办", "经济发展办公室、经发办"),
    ("规划建设办", "规划建设办公室、规建办"), ("农业农村办", "农业农村办公室、农办"), ("综治办", "综治中心"),
    ("应急管理办", "应急管理办公室、应急办"), ("社会事务办", "社会事务办公室、社事办"), ("财政所", "财政分局"),
    ("文化站", "综合文化站"), ("自然资源所", "国土所"), ("生态环境办", "环保办"), ("综合行政执法队", "执法队"),
]
PROGRESS_TEXT = [
    "已完成{m}月计划工作量,推进顺利。", "召开专题推进会{n}次,协调解决用地、资金等问题。",
    "项目前期手续已办理{n}项,正在开展施工准备。", "完成投资约{n}千万元,形象进度符合预期。",
    "组织实地督导{n}次,整改问题{n}个。", "受天气影响进度略有滞后,已制定赶工计划。",
]
DIFFICULTIES = ["用地指标紧张,需上级协调。", "资金未完全到位。", "涉及多个部门,需进一步明确分工。"]
RETURN_COMMENT = "请补充具体完成数据和佐证材料。"


@dataclass(frozen=True)
class Template:
    """The demo plan as extracted once by the core: what every generated plan is a variation of."""

    text: str
    sections: list
    tasks: list
    targets: list
    milestones: list
    projects: list


@functools.cache
def demo_template() -> Template:
    from web.plans.importing import extract_report

    extracted = extract_report(DEMO_REPORT.read_bytes(), DEMO_REPORT.name, issuer="水口镇人民政府", year=2025)
    p = extracted.plan
    return Template(extracted.text, list(p.sections), list(p.tasks), list(p.targets), list(p.milestones),
                    list(p.projects))


MODELS = [  # parents before children (foreign keys are deferred, but SQLite checks at commit)
    Issuer, get_user_model(), Department, Membership, Plan, ReportingCadence, Section, Task, Target, Milestone,
    Project, Assignment, ProgressReport, TargetActual, Indicator, IndicatorActual, AuditEvent,
]


# --- the generator ------------------------------------------------------------------------------

@dataclass
class Result:
    counts: dict[str, int]
    seconds: float
    plans: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def generate(issuers: int = 1600, tasks: int = 150, months: int = 12, *, seed: int = 2025, year: int = 2025,
             log: Callable[[str], None] = print) -> Result:
    """Fill the database with ``issuers`` plans of ``tasks`` tasks and ``months`` months of reports."""
    if Issuer.objects.filter(name=PROVINCE).exists():
        raise ValueError(f"{PROVINCE} already exists: generate into an empty database")
    started = time.perf_counter()
    rng = random.Random(seed)
    template = demo_template()
    password = make_password(PASSWORD)  # hashed once: the same hash for every account
    now = dt.datetime(year, 1, 6, 9, 0, tzinfo=TZ)
    rows = {m: Rows(m) for m in MODELS}
    first_plan = rows[Plan].next_id
    User = get_user_model()
    places: list[Place] = []
    plan_count = 0

    def account(username: str, full_name: str) -> int:
        return rows[User].add(username=username, password=password, first_name=full_name, date_joined=now)

    def flush_all() -> None:
        for r in rows.values():
            r.flush()

    plan_holders = 0
    with transaction.atomic():
        for name, kind, parent, holds_plan in layout(issuers, rng):
            pk = rows[Issuer].add(name=name, parent_id=places[parent].pk if parent is not None else None)
            place = Place(pk, name, name[:2], kind, holds_plan)
            if holds_plan:
                plan_holders += 1
            tag = f"{plan_holders:04d}" if holds_plan else f"{kind}{len(places):03d}"
            place.supervisor = account(f"duban{tag}", f"{name}督查室")
            rows[Membership].add(user_id=place.supervisor, issuer_id=pk, role=Membership.Role.SUPERVISOR)
            if holds_plan:
                place.leader = account(f"lingdao{tag}", f"{name}领导")
                rows[Membership].add(user_id=place.leader, issuer_id=pk, role=Membership.Role.LEADER)
                departments, staff = [], []
                for order, (dname, aliases) in enumerate(DEPARTMENTS):
                    d = rows[Department].add(issuer_id=pk, name=dname, aliases=aliases, order=order)
                    u = account(f"staff{tag}-{order:02d}", f"{place.short}{dname}")
                    rows[Membership].add(user_id=u, issuer_id=pk, role=Membership.Role.STAFF, department_id=d)
                    departments.append(d)
                    staff.append(u)
                place.departments, place.staff = tuple(departments), tuple(staff)
            places.append(place)
        flush_all()
    log(f"organisation: {len(places)} issuers, {rows[User].count} accounts "
        f"({time.perf_counter() - started:.1f} s)")

    holders = [p for p in places if p.holds_plan]
    for start in range(0, len(holders), CHUNK):
        with transaction.atomic():
            for place in holders[start:start + CHUNK]:
                _plan(rows, place, template, tasks, months, year, rng)
                plan_count += 1
            flush_all()
        if (start // CHUNK) % 8 == 7 or start + CHUNK >= len(holders):
            done = min(start + CHUNK, len(holders))
            log(f"plans: {done}/{len(holders)}, {rows[ProgressReport].count} reports "
                f"({time.perf_counter() - started:.1f} s)")
    _reset_sequences()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, or the first queries plan for empty tables
    _statuses(first_plan, log, started)  # (after ANALYZE: each plan's reports by index, not by scanning them all)
    counts = {m._meta.db_table: rows[m].count for m in MODELS}
    return Result(counts, time.perf_counter() - started, plan_count)


def _statuses(first_plan: int, log: Callable[[str], None], started: float) -> None:
    """Each generated row's stored status, as the services would have kept it (the rows went in directly)."""
    from web.supervision.status_store import refresh

    plans = list(Plan.objects.filter(pk__gte=first_plan).select_related("reporting_cadence", "issuer")
                 .order_by("pk"))
    for start in range(0, len(plans), CHUNK):
        with transaction.atomic():
            for plan in plans[start:start + CHUNK]:
                refresh(plan)
    log(f"statuses: {len(plans)} plans ({time.perf_counter() - started:.1f} s)")


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), MODELS)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _department_index(name: str) -> int | None:
    if not name:
        return None
    probe = Department(name="")
    for i, (dname, aliases) in enumerate(DEPARTMENTS):
        probe.name, probe.aliases = dname, aliases
        if probe.answers_to(name):
            return i
    return None


def _plan(rows: dict, place: Place, template: Template, n_tasks: int, months: int, year: int,
          rng: random.Random) -> None:
    """One issuer's plan with its year of supervision."""
    created = dt.datetime(year, 1, 10, 9, 0, tzinfo=TZ) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 20))
    swap = (lambda s: s.replace("水口", place.short)) if place.short != "水口" else (lambda s: s)
    plan = rows[Plan].add(issuer_id=place.pk, year=year, title=f"{place.name}{year}年工作任务",
                          published=rng.random() < 0.7, source_name=f"{place.short}-{year}.txt", source_format="txt",
                          text=template.text, warnings=[], created_at=created, updated_at=created)
    rows[ReportingCadence].add(plan_id=plan, cadence=ReportingCadence.Cadence.MONTHLY, due_day=25, as_of=None)
    sections: dict[str, int] = {}
    for order, s in enumerate(template.sections):
        sections[s.id] = rows[Section].add(plan_id=plan, key=s.id, number=s.number, title=swap(s.title)[:300],
                                           parent_id=sections.get(s.parent) if s.parent else None, part=s.part,
                                           order=order)
    audit = rows[AuditEvent]
    supervisor_name = f"{place.name}督查室"
    audit.add(actor_id=place.supervisor, actor_name=supervisor_name, at=created, action="plan.import",
              object_type="plans.plan", object_id=str(plan), object_repr=f"{place.name}{year}年工作任务",
              plan_id=plan, after={"tasks": n_tasks}, note=f"{place.short}-{year}.txt")

    task_ids: dict[str, int] = {}
    task_rows = []
    source = template.tasks
    for i in range(n_tasks):
        t = source[i % len(source)]
        round_ = i // len(source)
        text = swap(t.text) + (f"(第{round_ + 1}批)" if round_ else "")
        key = t.id if not round_ else f"{t.id}-{round_ + 1}"
        start, end = (t.span.start, t.span.end) if t.span is not None and not round_ else (None, None)
        deadline = parse_date(t.deadline)
        pk = rows[Task].add(plan_id=plan, section_id=sections.get(t.section), key=key, text=text,
                            match_key=match_key(text), deadline=deadline, deadline_text=t.deadline_text or "",
                            milestone=t.milestone, firmness=t.firmness, suggested_lead=t.lead or "",
                            suggested_cooperating=list(t.cooperating), source_start=start, source_end=end,
                            order=i * 10, created_at=created, updated_at=created)
        if not round_:
            task_ids[t.id] = pk
        task_rows.append((pk, t, deadline, text))
        audit.add(actor_id=place.supervisor, actor_name=supervisor_name, at=created, action="task.create",
                  object_type="plans.task", object_id=str(pk), object_repr=text[:200], plan_id=plan,
                  after={"text": text[:200], "deadline": deadline.isoformat() if deadline else None})

    targets_of: dict[int, list[tuple[int, float]]] = {}
    headline = []
    for order, g in enumerate(template.targets):
        task = task_ids.get(g.task) if g.task else None
        if g.task and task is None:
            continue  # its task is beyond --tasks
        pk = rows[Target].add(plan_id=plan, task_id=task, section_id=sections.get(g.section), key=g.id,
                              indicator=swap(g.indicator)[:300], kind=g.kind, comparator=g.comparator,
                              value=g.value, upper=g.upper, unit=g.unit, deadline=parse_date(g.deadline),
                              deadline_text=g.deadline_text or "", source_text=g.source_text, firmness=g.firmness,
                              rule=g.rule, order=order)
        if task is not None:
            targets_of.setdefault(task, []).append((pk, g.value))
        if g.section == "0" and g.kind == "growth":
            headline.append((pk, g))
    for m in template.milestones:
        if m.task in task_ids:
            rows[Milestone].add(plan_id=plan, task_id=task_ids[m.task], text=swap(m.text),
                                deadline=parse_date(m.deadline), deadline_text=m.deadline_text or "")
    for p in template.projects:
        inv = p.investment or {}
        rows[Project].add(plan_id=plan, task_id=task_ids.get(p.task), section_id=sections.get(p.section),
                          name=swap(p.name)[:300], kind=p.kind, action=p.action or "",
                          investment_value=inv.get("value"), investment_unit=inv.get("unit", ""))

    _indicators(rows, plan, headline, months, created, rng)
    for pk, t, _deadline, text in task_rows:
        if rng.random() < 0.05:
            continue  # not yet assigned (未分配): no reports either
        lead = _department_index(t.lead)
        if lead is None:
            lead = rng.randrange(len(DEPARTMENTS))
        rows[Assignment].add(task_id=pk, department_id=place.departments[lead], role=Assignment.Role.LEAD,
                             created_at=created)
        for other in rng.sample(range(len(DEPARTMENTS)), rng.choice((0, 0, 1, 2))):
            if other != lead:
                rows[Assignment].add(task_id=pk, department_id=place.departments[other],
                                     role=Assignment.Role.COOPERATING, created_at=created)
        audit.add(actor_id=place.supervisor, actor_name=supervisor_name, at=created, action="task.assign",
                  object_type="plans.task", object_id=str(pk), object_repr=text[:200], plan_id=plan,
                  after={"lead": DEPARTMENTS[lead][0]})
        _reports(rows, place, pk, lead, targets_of.get(pk, ()), months, year, rng)


def _reports(rows: dict, place: Place, task: int, lead: int, targets, months: int, year: int,
             rng: random.Random) -> None:
    """A task's monthly reports: mostly approved first time, some returned once, a few missed; the last month
    mixed (approved, awaiting review, draft, nothing yet). A task reported complete stops reporting."""
    department, author = place.departments[lead], place.staff[lead]
    final = 100 if rng.random() < 0.3 else rng.randint(45, 95)
    done_month = rng.randint(10, 18) if final == 100 else 99  # some finish after the year
    percent = 0
    add = rows[ProgressReport].add
    for month in range(1, months + 1):
        due = dt.datetime(year, month, 25, 10, 0, tzinfo=TZ)
        percent = 100 if month >= done_month else max(percent, min(99, round(final * month / 12)
                                                                   + rng.randint(-4, 4)))
        last = month == months
        roll = rng.random()
        if not last and roll < 0.02:
            continue  # missed this month (催报)
        submitted = due - dt.timedelta(days=rng.randint(0, 6)) if rng.random() > 0.08 else \
            due + dt.timedelta(days=rng.randint(1, 4))
        period = f"{year}-{month:02d}"
        text = rng.choice(PROGRESS_TEXT).format(m=month, n=rng.randint(1, 9))
        common = dict(task_id=task, department_id=department, period=period, percent=percent, author_id=author,
                      text=text, difficulties=rng.choice(DIFFICULTIES) if rng.random() < 0.1 else "")
        reviewed = submitted + dt.timedelta(days=rng.randint(1, 3))
        version = 1
        if rng.random() < 0.09:  # returned once, then approved
            add(**common, version=1, status=ProgressReport.Status.RETURNED, created_at=submitted,
                submitted_at=submitted, reviewer_id=place.supervisor, reviewed_at=reviewed,
                review_comment=RETURN_COMMENT)
            version, submitted, reviewed = 2, reviewed + dt.timedelta(days=1), reviewed + dt.timedelta(days=2)
        if last and roll < 0.45:
            if roll < 0.10:
                continue  # nothing yet: open for this month's report
            if roll < 0.20:
                add(**common, version=version, status=ProgressReport.Status.DRAFT, created_at=submitted)
            else:
                add(**common, version=version, status=ProgressReport.Status.SUBMITTED, created_at=submitted,
                    submitted_at=submitted)
        else:
            report = add(**common, version=version, status=ProgressReport.Status.APPROVED, created_at=submitted,
                         submitted_at=submitted, reviewer_id=place.supervisor, reviewed_at=reviewed)
            if month % 3 == 0:
                for target, value in targets:
                    rows[TargetActual].add(report_id=report, target_id=target, value=round(value * percent / 100, 2))
        if percent >= 100:
            break


def _indicators(rows: dict, plan: int, headline, months: int, created: dt.datetime, rng: random.Random) -> None:
    seen = set()
    for order, (target, g) in enumerate(headline[:8]):
        name = g.indicator[:200]
        if name in seen:
            continue
        seen.add(name)
        baseline = round(rng.uniform(5, 500), 1)
        pk = rows[Indicator].add(plan_id=plan, target_id=target, name=name, kind=Indicator.Kind.GROWTH,
                                 comparator=">=", target_value=g.value, value_unit="亿元", baseline=baseline,
                                 order=order)
        for month in range(1, months + 1):
            growth = round(g.value + rng.uniform(-4, 3), 1)
            rows[IndicatorActual].add(indicator_id=pk, month=month,
                                      value=round(baseline * month / 12 * (1 + growth / 100), 2), growth=growth,
                                      source=IndicatorActual.Source.IMPORTED,
                                      entered_at=created + dt.timedelta(days=30 * month))


def summarise(result: Result) -> list[str]:
    """Lines for the console: rows per table, the total and the rate."""
    width = max(len(t) for t in result.counts)
    lines = [f"  {table:<{width}}  {n:>10,}" for table, n in result.counts.items()]
    lines.append(f"  {'total':<{width}}  {result.total:>10,}")
    lines.append(f"{result.plans} plans in {result.seconds:.1f} s ({result.total / max(result.seconds, 1e-9):,.0f} "
                 f"rows/s, {connection.vendor})")
    return lines


def counts_by_status() -> Counter:
    return Counter(dict(ProgressReport.objects.values_list("status").annotate(n=models.Count("id"))))
