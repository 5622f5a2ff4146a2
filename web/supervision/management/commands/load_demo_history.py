"""``manage.py load_demo_history``: half a year of simulated supervision for the demo plan (演示数据).

Run after ``load_demo``. It shows the plan as on 2025-06-27 (the plan's ``as_of`` day), with monthly
reports January–June (approved, returned and resubmitted, awaiting review, missing), difficulties on the
lagging tasks, two extension requests, the headline indicators with January–May figures, and publishes
the plan so that /public/ has content. Every row it makes is marked as demo data (``demo=True`` or source
``demo``) and pages say so. Deterministic (a fixed random seed); run again and nothing is duplicated
(``--reset`` removes the demo history first).
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from web.accounts.models import Department
from web.audit.services import record
from web.indicators.models import Indicator, IndicatorActual
from web.indicators.services import create_indicators_from_targets
from web.plans.models import Assignment, Issuer, Plan
from web.plans.services import assign_task, bulk_assign, publish_plan
from web.supervision import status_store
from web.supervision.models import ExtensionRequest, ProgressReport, ReportingCadence, TargetActual
from web.supervision.periods import period_of

TOWN, YEAR = "水口镇人民政府", 2025
AS_OF = dt.date(2025, 6, 27)
TZ = ZoneInfo("Asia/Shanghai")
SEED = 2025

# Lead department by the report's top-level section, for tasks whose text named none.
SECTION_LEADS = {"1": "经济发展办", "2": "规划建设办", "3": "综治办", "4": "社会事务办", "5": "党政办"}
KEYWORD_LEADS = [  # the first keyword found in a task's text names its lead
    ("安全", "应急管理办"), ("消防", "应急管理办"), ("生态", "生态环境办"), ("污水", "生态环境办"),
    ("植绿", "自然资源所"), ("土地", "自然资源所"), ("农", "农业农村办"), ("文化", "文化站"), ("非遗", "文化站"),
    ("财", "财政所"), ("执法", "综合行政执法队"), ("养老", "社会事务办"), ("医", "社会事务办"),
    ("教育", "社会事务办"), ("招商", "经济发展办"),
]

# How a task moves through the year: percent of the work done per twelfth of the year, and noise.
PROFILES = [  # (name, weight, pace)
    ("ahead", 2, 1.35), ("on_pace", 5, 1.0), ("slightly_behind", 2, 0.78), ("stalled", 1, 0.35),
    ("done_early", 1, 2.2),
]

PROGRESS_TEXTS = [
    "召开专题推进会{n}次,明确时间表和责任人,各项工作按计划推进。",
    "完成现场踏勘和方案编制,正在履行审批程序。",
    "已完成阶段性工作量,组织{n}次现场督导,及时协调解决施工中的问题。",
    "对接上级部门{n}次,争取政策和资金支持,相关材料已报送。",
    "建立工作台账,实行周调度、月通报,本月新增完成事项{n}项。",
]
DIFFICULTIES = [
    "征地拆迁补偿标准未谈妥,需镇领导牵头协调。",
    "上级专项资金尚未下达,建议财政所先行垫付。",
    "项目用地指标不足,需自然资源部门协调调剂。",
    "施工单位人员不足,进度滞后,已约谈施工方。",
    "涉及多个村(社区),群众意见分歧较大,需加强宣传引导。",
]
RETURN_COMMENTS = ["请补充具体完成量和佐证材料。", "进展描述过于笼统,请列明本月完成事项。"]

# Headline indicators: (keyword in the name, unit, last year's total, January–May cumulative growth %)
INDICATOR_DATA = [
    ("一般公共预算收入", "亿元", 2.6, [7.9, 8.6, 9.4, 9.8, 10.2]),
    ("工业产值", "亿元", 212.0, [5.3, 4.8, 5.1, 4.9, 5.2]),
    ("工业投资", "亿元", 28.0, [9.5, 8.1, 7.4, 6.9, 6.6]),
    ("固定资产投资", "亿元", 46.0, [1.8, 2.9, 3.6, 4.1, 4.5]),
    ("消费品零售", "亿元", 19.5, [4.2, 4.6, 5.0, 5.3, 5.4]),
]
FALLBACK_INDICATORS = [("地方一般公共预算收入", 11.0), ("规模以上工业产值", 4.6), ("固定资产投资", 6.0),
                       ("工业投资", 6.0), ("社会消费品零售总额", 5.0)]
MONTH_SHARE = [0.06, 0.13, 0.22, 0.30, 0.39, 0.48, 0.57, 0.65, 0.74, 0.83, 0.91, 1.0]  # of a year's total by month


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _plus_quarter(day: dt.date) -> dt.date:
    month = day.month + 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, 30 if month != 2 else 28))


class Command(BaseCommand):
    help = "为演示规划生成上半年的模拟督查记录(演示数据):报送、审核、退回、延期、指标月度数据,并公开该规划。"

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="规划 id(默认:水口镇人民政府 2025 年规划)")
        parser.add_argument("--issuer", default=TOWN, help="发文单位名称,取其 2025 年规划(默认:水口镇人民政府)")
        parser.add_argument("--reset", action="store_true", help="先删除已生成的演示记录")

    def handle(self, *args, plan=None, issuer=TOWN, reset=False, **options):
        plan = self._plan(plan, issuer)
        supervisor = self._user(plan, "supervisor")
        if reset:
            self._reset(plan)
        elif ProgressReport.objects.filter(task__plan=plan, demo=True).exists():
            self.stdout.write(f"演示记录已存在: {plan}(用 --reset 重新生成)")
            return
        rng = random.Random(SEED if plan.issuer.name == TOWN else f"{SEED}{plan.issuer.name}")  # another town's own
        with transaction.atomic():
            cadence, _ = ReportingCadence.objects.update_or_create(plan=plan, defaults={"due_day": 25,
                                                                                         "as_of": AS_OF})
            record(supervisor, "cadence.set", cadence, after={"cadence": cadence.cadence, "due_day": 25,
                                                               "as_of": AS_OF.isoformat()}, plan=plan,
                   note="演示数据")
            self._assign(plan, supervisor)
            reports = self._reports(plan, supervisor, rng)
            extensions = self._extensions(plan, supervisor)
            indicators = self._indicators(plan, supervisor)
            if not plan.published:
                publish_plan(supervisor, plan, published=True)
            status_store.refresh(plan)  # the rows above were written directly: their statuses, for the demo day
        self.stdout.write(f"已生成演示记录(演示数据,按 {AS_OF} 计算): {reports} 份进展报送、{extensions} 份延期申请、"
                          f"{indicators} 个主要指标的月度数据;规划已公开: /public/plans/{plan.pk}/")

    # --- pieces -----------------------------------------------------------------------------------

    def _plan(self, plan_id, issuer=TOWN):
        if plan_id:
            plan = Plan.objects.filter(pk=plan_id).first()
        else:
            plan = Plan.objects.filter(issuer__in=Issuer.objects.filter(name=issuer), year=YEAR).first()
        if plan is None:
            raise CommandError("找不到演示规划:请先运行 manage.py load_demo")
        return plan

    def _user(self, plan, role, department=None):
        from web.accounts.models import Membership

        found = Membership.objects.filter(issuer=plan.issuer, role=role)
        if department is not None:
            found = found.filter(department=department)
        m = found.select_related("user").first()
        if m is None and role == "supervisor":
            m = Membership.objects.filter(role="supervisor").select_related("user").first()
        if m is None and role == "supervisor":
            user = get_user_model().objects.filter(is_superuser=True).first()
            if user is None:
                raise CommandError("找不到督查室账号:请先运行 manage.py load_demo")
            return user
        return m.user if m else None

    def _reset(self, plan):
        with transaction.atomic():
            ProgressReport.objects.filter(task__plan=plan, demo=True).delete()
            ExtensionRequest.objects.filter(task__plan=plan, reason__startswith="【演示】").delete()
            IndicatorActual.objects.filter(indicator__plan=plan, source=IndicatorActual.Source.DEMO).delete()

    def _assign(self, plan, supervisor):
        tasks = list(plan.tasks.filter(archived=False).prefetch_related("assignments"))
        bulk_assign(supervisor, [t for t in tasks if not t.lead_assignment()], use_suggestions=True)
        departments = {d.name: d for d in Department.objects.filter(issuer=plan.issuer)}
        for task in plan.tasks.filter(archived=False).select_related("section"):
            if task.assignments.filter(role=Assignment.Role.LEAD).exists():
                continue
            name = next((lead for word, lead in KEYWORD_LEADS if word in task.text), None)
            if name is None and task.section is not None:
                name = SECTION_LEADS.get(task.section.key.split(".")[0])
            department = departments.get(name or "") or departments.get("党政办")
            if department is not None:
                assign_task(supervisor, task, lead=department)

    def _reports(self, plan, supervisor, rng) -> int:
        tasks = list(plan.tasks.filter(archived=False).prefetch_related("assignments__department", "targets"))
        weights = [w for _, w, _ in PROFILES]
        authors: dict[int, object] = {}
        early = sorted((t for t in tasks if t.deadline and t.deadline < AS_OF), key=lambda t: (t.deadline, t.pk))
        first_overdue = early[0].pk if early else None
        count = 0
        for task in tasks:
            lead = task.lead_department
            if lead is None:
                continue
            if lead.pk not in authors:
                authors[lead.pk] = self._user(plan, "staff", lead) or supervisor
            name, _, pace = rng.choices(PROFILES, weights)[0]
            if task.pk == first_overdue:
                name, pace = "stalled", 0.35  # one task past its deadline, unfinished: red and overdue
            percent = 0
            for month in range(1, 7):
                period = period_of(dt.date(YEAR, month, 1))
                if month == 6 and rng.random() < 0.2:
                    break  # June not reported yet: 催报
                percent = min(100, max(percent, round(pace * 100 * month / 12 + rng.uniform(-4, 4))))
                if task.deadline and task.deadline < period.end and name != "stalled":
                    percent = 100 if rng.random() < 0.8 else percent
                late = rng.random() < (0.25 if name in {"stalled", "slightly_behind"} else 0.07)
                submitted = period.due + dt.timedelta(days=rng.randint(1, 6)) if late else \
                    period.due - dt.timedelta(days=rng.randint(0, 8))
                text = rng.choice(PROGRESS_TEXTS).format(n=rng.randint(1, 4))
                if percent >= 100:
                    text = "任务已全部完成,相关资料已归档。"
                difficulties = rng.choice(DIFFICULTIES) if name in {"stalled", "slightly_behind"} else ""
                returns = 0
                if month in {3, 5} and rng.random() < 0.12:
                    returns = 1 + (rng.random() < 0.3)
                last = month == 6
                twice_now = last and rng.random() < 0.05  # returned twice this month, third version waiting
                if twice_now:
                    returns = 2
                for version in range(1, returns + 2):
                    final = version == returns + 1
                    status = ProgressReport.Status.RETURNED
                    if final:
                        status = (ProgressReport.Status.SUBMITTED if last and (twice_now or rng.random() < 0.4)
                                  else ProgressReport.Status.APPROVED)
                    at = _at(min(submitted + dt.timedelta(days=2 * (version - 1)), AS_OF))
                    report = ProgressReport.objects.create(
                        task=task, department=lead, period=period.key, version=version, status=status,
                        text=f"{text}", percent=percent, difficulties=difficulties, author=authors[lead.pk],
                        created_at=at, submitted_at=at, demo=True,
                        reviewer=None if status == ProgressReport.Status.SUBMITTED else supervisor,
                        reviewed_at=None if status == ProgressReport.Status.SUBMITTED else at + dt.timedelta(days=1),
                        review_comment="" if final else RETURN_COMMENTS[(version - 1) % 2])
                    for target in task.targets.all():
                        if target.kind == "quantity" and not target.archived:
                            TargetActual.objects.create(report=report, target=target,
                                                        value=round(target.value * percent / 100, 1))
                    count += 1
                if percent >= 100:
                    break  # done: nothing more to report
        record(supervisor, "report.submit", plan, after={"demo_reports": count}, plan=plan,
               note="演示数据:模拟的上半年进展报送")
        return count

    def _extensions(self, plan, supervisor) -> int:
        candidates = [t for t in plan.tasks.filter(archived=False, deadline__lte=dt.date(YEAR, 10, 31))
                      .order_by("deadline", "pk").prefetch_related("assignments__department") if t.lead_department]
        made = 0
        for i, task in enumerate(candidates[:2]):
            ext = ExtensionRequest.objects.create(
                task=task, department=task.lead_department, current_deadline=task.deadline,
                requested_deadline=_plus_quarter(task.deadline), reason="【演示】" + DIFFICULTIES[i],
                requested_by=self._user(plan, "staff", task.lead_department) or supervisor,
                requested_at=_at(dt.date(YEAR, 6, 10 + i)))
            if i == 1:
                ext.status, ext.decided_by = ExtensionRequest.Status.APPROVED, supervisor
                ext.decided_at, ext.decision_comment = _at(dt.date(YEAR, 6, 15)), "同意延期,请按新时限完成"
                ext.save()
                task.deadline = ext.requested_deadline
                task.save(update_fields=["deadline", "updated_at"])
            record(supervisor, "extension.request", ext, after=ext.snapshot(), plan=plan, note="演示数据")
            made += 1
        return made

    def _indicators(self, plan, supervisor) -> int:
        create_indicators_from_targets(supervisor, plan)
        if not plan.indicators.exists():
            for order, (name, value) in enumerate(FALLBACK_INDICATORS):
                Indicator.objects.create(plan=plan, name=name, target_value=value, order=order)
        filled = 0
        for indicator in plan.indicators.all():
            data = next((d for d in INDICATOR_DATA if d[0] in indicator.name), None)
            if data is None:
                target = indicator.target_value
                data = ("", "", None, [round(target * f, 1) for f in (0.8, 0.85, 0.9, 0.95, 0.97)])
            _, unit, baseline, growths = data
            if indicator.kind == Indicator.Kind.GROWTH:
                indicator.value_unit, indicator.baseline = unit, baseline
                indicator.save(update_fields=["value_unit", "baseline"])
            for month, growth in enumerate(growths, start=1):
                value = round(baseline * (1 + growth / 100) * MONTH_SHARE[month - 1], 3) if baseline else None
                IndicatorActual.objects.update_or_create(indicator=indicator, month=month, defaults={
                    "value": value, "growth": growth, "source": IndicatorActual.Source.DEMO, "entered_by": supervisor,
                    "entered_at": _at(dt.date(YEAR, month + 1, 15))})
            filled += 1
        return filled
