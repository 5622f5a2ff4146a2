"""Kinds (指标类型): growth, rate, rank or quantity, from the unit and the words before the number.

GUIDELINES.md: ``growth`` is a % change (增长11%, 增速6%, 下降2.5% → -2.5) or a change in points
(提高1个百分点); ``rate`` a % or ‰ level that is not a change (覆盖率达到95%, 提高到65%);
``rank`` a position (突破400强, 进入前100); ``quantity`` everything else, including an absolute cut
(压减地下水开采量1.57亿立方米 is +1.57). Cases: ``tests/core/cases/kinds_cases.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi import rx


@dataclass(frozen=True)
class KindCue:
    """A named cue word for a kind (类型规则)."""

    name: str
    pattern: str
    why: str


# Matched at the end of the text before the number, once comparator words are stripped.
# ORDER HAZARD: 提高到 (a level) ends in 到, and must be tried before 提高 (a change).
LEVEL_CUE = KindCue(
    "level_to", r"(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|压缩|缩短|降|增|减)(?:到|至)\Z",
    "提高到65%: the level reached, so a rate, not a change",
)
GROWTH_CUE = KindCue(
    "growth_word",
    r"(?:增长率?|增速|增幅|涨幅|上涨|提高|提升|增加|上升|下降|降低|减少|回落|降幅|压减|削减|压缩|缩短|减)\Z",
    "增长5%, 增速6%, 涨幅2%, 下降2.5%: a change",
)
GROWTH_AFTER_CUE = KindCue(
    "growth_after", r"的?(?:增长|增幅|增速)",
    "实现6%的增长: the change named after the number",
)
DECREASE_CUE = KindCue(
    "decrease", r"(?:下降|降低|减少|回落|降幅|压减|削减|压缩|缩短|减)\Z",
    "下降2.5% is growth -2.5; 下降3%以上 is -3 with >= (the size of the cut)",
)
RANK_BEFORE_CUE = KindCue("rank_before", r"前\Z", "进入前100, 前10位: a position")
# Matched on the whole clause before the number: nothing but firmness and comparator words.
GOES_ON_CUE = KindCue(
    "goes_on", r"^(?:力争|确保|争取|努力|最好|甚至)+(?:实现|达到|达|超过|超|突破)?\Z",
    "增长5.5%以上，力争6%: a second figure for the same indicator, read like the first",
)

KIND_CUES: tuple[KindCue, ...] = (LEVEL_CUE, GROWTH_CUE, GROWTH_AFTER_CUE, DECREASE_CUE, RANK_BEFORE_CUE, GOES_ON_CUE)
GOES_ON = rx.compile(GOES_ON_CUE.pattern)
# A position with no unit after it (进入全国百强县前50): a ranking verb, then 前, then the number.
RANK_POSITION = rx.compile(r"(?:进入|跻身|保持|位居|稳居|迈入|挺进|冲刺|位列|排名|排在|居|列)[^，；。]{0,12}前\Z")

_LEVEL = rx.compile(LEVEL_CUE.pattern)
_GROWTH = rx.compile(GROWTH_CUE.pattern)
_GROWTH_AFTER = rx.compile(GROWTH_AFTER_CUE.pattern)
_DECREASE = rx.compile(DECREASE_CUE.pattern)
_RANK_BEFORE = rx.compile(RANK_BEFORE_CUE.pattern)
# Words between the change word and the number that do not change its meaning: 增速均达到,
# 分别增长, 增长了, 涨幅控制在 (comparator words are stripped by the caller first).
_FILLER = rx.compile(r"(?:均|分别|都|要|将|了|约|为|在|实现|保持|达到|达|超过|超|控制在|稳定在)+\Z")


def kind_of(before: str, after: str, measure: str) -> tuple[str, bool, str]:
    """(kind, is a decrease, rule name) for a number whose unit measures ``measure`` (units.measure_of).

    >>> kind_of("地区生产总值增长", "左右", "percent")
    ('growth', False, 'growth_word')
    >>> kind_of("单位地区生产总值能耗下降", "", "percent")
    ('growth', True, 'decrease')
    >>> kind_of("城乡社区规范健康管理服务率提高到", "", "percent")
    ('rate', False, 'level_to')
    """
    if measure == "rank" or (_RANK_BEFORE.search(before) and measure in ("rank", "count", "bare")):
        return "rank", False, "rank_before" if measure != "rank" else "rank_unit"
    stem = _FILLER.sub("", before)
    if measure == "points":
        return "growth", bool(_DECREASE.search(stem)), "points"
    if measure != "percent":
        return "quantity", False, "quantity_unit"
    if _LEVEL.search(stem):
        return "rate", False, LEVEL_CUE.name
    if _DECREASE.search(stem):
        return "growth", True, DECREASE_CUE.name
    if _GROWTH.search(stem):
        return "growth", False, GROWTH_CUE.name
    if _GROWTH_AFTER.match(after):
        return "growth", False, GROWTH_AFTER_CUE.name
    return "rate", False, "percent_level"
