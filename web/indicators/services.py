"""Workflow steps for indicators, each in one transaction with its audit row."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from web.audit.services import record
from web.indicators.models import Indicator, IndicatorActual
from web.indicators.statreport import StatReportError, read_stat_report
from web.plans.services import refuse_closed


def _key(name: str) -> str:
    """A name reduced for matching: 规模以上工业产值增长率 and 规上工业产值 both give 工业产值-like keys.

    >>> _key("增长固定资产投资"), _key("工业投资增长率"), _key("社会消费品零售总额")
    ('固定资产投资', '工业投资', '社会消费品零售')
    """
    return re.sub(r"[\s()（）]|增长率|增长|增速|总额|总值|实现|达到", "", name)


def create_indicators_from_targets(actor, plan) -> list[Indicator]:
    """Make an indicator of each headline growth target (主要预期目标) the plan does not track yet."""
    refuse_closed(plan)
    made = []
    with transaction.atomic():
        existing = {_key(n) for n in plan.indicators.values_list("name", flat=True)}
        targets = plan.targets.filter(archived=False, kind="growth").select_related("section")
        # The headline targets (主要预期目标, section 0 or none) first: a later repetition in the text is skipped.
        targets = sorted(targets, key=lambda t: (t.section is not None and t.section.key != "0", t.order, t.pk))
        for order, target in enumerate(targets):
            name = re.sub(r"^增长|(增长率?|增速)$", "", target.indicator.strip()) or target.indicator
            if _key(name) in existing:
                continue
            existing.add(_key(name))
            comparator = target.comparator if target.comparator in {">=", "<="} else ">="
            indicator = Indicator.objects.create(plan=plan, target=target, name=name, kind=Indicator.Kind.GROWTH,
                                                 comparator=comparator, target_value=target.value, order=order)
            record(actor, "indicator.create", indicator, after=indicator.snapshot(), plan=plan)
            made.append(indicator)
    return made


def record_indicator_actual(actor, indicator: Indicator, *, month: int, value: float | None, growth: float | None,
                            source: str = IndicatorActual.Source.TYPED) -> IndicatorActual:
    """Type in (or correct) one month's cumulative value and growth (录入月度数据)."""
    refuse_closed(indicator.plan)
    if not 1 <= int(month) <= 12:
        raise ValidationError("月份应为1至12")
    if value is None and growth is None:
        raise ValidationError("请至少填写累计数或同比增长")
    with transaction.atomic():
        actual = IndicatorActual.objects.filter(indicator=indicator, month=month).first()
        before = actual.snapshot() if actual else None
        actual = actual or IndicatorActual(indicator=indicator, month=month)
        actual.value, actual.growth, actual.source, actual.entered_by = value, growth, source, actor
        actual.save()
        record(actor, "indicator.actual", actual, before=before, after=actual.snapshot(), plan=indicator.plan)
    return actual


def import_indicator_actuals(actor, plan, data: bytes) -> tuple[list[IndicatorActual], list[str]]:
    """Import the statistics office's monthly .xlsx (导入统计月报): all rows or none.

    Returns the saved actuals and the names in the file that match no indicator of the plan.
    """
    refuse_closed(plan)
    try:
        rows = read_stat_report(data)
    except StatReportError as e:
        raise ValidationError(str(e)) from None
    indicators = list(plan.indicators.all())
    saved, unknown = [], []
    with transaction.atomic():
        for row in rows:
            match = next((i for i in indicators if _key(i.name) == _key(row.name)), None)
            match = match or next((i for i in indicators if _key(i.name) in _key(row.name)
                                   or _key(row.name) in _key(i.name)), None)
            if match is None:
                unknown.append(row.name)
                continue
            saved.append(record_indicator_actual(actor, match, month=row.month, value=row.value, growth=row.growth,
                                                 source=IndicatorActual.Source.IMPORTED))
        if saved:
            record(actor, "indicator.import", plan, after={"rows": len(saved)}, plan=plan)
    return saved, unknown
