"""Units (计量单位): what may follow a number for it to be a target, and with which scale.

A unit is kept "as written" (GUIDELINES.md): 2.2亿元 is value 2.2, unit 亿元; 1.16万棵 is 1.16, 万棵.
So the number regex reads an optional scale (万, 亿 …) and a base unit, and the target carries both.
Cases: ``tests/core/cases/units_cases.json``.

Order hazards: the alternation is built longest-first, so 个百分点 is tried before 个, 人次 before 人,
千瓦时 before 千瓦, 批次 before any shorter unit, 万吨/日 before 万吨.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A base unit (单位) and what kind of thing it measures."""

    text: str
    measure: str  # percent | points | money | count | rank | physical
    why: str


# Scales written between the number and the base unit: 1.2万亿元, 20.6万座, 1300万千瓦.
SCALES: tuple[str, ...] = ("万亿", "千万", "百万", "亿", "万", "千")
# The same as a regex. ORDER HAZARD: 千瓦, 千瓦时 and 千米 start with the scale 千; read as scale + 瓦
# they would leave 时 behind (1000亿千瓦时), so 千 is a scale only when no such unit follows.
SCALE_PATTERN = r"万亿|千万|百万|亿|万|千(?!瓦|米)"

UNITS: tuple[Unit, ...] = (
    # Percentages and points: the growth/rate units.
    Unit("%", "percent", "a share or a change; kinds.py decides which"),
    Unit("％", "percent", "full-width percent sign, reported as %"),
    Unit("‰", "percent", "per mille (出生率, 自然增长率)"),
    Unit("个百分点", "points", "a change in a rate counted in points is growth (提高1个百分点)"),
    Unit("百分点", "points", "the same without 个"),
    # Money: the scorer knows 元/万元/亿元 are one quantity in different units.
    Unit("元", "money", "yuan, with its scale: 万元, 亿元, 万亿元"),
    Unit("美元", "money", "foreign trade and investment (进出口总额突破30亿美元)"),
    # Ranks.
    Unit("强", "rank", "突破400强: a position in a ranking"),
    # Counting classifiers (量词): also the only units a Chinese numeral may carry (十项, 五件).
    Unit("个", "count", "the general classifier"),
    Unit("家", "count", "enterprises, institutions"),
    Unit("项", "count", "projects, items, tasks"),
    Unit("件", "count", "things, patents, 民生实事"),
    Unit("所", "count", "schools, hospitals"),
    Unit("座", "count", "bridges, toilets, reservoirs"),
    Unit("条", "count", "roads, lines"),
    Unit("名", "count", "people"),
    Unit("人次", "count", "person-times (培训5万人次)"),
    Unit("辆次", "count", "vehicle trips (日均车流量8万辆次)"),
    Unit("架次", "count", "flights"),
    Unit("艘次", "count", "ship calls"),
    Unit("班次", "count", "services"),
    Unit("列", "count", "train runs (中欧班列开行超800列)"),
    Unit("人", "count", "people (新增就业110万人)"),
    Unit("户", "count", "households"),
    Unit("套", "count", "dwellings"),
    Unit("宗", "count", "works (40宗堤防)"),
    Unit("支", "count", "teams"),
    Unit("类", "count", "categories (8类以上重点商品)"),
    Unit("批次", "count", "inspection batches (抽检超4万批次)"),
    Unit("场次", "count", "events"),
    Unit("场", "count", "events"),
    Unit("次", "count", "times"),
    Unit("起", "count", "incidents (事故起数控制在20起)"),
    Unit("张", "count", "beds"),
    Unit("处", "count", "sites"),
    Unit("间", "count", "rooms"),
    Unit("台", "count", "machines"),
    Unit("辆", "count", "vehicles"),
    Unit("艘", "count", "ships"),
    Unit("架", "count", "aircraft"),
    Unit("棵", "count", "trees"),
    Unit("株", "count", "trees, plants"),
    Unit("只", "count", "animals"),
    Unit("头", "count", "livestock"),
    Unit("位", "count", "people; rank only after 前 (前10位)"),
    Unit("倍", "count", "a multiple (不低于最低生活保障标准的1.6倍)"),
    Unit("村", "count", "villages"),
    Unit("镇", "count", "towns"),
    Unit("片", "count", "areas"),
    Unit("块", "count", "plots"),
    Unit("册", "count", "books"),
    Unit("篇", "count", "papers"),
    Unit("款", "count", "products"),
    Unit("例", "count", "cases"),
    # Physical quantities, compound forms first (万吨/日 before 万吨).
    Unit("吨/日", "physical", "treatment capacity (污水处理能力30万吨/日)"),
    Unit("立方米/秒", "physical", "drainage capacity"),
    Unit("微克每立方米", "physical", "PM2.5 concentration"),
    Unit("微克/立方米", "physical", "PM2.5 concentration"),
    Unit("平方公里", "physical", "area"),
    Unit("平方米", "physical", "area"),
    Unit("立方米", "physical", "volume (压减地下水开采量1.57亿立方米)"),
    Unit("公顷", "physical", "area"),
    Unit("亩", "physical", "area (万亩)"),
    Unit("公里", "physical", "length"),
    Unit("千米", "physical", "length"),
    Unit("米", "physical", "length"),
    Unit("吨", "physical", "mass (万吨)"),
    Unit("斤", "physical", "grain (亿斤)"),
    Unit("公斤", "physical", "yield per mu (亩产提高到600公斤)"),
    Unit("千克", "physical", "mass"),
    Unit("兆瓦", "physical", "capacity"),
    Unit("延米", "physical", "length of pipes and walls"),
    Unit("㎡", "physical", "area, as a symbol"),
    Unit("千瓦时", "physical", "energy (亿千瓦时)"),
    Unit("千瓦", "physical", "capacity (万千瓦)"),
    Unit("瓦", "physical", "capacity"),
    Unit("方", "physical", "cubic metres of gas (370亿方)"),
    Unit("标箱", "physical", "containers"),
    Unit("标准箱", "physical", "containers"),
    Unit("床", "count", "beds"),
    Unit("羽", "count", "poultry"),
    Unit("盏", "count", "street lamps"),
    Unit("口", "count", "wells (机井20口)"),
    Unit("眼", "count", "wells"),
    Unit("组", "count", "groups, sets"),
    Unit("根", "count", "poles"),
    Unit("期", "count", "sessions after digits (培训20期); 二期 in words is a phase (nontargets.py)"),
    Unit("批", "count", "batches after digits; 一批 in words is vague (nontargets.py)"),
    Unit("轮", "count", "rounds after digits (督查3轮); 第二轮 in words is an ordinal"),
    Unit("届", "count", "editions after digits; 二十届 in words is a congress"),
    Unit("栋", "count", "buildings"),
    Unit("幢", "count", "buildings"),
    Unit("个工作日", "count", "a time limit counted in working days (压缩至3个工作日)"),
    Unit("工作日", "count", "a time limit counted in working days"),
)

