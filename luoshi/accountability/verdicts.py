"""The verdict (兑现判定): a review figure compared with a target, by ACCOUNTABILITY.md.

``comparable`` says whether a figure measures what the target does (a growth for a growth, a level in
the same unit for a quantity) and gives it in the target's unit; ``judge`` compares by the target's
comparator, with the tolerances of ``luoshi.rules.accountability``.
"""

from __future__ import annotations

from luoshi.accountability.figures import Figure
from luoshi.plan import Target
from luoshi.rules import accountability as rules
from luoshi.rules.units import SCALES, measure_of

_MONEY = {"元": 1.0, "千元": 1e3, "万元": 1e4, "十万元": 1e5, "百万元": 1e6, "千万元": 1e7, "亿元": 1e8, "万亿元": 1e12}
_SCALE = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3}


def base_unit(unit: str) -> tuple[float, str]:
    """(factor, base unit) of a written unit: 亿元 is (1e8, 元), 万亩 (1e4, 亩), 万 alone (1e4, "").

    >>> base_unit("亿元"), base_unit("万名"), base_unit("千瓦"), base_unit("%")
    ((100000000.0, '元'), (10000.0, '人'), (1.0, '千瓦'), (1.0, '%'))
    """
    if unit in _MONEY:
        return _MONEY[unit], "元"
    for scale in SCALES:
        if unit.startswith(scale) and not (scale == "千" and unit[1:2] in ("瓦", "米", "克")):
            rest = unit[len(scale):]  # 千瓦, 千米, 千克 are units of their own, not a thousand 瓦
            return _SCALE[scale], rules.UNIT_ALIASES.get(rest, rest)
    return 1.0, rules.UNIT_ALIASES.get(unit, unit)


def comparable(target: Target, figure: Figure) -> float | None:
    """The figure in the target's unit when it answers the target (same kind, same unit), else None.

    >>> from luoshi.accountability.figures import Figure
    >>> t = Target("g1", "2", "城镇新增就业", "quantity", ">=", 110, "万人", "", "", "")
    >>> comparable(t, Figure(1494000, "人", "level", "", "", 0, 0, "year"))
    149.4
    >>> comparable(t, Figure(5.6, "%", "growth", "", "", 0, 0, "year")) is None
    True
    """
    if target.kind == "growth":
        same = figure.kind == "growth" and measure_of(figure.unit) == measure_of(target.unit)
        return figure.value if same else None
    if target.kind == "rate":
        same = figure.kind == "level" and measure_of(figure.unit) == "percent" == measure_of(target.unit)
        return figure.value if same else None
    if target.kind != "quantity" or figure.kind != "level":
        return None
    t_factor, t_base = base_unit(target.unit)
    f_factor, f_base = base_unit(figure.unit)
    if t_base and f_base != t_base and not {t_base, f_base} <= rules.ENTITY_CLASSIFIERS:
        return None
    value = figure.value * f_factor / t_factor
    return int(value) if value == int(value) else round(value, 6)


def ceiling(target: Target) -> bool:
    """A 左右 target read as a ceiling: written so (控制在5.5%左右), or an indicator kept down (失业率)."""
    return bool(rules.CEILING_WORDS.search(target.source_text)) or bool(rules.KEPT_DOWN.search(target.indicator))


def judge(target: Target, actual: float, lower_bound: bool = False) -> tuple[str, str]:
    """(verdict, rule) of an actual figure against a target (both in the target's unit).

    >>> g = Target("g1", "2", "地区生产总值", "growth", "~", 5, "%", "", "", "地区生产总值增长5%左右")
    >>> judge(g, 4.7), judge(g, 3.9)
    (('met', 'about'), ('missed', 'about'))
    >>> u = Target("g2", "2", "城镇调查失业率", "rate", "~", 5.5, "%", "", "", "城镇调查失业率控制在5.5%左右")
    >>> judge(u, 5.0)
    ('met', 'about_ceiling')
    >>> e = Target("g3", "2", "单位生产总值能耗", "growth", "=", -2.5, "%", "", "", "能耗下降2.5%")
    >>> judge(e, -3.1), judge(e, -1.0)
    (('met', 'decrease'), ('missed', 'decrease'))
    """
    value, comparator = target.value, target.comparator
    points = measure_of(target.unit) in ("percent", "points")
    if value < 0 and target.kind == "growth":
        slack = rules.ABOUT_POINTS if comparator == "~" else 0.0
        met, rule = actual <= value + slack, "decrease"
    elif comparator == "<=":
        met, rule = actual <= value, "ceiling"
    elif comparator == "~" and ceiling(target):
        slack = rules.ABOUT_POINTS if points else value * (1 - rules.ABOUT_SHARE)
        met, rule = actual <= value + slack, "about_ceiling"
    elif comparator == "~":
        met = actual >= (value - rules.ABOUT_POINTS if points else value * rules.ABOUT_SHARE)
        rule = "about"
    else:
        met, rule = actual >= value, "floor"
    if not met and lower_bound and rule in ("floor", "about"):
        return "unclear", "bound_below_target"  # 增长5.5%以上 against 6%: the review does not say
    return ("met" if met else "missed"), rule
