"""Headline indicators (主要指标): read by the issuer's members, as on the indicator pages; monthly figures typed
in by the supervisor."""

from __future__ import annotations

from ninja import Path, Query, Router

from web.api.auth import acting, write_auth
from web.api.common import finite, page
from web.api.plans import READ_ERRORS, WRITE_ERRORS
from web.api.schemas import Error, IndicatorActualIn, IndicatorOut, IndicatorPage, Pagination, PathId
from web.indicators import services
from web.indicators.access import EDIT, get_indicator_for_user
from web.indicators.models import Indicator
from web.plans.access import INTERNAL, get_plan_for_user

router = Router(tags=["indicators 主要指标"])


def indicator_out(i: Indicator) -> dict:
    fc = i.forecast()
    return {"id": i.pk, "plan_id": i.plan_id, "target_id": i.target_id, "name": i.name, "kind": i.kind,
            "comparator": i.comparator, "target_value": i.target_value, "value_unit": i.value_unit,
            "baseline": i.baseline,
            "actuals": [{"month": a.month, "value": a.value, "growth": a.growth, "source": a.source}
                        for a in i.actuals.all()],
            "forecast": {"method": fc.method, "month": fc.month, "on_course": fc.on_course,
                         **{k: finite(getattr(fc, k)) for k in ("actual_value", "actual_growth", "forecast_value",
                                                                "forecast_growth", "needed_growth",
                                                                "needed_per_month")}}}


@router.get("/plans/{plan_id}/indicators", response={200: IndicatorPage, **READ_ERRORS, 403: Error},
            summary="主要指标 · a plan's headline indicators with figures and forecast (members)")
def list_indicators(request, plan_id: PathId, pagination: Query[Pagination]):
    plan = get_plan_for_user(request, plan_id, write=INTERNAL)
    result = page(plan.indicators.prefetch_related("actuals").order_by("order", "pk"), pagination)
    result["items"] = [indicator_out(i) for i in result["items"]]
    return result


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **READ_ERRORS},
            summary="主要指标 · one indicator")
def get_indicator(request, indicator_id: PathId):
    return indicator_out(get_indicator_for_user(request, indicator_id))


@router.put("/indicators/{indicator_id}/actuals/{month}", auth=write_auth,
            response={200: IndicatorOut, **WRITE_ERRORS},
            summary="录入月度数据 · type in one month's cumulative value and growth (supervisor)")
def put_indicator_actual(request, indicator_id: PathId, payload: IndicatorActualIn,
                         month: int = Path(..., ge=1, le=12, description="截至月份 (1–12)")):
    indicator = get_indicator_for_user(request, indicator_id, write=EDIT)
    with acting(request) as actor:
        services.record_indicator_actual(actor, indicator, month=month, value=payload.value, growth=payload.growth)
    return indicator_out(Indicator.objects.prefetch_related("actuals").get(pk=indicator.pk))
