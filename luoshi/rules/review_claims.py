"""Claims in the review (回顾中的表述): how the words of next year's review part are read, as commented data.

``luoshi.accountability`` (``review_part``, ``figures``, ``claims``) reads these tables; the matching of
indicators and the verdicts are in ``luoshi.rules.accountability``. The cases that pin both down are
``tests/core/cases/accountability_cases.json``. What is here:

- ``PERIOD_CUES``: whether a sentence speaks of the plan year or of the five-year period;
- ``NOT_THIS_YEAR``: cues that a figure is no outcome of the plan year (累计, 年均, 近3年 …);
- the shape of a figure's clause: its kind (增长, 下降, 达到), its subject, a list of values, the noun
  after a count, a count made of listed names.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi import rx


@dataclass(frozen=True)
class PeriodCue:
    """A named cue that the review speaks of the plan year or of the whole five-year period (时段)."""

    name: str
    pattern: str
    period: str  # "year" | "five_years"
    why: str


# Read on each sentence of the review in turn; the last cue met holds until the next (a paragraph
# headed 这是…的五年 goes on with that period's results). A section's title is read the same way.
PERIOD_CUES: tuple[PeriodCue, ...] = (
    PeriodCue("five_years", r"(?:过去|这|近|经过)五年|五年来|五年间|的五年|[“\"]?十四五[”\"]?(?:时期|期间|以来)",
              "five_years", "过去五年, 这五年, 五年来, “十四五”时期: results of the whole period"),
    PeriodCue("one_year", r"一年来|过去一年|过去的一年|这一年|刚刚过去的(?:一年|{year}年)"
              r"|^(?:各位代表[！!]?)?(?:{year}年|去年)[，,是]",
              "year", "一年来, 过去一年, 刚刚过去的2025年, 去年，…: results of the plan year"),
)


@dataclass(frozen=True)
class FigureCue:
    """A named cue around a figure of the review (数字的语境): what kind of figure it is."""

    name: str
    pattern: str
    why: str


# Written before a figure (matched on its clause up to it): it is no outcome of the plan year. A figure
# of another span (``other_period``) takes its clause with it: 累计完成林分优化1105万亩 says nothing of
# the year, not even that 林分优化 was mentioned. The others only rule the number out (居全国第9位).
NOT_THIS_YEAR: tuple[FigureCue, ...] = (
    FigureCue("cumulative", r"累计|总计|合计", "累计完成林分优化1105万亩: a total over years"),
    FigureCue("yearly_average", r"年均(?!浓度)|年平均增长|平均每年",
              "年均增长6.5%: an average over the period (not 年均浓度, the year's mean concentration)"),
    FigureCue("several_years", r"(?:近|连续)[0-9一二三四五六七八九十]+年|五年|[“\"]?十四五[”\"]?(?:期间|时期|以来)",
              "近3年年均增速, 五年增长30.8%: another span than the year"),
    FigureCue("versus_last_year", r"(?:比|较)(?:上年|去年|上一年)(?:增加|多|减少|少|提高|下降)$",
              "比上年增加36个: the change of a count, not the count"),
    FigureCue("versus_nation", r"(?:高于|低于|快于|慢于|超过|比)全国(?:平均水平)?(?:增速)?$|占全国|全国的?$",
              "高于全国12.4个百分点, 占全国24.1%: a comparison with the nation"),
    FigureCue("ordinal", r"第$", "居全国第12位: a position, not an amount"),
)
OTHER_PERIOD = frozenset({"cumulative", "yearly_average", "several_years", "five_years_flow"})
# In the five-year part only levels reached by its end count (覆盖率达90.5%, 从1795亿元增加到5260亿元,
# 稳定在760亿斤以上); a flow or a growth there (完成营造林3195万亩, 增长5.1倍) is the period's.
LEVEL_BEFORE = rx.compile(
    r"(?:达到|达|提高到|提高至|提升到|提升至|增至|增加到|增长到|上升到|升至|跃升至|降至|降到|下降到|缩小至|缩小到"
    r"|稳定在|保持在|稳居|突破|超过|跨过|跨上|迈上|为|是)(?:了)?$"
)
# A magnitude in words (万亿级, 千亿级) states a level that no target value can be compared with.
MAGNITUDE_WORD = rx.compile(r"(?:成长为|成为|迈上|跨上|达到|突破|形成)?(?:万亿|千亿|百亿|十亿)级")
# The growth a figure measures (增长5.6%, 下降6.8%): its kind is growth, negative after a decrease word.
GROWTH_BEFORE = rx.compile(r"(?:增长|增速|增幅|增加|提高|提升|上涨|涨幅|上升|改善)(?:了)?$")
DECREASE_BEFORE = rx.compile(r"(?:下降|降低|减少|回落|降幅)(?:了)?$")
# 增长1倍 is growth of 100 %.
TIMES_UNIT = "倍"
# 从1795亿元增加到5260亿元, 从2020年的3.68万亿元增长到2025年的4.93万亿元: the first figure is where
# it started, the second the level reached.
BASELINE_FROM = rx.compile(r"(?:从|由)(?:20[0-9]{2}年(?:底|末)?的?)?$")
LEVEL_TO = rx.compile(r"(?:到|至)(?:20[0-9]{2}年(?:底|末)?的?)?$")
# Listed figures (工业、制造业投资分别增长9.4%、13.3%): the i-th value is the i-th item's.
RESPECTIVELY = "分别"
# A figure reached as a total (概念验证中心达到69家, 增至22家) is a stock, not what was added.
STOCK_WORDS = rx.compile(r"(?:达到|达|增至|增加到|总数|总量|累计)$")

# Names listed before what they became (延安苹果、汉中中药材入选国家级优势特色产业集群; 陈仓、洋县园区…):
# with no number written, the number of names is the count (counted_list).
LISTED_NAMES = rx.compile(
    r"^(?P<names>(?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?(?:和[\u4e00-\u9fff]{2,8}?)?)"
    r"(?:入选|获批|成为|被评为|被命名为|获评|列入|晋级|晋升为)?$"
)  # only names joined by 、 (五环内和城市副中心 is no list); a first name opening with an action is no name

# --- the shape of a claim's clause ----------------------------------------------------------

# Clauses end at these marks, full-width or not (the normaliser may restore either).
CLAUSE_MARK = rx.compile(r"[，,；;：:。！？!?]")
# What separates the items of a list (not the 及 of 普及 or 以及, the 与 of 参与, the 和 of 和美, 平和).
LIST_SEPARATOR = rx.compile(r"、|(?<![平调缓温祥])和(?![美谐])|(?<![普涉波以危触])及(?!以[上下])|(?<![参给])与")
# What joins two values of one list (98％、85％; 4.3%和7.1%).
LIST_JOIN = "、和及与"
# Written right after a figure: it qualifies the figure (5.5%以上, 4.1%左右, 2100多条).
AFTER_FIGURE = rx.compile(r"^(?:及?以上|左右|以内|以下|上下|多|余)")
# The figure is a lower bound (超过85%, 5.5%以上): at least what is written.
LOWER_BOUND_AFTER = rx.compile(r"^(?:及?以上|多|余)")
LOWER_BOUND_BEFORE = rx.compile(r"(?:超过|超|突破|逾|高于)$")
# Where the noun after a count ends (完成1679个行政村生活污水和199个…; 3.68万亿元增长到…: no noun).
NOUN_END = rx.compile(r"[，,；;。：:、！？0-9]|和(?=[0-9一二三四五六七八九十])|及(?=[0-9])|等|并|同时|分别"
                      r"|增长|下降|提高|提升|达到|达|增至|增加|占|居|超过|突破|比|较|从|由|到")
# Words between a subject and its figure that do not change it (增长了, 分别增长, 平均值为).
FILLER = rx.compile(r"(?:了|均|分别|都|约|为|在|达到|达|实现|保持|近|超过|超|突破|逾)+$")
# A clause that opens with one of these has no subject of its own: it goes on from the clause before
# (…创历史新高，达到5379亿元、增长18.5%).
SUBJECTLESS = rx.compile(r"^(?:达到|达|增长|下降|增速|实现|突破|超过|同比|比上年|较上年|为|是|均|分别|总量|总额)")
# The words that end a subject before its values (…普及率超过, …收入分别增长): what the list items share.
SUBJECT_END = rx.compile(r"(?:了|均|分别|都|约|为|在|达到|达|实现|保持|近|超过|超|突破|逾|增长|增速|增幅|提高|提升"
                         r"|上涨|涨幅|上升|下降|降低|减少|提高到|提升至|提升到|增至)+$")
# Characters of words before a figure that may name it (the longest subject in the corpus is ~40).
MAX_CONTEXT = 80
# A short indicator (产量, 学位, 造林) must stand by its figure: right before it, within two characters
# (造林种草103.3万亩), with only these words between (粮食产量达到…), or be the noun after it (4条高速公路).
NEAR_FIGURE = r"[\u4e00-\u9fff]{0,2}(?:超过|达到|突破|增长|为|达|超|近|约|了|总量|总数)*$"
# A measure passing a bar (园区产值超过100亿元, 营收突破千亿): for a count of things past a threshold.
PAST_BAR = rx.compile(r"(?P<measure>[\u4e00-\u9fff]{2,6})(?:超过|突破|过|超|达到|达)(?P<amount>[0-9.]+|[十百千万亿]+)"
                      r"(?P<unit>万亿元|亿元|万元|元|亿|万)?")
# Characters before an indicator's words where its scope word stands (新增基础教育公办学位).
SCOPE_REACH = 8
# A list item this short only qualifies the head the items share (城镇 of 城镇和农村居民人均可支配收入).
QUALIFIER = 4