# Chinese numerals carry only counting classifiers; 方 (千方百计), 年 (三年行动) never.
CN_CLASSIFIERS: tuple[str, ...] = ("个", "项", "件", "家", "所", "座", "条", "名", "支", "张", "宗", "类", "户", "处")

_BY_TEXT = {u.text: u for u in UNITS}


def unit_alternation(extra: tuple[str, ...] = ()) -> str:
    """The regex alternation of every base unit, longest first (the order hazard of this table); scales apart.

    ``extra`` adds units that are read only to be ruled out (年, 个月, 批): sorted in with the rest,
    so 个月 beats 个 and 批次 beats 批.
    """
    bases = sorted({*_BY_TEXT, *extra}, key=lambda b: (-len(b), b))  # the same text in every run
    return "|".join(re.escape(b) for b in bases)


def measure_of(unit: str) -> str:
    """What a written unit measures: percent, points, money, count, rank, physical, or 'bare' for 万/亿 alone.

    >>> measure_of("亿元"), measure_of("万亩"), measure_of("个百分点")
    ('money', 'physical', 'points')
    >>> measure_of("万")
    'bare'
    """
    base = unit
    for scale in SCALES:
        if base.startswith(scale) and base[len(scale):] in _BY_TEXT:
            base = base[len(scale):]
            break
    if base in _BY_TEXT:
        return _BY_TEXT[base].measure
    return "bare"


def clean_unit(unit: str) -> str:
    """The unit as the plan writes it: full-width ％ becomes %.

    >>> clean_unit("％")
    '%'
    """
    return unit.replace("％", "%")
