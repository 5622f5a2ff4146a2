"""The web 兑现表 (兑现表): a plan's targets against next year's report, beside the office's own year-end figures.

The comparison itself is ``luoshi.accountability.review``; here the stored plan becomes the core's ``Plan`` (each
target's id is its row's primary key, so a verdict finds its row again), the uploaded file becomes a ``Report``,
and each verdict is put beside the figure the office approved during the year: the latest approved progress
report's actual value of the target (目标完成值), else the latest month of the indicator that tracks it.
Nothing here writes to the database: ``web.yearend.services.review_accountability`` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from luoshi import plan as core
from luoshi.errors import LuoshiError
from web.plans.models import Plan, Target
from web.plans.services import ServiceError

log = logging.getLogger(__name__)

VERDICT_LABELS = {"met": "已兑现", "missed": "未兑现", "unclear": "不明确", "not_reported": "未提及"}
VERDICT_TONES = {"met": "ok", "missed": "bad", "unclear": "warn", "not_reported": "warn"}


def core_plan(plan: Plan) -> core.Plan:
    """The plan's live targets as the core's ``Plan`` (id = the target row's primary key), for ``review``."""
    targets = tuple(
        core.Target(id=str(t.pk), section=t.section.key if t.section_id else "", indicator=t.indicator, kind=t.kind,
                    comparator=t.comparator, value=int(t.value) if t.value == int(t.value) else t.value,
                    unit=t.unit, deadline=t.deadline.isoformat() if t.deadline else f"{plan.year}-12-31",
                    deadline_text=t.deadline_text, source_text=t.source_text, upper=t.upper, firmness=t.firmness,
                    rule=t.rule)
        for t in plan.targets.filter(archived=False).select_related("section"))
    return core.Plan(plan.issuer.name, plan.year, targets=targets, source=plan.source_name)


def read_next_report(plan: Plan, data: bytes, filename: str):
    """Next year's report (下一年政府工作报告), read as ``luoshi review`` reads it; a file that cannot be read, or a
    report of another year, is a ``ServiceError`` with one line for the user."""
    from luoshi.report import parse

    try:
        report = parse(bytes(data), year=plan.year + 1, name=filename)
    except LuoshiError as e:
        raise ServiceError(str(e)) from None
    except Exception:
        log.exception("reading the next report failed for %s", filename)
        raise ServiceError(f"{filename}: 无法读取该文件, 请确认它是工作报告 (txt、docx、pdf 或 html)") from None
    said = report.structure.year
    if said and said != plan.year + 1:
        raise ServiceError(f"{filename}: 这是{said}年的报告, 回顾的是{said - 1}年, 而本规划是{plan.year}年的; "
                           f"请上传{plan.year + 1}年的政府工作报告")
    return report


def review_table(plan: Plan, report) -> dict:
    """The ``accountability/1`` object of ``plan`` against ``report``; a report that reviews nothing is refused."""
    from luoshi.accountability import NoReviewPart, review

    try:
        return review(core_plan(plan), report).to_dict()
    except NoReviewPart as e:
        raise ServiceError(str(e)) from None


@dataclass(frozen=True)
class OfficeFigure:
    """The office's own year-end figure of a target (本办核定数) and where it came from."""

    value: float
    source: str  # 进展报送 2025-12 (审核通过) | 统计月报 1-12月


def office_figures(plan: Plan) -> dict[int, OfficeFigure]:
    """Each target's latest approved figure: from approved progress reports, else from its indicator's months."""
    from web.indicators.models import IndicatorActual
    from web.supervision.models import TargetActual

    out: dict[int, OfficeFigure] = {}
    approved = (TargetActual.objects.filter(target__plan=plan, report__status="approved")
                .order_by("target_id", "report__period", "report__version")
                .values_list("target_id", "value", "report__period"))
    for target_id, value, period in approved:  # the latest period wins
        out[target_id] = OfficeFigure(value, f"进展报送 {period}(已审核)")
    months = (IndicatorActual.objects.filter(indicator__plan=plan, indicator__target__isnull=False)
              .order_by("indicator__target_id", "month")
              .values_list("indicator__target_id", "indicator__kind", "month", "value", "growth"))
    for target_id, kind, month, value, growth in months:
        figure = growth if kind == "growth" else value
        if target_id not in out or out[target_id].source.startswith("统计月报"):
            if figure is not None:
                out[target_id] = OfficeFigure(figure, f"统计月报 1-{month}月")
    return out


@dataclass(frozen=True)
class Row:
    """One row of the web 兑现表: the target, what the report claims, the verdict, the office's figure, and a
    plain sentence where the two disagree."""

    target: Target | None
    item: dict
    office: OfficeFigure | None
    disagreement: str

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.item.get("verdict"), self.item.get("verdict", ""))

    @property
    def tone(self) -> str:
        return VERDICT_TONES.get(self.item.get("verdict"), "")

    @property
    def claimed(self) -> str:
        """The figure the report gives for the target (报告所称实际): ``12.3%``, as written when it does not answer."""
        actual = self.item.get("actual")
        if actual is not None:
            return f"{_number(float(actual))}{self.item.get('actual_unit') or self.item.get('unit') or ''}"
        return self.item.get("figure") or ""

    @property
    def office_value(self) -> str:
        return f"{_number(self.office.value)}{self.item.get('unit') or ''}" if self.office else ""

    @property
    def target_words(self) -> str:
        if self.target is not None:
            return self.target.describe_value()
        words = Target.COMPARATOR_WORDS.get(self.item.get("comparator"), "")
        return f"{words} {self.item.get('value'):g}{self.item.get('unit') or ''}".strip()


