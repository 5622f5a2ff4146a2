"""Promises kept (兑现): how next year's review is read against this year's targets, as commented data.

``luoshi.accountability`` reads these tables (how the review's own words are read is in
``luoshi.rules.review_claims``); ``../shared/eval/ACCOUNTABILITY.md`` is the contract and
``tests/core/cases/accountability_cases.json`` pins every named rule down (with cases that must match
nothing). What is here:

- ``SYNONYMS``: the same indicator written two ways (规上 ↔ 规模以上, 地区生产总值 ↔ 全省生产总值);
  applied alike to a target's indicator and to the review's words before they are compared;
- what of a target's indicator is looked for (``SCOPE_PREFIX``, ``ACTION_PREFIX``, ``GENERIC_SUFFIX`` …)
  and how much of it must be found (``MIN_COVERAGE``);
- ``SCOPES``: qualifiers that make a different population of the same indicator (城镇居民 is not
  居民, 义务教育 is not 基础教育): a claim with another scope is ``unclear``, like a part of the whole;
- the comparison: ``COMPLETION``, ``KEPT_DOWN`` and the tolerances of ACCOUNTABILITY.md (左右: 0.3
  points for rates, 95 % for quantities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx


@dataclass(frozen=True)
class Rewrite:
    """A named rewrite (同义改写): ``pattern`` becomes ``canonical`` on both sides before comparing."""

    name: str
    pattern: str
    canonical: str
    why: str


# Applied in order to the indicator and to the review's words (quotes and spaces already gone).
# ORDER HAZARD: 地区生产总值 before the bare GDP rewrite; 总产量 before 总产.
SYNONYMS: tuple[Rewrite, ...] = (
    Rewrite("above_scale", r"规上", "规模以上", "规上工业增加值 is 规模以上工业增加值"),
    Rewrite("gdp", r"GDP|地区生产总值|经济总量(?=增长)", "生产总值",
            "全省生产总值, 地区生产总值, GDP: one indicator (the scope word 全省 is dropped with the others)"),
    Rewrite("gdp_energy", r"万元生产总值能耗", "单位生产总值能耗", "万元GDP能耗 is 单位GDP能耗"),
    Rewrite("total_output", r"总产量|总产(?![值业])", "产量", "粮食总产, 粮食总产量 and 粮食产量 are one figure"),
    Rewrite("coal", r"原煤", "煤炭", "原煤产量 is 煤炭产量"),
    Rewrite("toilets", r"户用卫生厕所", "卫生户厕", "农村户用卫生厕所普及率 is 卫生户厕普及率"),
    Rewrite("afforestation", r"营造林", "造林", "营造林 (造林 and 营林) is reported as 造林"),
    Rewrite("cpi", r"居民消费价格指数|CPI", "居民消费价格", "居民消费价格指数涨幅 is 居民消费价格涨幅"),
    Rewrite("rnd", r"研究与试验发展|研发经费", "研发", "研发经费投入, 研究与试验发展经费投入: 研发投入"),
    Rewrite("trade", r"(?:外贸|货物)?进出口总[值额]|外贸进出口", "进出口总额", "进出口总值 is 进出口总额"),
    Rewrite("retail", r"社会消费品零售额|社零总额", "社会消费品零售总额", "one indicator, two spellings"),
    Rewrite("resident", r"常住居民|全体居民", "居民", "城镇常住居民 is 城镇居民; 全体居民 is 居民"),
    Rewrite("new_jobs", r"新增城镇就业", "城镇新增就业", "word order only"),
    Rewrite("coverage", r"覆盖人口比例", "覆盖率", "供水工程覆盖人口比例 is 供水工程覆盖率"),
    Rewrite("share", r"(?<=优良)比例|比率", "率", "水质优良比例 is 水质优良率; 优良天数比率 is 优良天数率"),
    Rewrite("pm25", r"细颗粒物|PM2\.5", "PM25", "细颗粒物 is PM2.5 (the point would break the words apart)"),
    Rewrite("mean_level", r"(?:年)?平均(?=浓度)|年均(?=浓度)", "", "PM2.5平均浓度, 年平均浓度: the concentration"),
    Rewrite("per_10k", r"每万人口", "每万人", "每万人口 and 每万人: one denominator"),
    Rewrite("industry_growth", r"工业(?=增长|增速|增幅)", "工业增加值",
            "能源工业增长8%, 规上工业增长7%: an industry's growth is the growth of its value added"),
)

# Words that open an indicator without naming what is measured: the area it covers, the plan year.
# 城市 too (城市绿道 is reported as 绿道); 城镇 and 农村 are scopes (``SCOPES``), never dropped. Read again after an
# action (建成城市绿道).
SCOPE_PREFIX = rx.compile(r"^(?:全省|全市|全区|全县|全州|全镇|全乡|全社会|我省|我市|我区|我县|地方|今年|全年|年内"
                          r"|城市)+")

# Actions that open an indicator (新增成果转化企业, 创建省级特色高中): what must be found is the noun
# after them. A target with one of them counts what is added in the year (a flow), see FLOW_TARGET.
ACTION_WORDS = (
    r"""(?:新增|新建|新开工|开工建设|新改扩建|改扩建|新培育|新认定|新引进|创建|争创|培育|建设|建成|完成|实施|推进
      |推动|开展|组织开展|改造|升级改造|升级建设|打造|引进|办好|安排|布局建设|分类推进|高质量建设|加快|力争|确保
      |新增解决|解决|修复|压减|净增|募集|开发储备|吸引|聘请|支持|提升改造|提升|升级拓展|靶向攻关|攻关|增加|治理
      |整治提升|整治|新开通|开通|新设|设立|组建|新组建|举办|新布局|布局|认定|评定|招引|建立|新入库|入库)"""
)
ACTION_PREFIX = rx.compile(rf"^{ACTION_WORDS}+", re.VERBOSE)
# The same words closing the words before a short indicator (落地项目完成 投资): the action is not a subject.
ACTION_END = rx.compile(rf"{ACTION_WORDS}+$", re.VERBOSE)
# Words that close an indicator without naming it (…建设, …任务, …规模, …提升): 分类推进重点小城镇建设 is
# about 小城镇, 高端装备产业规模 about 高端装备产业, 林分优化提升 about 林分优化.
# A count word does the same (城镇新增就业人数 is about 城镇新增就业, 企业数量 about 企业).
GENERIC_SUFFIX = rx.compile(r"(?:建设|任务|工作|工程建设|规模|总量|提升|人数|数量|总数)+$")
# Words of the work done on a thing that close an indicator (老旧小区综合整治, 农村危房改造): what is counted is
# the thing, whatever the review calls the work (老旧小区改造). Dropped only when four characters or more remain.
WORK_SUFFIX = rx.compile(r"(?:综合整治|整治提升|更新改造|改造提升|提升改造|改造|整治|治理)$")


@dataclass(frozen=True)
class Stage:
    """A stage of a building work (开工, 完工): a count of one stage does not answer a target on another."""

    name: str
    words: str  # a regex
    why: str


STAGES: tuple[Stage, ...] = (
    Stage("started", r"新开工|开工建设|开工", "老旧小区综合整治新开工300个 is answered by 开工742个, not by 完工548个"),
    Stage("finished", r"完工|竣工|建成投用|建成", "…完工200个 is answered by 完工548个, not by 开工742个"),
)
# An indicator of two tasks joined by 、 whose last has an action of its own (推进核心区平房整院落退租、完成申请式
# 退租2000户): the figure is the last task's.
TASK_JOIN = "、"
# The items of a listed indicator (煤炭、原油、天然气产量 with 7.8亿吨、2470万吨、350亿方): one target each.
LISTED_INDICATOR = rx.compile(r"、")
# Where the target sends people (吸引超2万名高校毕业生等青年到粤东粤西粤北地区稳定就业): a claim must name the place
# (…在粤就业创业 does not answer it).
DESTINATION = rx.compile(r"到(?P<place>[\u4e00-\u9fff]{2,12}?)(?:地区|基层|农村|乡村|一线)?(?:稳定)?"
                         r"(?:就业|工作|创业|服务)")


@dataclass(frozen=True)
class Related:
    """Wordings of the same field that are not the same indicator (相关表述): a figure so worded is ``unclear``."""

    name: str
    target: str  # a regex on the target's canonical noun
    claim: str  # a regex on the figure's own canonical words
    why: str


RELATED: tuple[Related, ...] = (
    Related("core_technology", r"关键核心技术|核心技术|关键技术", r"技术难题|技术攻关|关键技术|核心技术",
            "靶向攻关100项关键核心技术 against 突破重点产业链技术难题761项: the same field, maybe not the programme"),
    Related("county_economy", r"县域(?:工业|产业|规模以上工业)?(?:产值|增加值)", r"县域经济",
            "县域工业产值增长6% against 县域经济增长5.5%以上: the county economy, not its industry"),
)

# A count written with examples before it (西延高铁、麟法等3条高速): what is counted is the noun after the
# number, the names before 等 are examples. {unit} is the target's unit.
COUNTED_AFTER_EXAMPLES = (r"等(?:[0-9.]+|[一二两三四五六七八九十百千]+){unit}(?:及?以上|左右)?"
                          r"(?P<noun>[\u4e00-\u9fff]{{2,12}})")
# A count of things past a threshold (培育新增工业产值过百亿的园区2个): the head noun (园区) is what is
# counted, the measure (产值) and the amount (百亿) what each must pass.
THRESHOLD = rx.compile(
    r"(?P<measure>[\u4e00-\u9fff]{2,6}?)(?:超过|突破|过|超|达到|达)(?P<amount>[0-9.]+|[十百千万亿]+)(?P<unit>万亿元|亿元|万元|元|亿|万)?"
    r"(?:以上)?的?(?P<head>[\u4e00-\u9fff]{2,6})$"
)
# Words that close the indicator of a growth target by naming the change (居民消费价格涨幅, 工业投资增速):
# what changed is what the review names; that it is a change is the figure's kind (上涨0.2%, 下降0.1%).
CHANGE_SUFFIX = rx.compile(r"(?:涨幅|增速|增幅|增长率|增长)$")
# A flow target (新增, 新建, 建成 …) is not met by a stock (概念验证中心达到69家, see
# ``review_claims.STOCK_WORDS``): the claim's figure is then ``unclear``.
FLOW_TARGET = rx.compile(r"^(?:新增|新建|新开工|新培育|新认定|新引进|新改扩建|净增|增加|新开通|新设|新组建|新布局)")

# Below this many characters an indicator is too vague to be found by its words alone (队伍, 产量): it
# matches only a figure in the same unit, never a bare mention.
SHORT_KEY = 4
# Words of an indicator missing between two runs found, with as many other words in their place
# (国家级优势特色产业集群 against 国家级中小企业特色产业集群), make another kind of the thing.
SUBSTITUTED = 2
# A list item of the review names an indicator by more than the head noun all items share (天然气产量 does not
# name 原油产量): it must hold this many characters of it twice over (the head and one run more).
ITEM_RUN = 2
# How much of an indicator's words (after SYNONYMS, SCOPE_PREFIX and ACTION_PREFIX) the review's words
# must cover, in runs of two characters or more, its last two (the head noun: …增加值, …覆盖率) included.
MIN_COVERAGE = 0.8


@dataclass(frozen=True)
class Scope:
    """A group of scope words (口径): an indicator under one of them is not the same under another."""

    name: str
    words: tuple[str, ...]  # each a regex; the first that matches names the scope
    bare: str | None  # the scope of the head noun written without any of them (居民 → all residents)
    head: str  # the noun they qualify
    why: str


SCOPES: tuple[Scope, ...] = (
    Scope("residents", (r"城镇居民", r"农村居民", r"城乡居民"), "居民", "居民",
          "城镇居民人均可支配收入 is not 居民人均可支配收入 (all residents): unclear"),
    Scope("schooling", (r"义务教育", r"基础教育", r"学前教育", r"高中"), None, "学位",
          "新增义务教育学位 is not 新增基础教育公办学位 (pre-school and senior high included): unclear"),
)
# A target on 城乡居民 with two values (城乡居民人均可支配收入分别增长5%、6%) is 城镇 then 农村.
URBAN_RURAL = ("城镇居民", "农村居民")

# Words right before an indicator's words that make it another indicator: 人均生产总值 and
# 单位生产总值能耗 are not 生产总值.
OTHER_INDICATOR_BEFORE = rx.compile(r"(?:人均|单位|每万人|每千人|万元|占|带动)$")
# Words right after them that do the same: 生产总值能耗, 进出口总额占比, 投资比重.
OTHER_INDICATOR_AFTER = rx.compile(r"^(?:能耗|比重|占比|占|结构|贡献率|密度|强度|排名|总量的)")
# A named programme right before the indicator is a part of the whole (“三北”工程造林种草 is not all
# afforestation), and so is a figure after 其中 (其中沿边临港产业园区工业投资增长38%): ``unclear``.
# Matched on the figure's own words before it, quotes kept.
PART_OF_WHOLE = rx.compile(
    r"“[^”]{1,10}”(?:工程|行动|计划)|[0-9一二三四五六七八九十]+个?(?:县区|市|县|区)(?![场域级长])|^其中"
)
# 其中 makes a part only when words stand between it and the indicator (其中规模工业增加值增长6.2% is the indicator).
SUBSET_MARK = rx.compile(r"^其中")
# A name in quotes inside the claim's words that the target does not carry is a kind of it
# (专精特新“小巨人”企业 are some 专精特新企业): unclear.
QUOTED_KIND = rx.compile(r"“([^”]{1,10})”")


# An explicit statement that the indicator's target was met (完成年度目标, 超额完成): ``met``.
COMPLETION = rx.compile(r"全面完成|圆满完成|超额完成|顺利完成|完成年度目标|完成全年目标|实现年度目标|提前完成")

# Indicators kept down by nature: a 左右 target on them is a ceiling (城镇调查失业率5.5%左右 is met by
# 5.0%). The consumer price rise is not among them: ACCOUNTABILITY.md reads CPI 2%左右 as written.
KEPT_DOWN = rx.compile(r"失业率|能耗|浓度|排放|事故|死亡")
# Words before a target's number that make 左右 a ceiling (控制在5.5%左右).
CEILING_WORDS = rx.compile(r"控制在|控制|不超过|不高于|以内")

# ACCOUNTABILITY.md: 左右 is met within 0.3 points for rates and growth, 95 % of the value for quantities.
ABOUT_POINTS = 0.3
ABOUT_SHARE = 0.95

# Units written two ways for one thing (万名 and 万人 count people alike): compared as the same unit.
UNIT_ALIASES: dict[str, str] = {"名": "人", "千米": "公里", "立方米": "方", "微克/立方米": "微克每立方米"}
# Classifiers that count entities alike (绿色工厂40个 against 绿色工厂39户, 数字化车间56家): one unit.
ENTITY_CLASSIFIERS = frozenset({"个", "家", "户", "所", "座", "处", "项", "件", "宗"})
