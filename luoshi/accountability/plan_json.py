"""A plan read back from its ``plan/1`` JSON (规划 JSON → Plan), as ``luoshi extract`` writes it.

Only what the 兑现表 needs must be there: the issuer, the year and the targets (each with its
contract fields); provenance keys are read when present and extra keys ignored, as GUIDELINES.md
allows. A malformed file is a ``LuoshiError`` naming the file and the problem.
"""

from __future__ import annotations

from typing import Any

from luoshi.errors import LuoshiError
from luoshi.plan import SCHEMA, Plan, Section, Span, Target

_REQUIRED = ("indicator", "kind", "comparator", "value", "unit")


def plan_from_dict(data: dict[str, Any], source: str = "plan.json") -> Plan:
    """The ``Plan`` (its sections and targets) of a ``plan/1`` object.

    >>> plan = plan_from_dict({"schema": "plan/1", "issuer": "河北省人民政府", "year": 2025, "targets": [
    ...     {"id": "g1", "section": "2", "indicator": "地区生产总值", "kind": "growth", "comparator": ">=",
    ...      "value": 5, "unit": "%", "deadline": "2025-12-31", "source_text": "地区生产总值增长5%以上"}]})
    >>> plan.year, plan.targets[0].indicator, plan.targets[0].value
    (2025, '地区生产总值', 5)
    >>> plan_from_dict({"schema": "gold/1"}, "x.json")
    Traceback (most recent call last):
    ...
    luoshi.errors.LuoshiError: x.json: 不是计划 JSON (plan/1), 而是 gold/1
    """
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        schema = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise LuoshiError(f"{source}: 不是计划 JSON ({SCHEMA}), 而是 {schema or '没有 schema 的数据'}")
    targets = data.get("targets") or []
    if not isinstance(targets, list):
        raise LuoshiError(f"{source}: targets 应为列表")
    year = data.get("year")
    try:
        return Plan(
            issuer=str(data.get("issuer") or ""),
            year=int(year) if year else 0,
            sections=tuple(_section(s) for s in data.get("sections") or [] if isinstance(s, dict)),
            targets=tuple(_target(t, i, year) for i, t in enumerate(targets, 1)),
            source=str(data.get("source") or source),
        )
    except (TypeError, ValueError, KeyError) as e:
        raise LuoshiError(f"{source}: 计划 JSON 的目标不完整或格式不对 ({e})") from None


def _section(s: dict[str, Any]) -> Section:
    return Section(str(s.get("id", "")), str(s.get("number", "")), str(s.get("title", "")),
                   s.get("parent"), part=str(s.get("part", "plan")))


def _target(t: Any, number: int, year: Any) -> Target:
    if not isinstance(t, dict):
        raise ValueError(f"第 {number} 个目标不是对象")
    missing = [k for k in _REQUIRED if t.get(k) is None]
    if missing:
        raise ValueError(f"第 {number} 个目标缺少 {', '.join(missing)}")
    span = t.get("span")
    value = float(t["value"])
    return Target(
        id=str(t.get("id") or f"g{number}"), section=str(t.get("section") or ""), indicator=str(t["indicator"]),
        kind=str(t["kind"]), comparator=str(t["comparator"]), value=int(value) if value == int(value) else value,
        unit=str(t["unit"]), deadline=str(t.get("deadline") or (f"{year}-12-31" if year else "")),
        deadline_text=str(t.get("deadline_text") or ""), source_text=str(t.get("source_text") or ""),
        task=t.get("task"), upper=t.get("upper"), baseline=t.get("baseline"),
        firmness=str(t.get("firmness") or "plain"), rule=str(t.get("rule") or ""),
        span=Span(**{k: span.get(k) for k in ("start", "end", "source_start", "source_end")})
        if isinstance(span, dict) and "start" in span and "end" in span else None,
        optional=bool(t.get("optional", False)),
    )