def _number(value: float) -> str:
    return f"{value:g}"


def disagreement(item: dict, office: OfficeFigure | None) -> str:
    """What to say where the report's claim and the office's own figure disagree (else "").

    >>> disagreement({"actual": 5.6, "unit": "%", "verdict": "met"}, OfficeFigure(5.2, "统计月报 1-12月"))
    '报告称 5.6%，本办核定 5.2%（统计月报 1-12月），二者不一致'
    >>> disagreement({"actual": 5.6, "unit": "%", "verdict": "met"}, OfficeFigure(5.6, "统计月报 1-12月"))
    ''
    >>> disagreement({"actual": None, "unit": "%", "verdict": "met", "comparator": ">=", "value": 5},
    ...              OfficeFigure(4.1, "进展报送 2025-12(已审核)"))
    '报告称已兑现，但本办核定 4.1%（进展报送 2025-12(已审核)），未达目标'
    """
    if office is None:
        return ""
    unit = item.get("unit") or ""
    mine = f"本办核定 {_number(office.value)}{unit}（{office.source}）"
    actual = item.get("actual")
    if actual is not None:
        if round(float(actual), 2) != round(office.value, 2):
            return f"报告称 {_number(float(actual))}{item.get('actual_unit') or unit}，{mine}，二者不一致"
        return ""
    comparator, value = item.get("comparator"), item.get("value")
    if item.get("verdict") not in ("met", "missed") or comparator not in (">=", "<=") or value is None:
        return ""
    reached = office.value >= value if comparator == ">=" else office.value <= value
    if item["verdict"] == "met" and not reached:
        return f"报告称已兑现，但{mine}，未达目标"
    if item["verdict"] == "missed" and reached:
        return f"报告称未兑现，但{mine}，已达目标"
    return ""


def rows(review) -> list[Row]:
    """The 兑现表's rows, each beside the office's figure of the plan's year (approved figures only: the same rows
    may be shown on the public page)."""
    plan = review.plan
    targets = {t.pk: t for t in plan.targets.all()}
    figures = office_figures(plan)
    out = []
    for item in review.items:
        try:
            pk = int(item.get("target"))
        except (TypeError, ValueError):
            pk = None
        office = figures.get(pk)
        out.append(Row(targets.get(pk), item, office, disagreement(item, office)))
    return out
