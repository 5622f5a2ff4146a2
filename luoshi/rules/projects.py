"""Project name patterns (重点项目名称规则): how a report names the projects, enterprises, facilities and
roads it commits to act on.

Names are found by their shape, never from a list of known names: a head noun at the end
(``SUFFIX_RULES``: …产业园, …污水处理厂, …路), a list of names closed by a category
(``LIST_RULES``: 雅固卫浴、顶尖管业等重点项目), or an enterprise in a verb frame
(``FRAME_RULES``: 支持依利安达申报…). A candidate is then checked against ``REJECT_RULES``: types
and kinds of work are not names (国家级绿色工厂, 技术改造项目, 22个重点项目, “两平台三中心”).

Each rule is named and says why; cases live in ``tests/core/cases/projects_cases.json``.
Order hazards are noted beside the patterns: longer head nouns come first (有限公司 before 公司,
产业园 before 园), and a road's 路 must not be the 路 of 道路/线路/思路.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx
from luoshi.rules.actions import MODIFIERS, VERB_RULES
from luoshi.rules.project_types import is_type_name
from luoshi.rules.words import word_alternation


@dataclass(frozen=True)
class ProjectRule:
    """A named pattern for project names (项目名称规则): kind of thing found, verbose regex, why."""

    name: str
    kind: str  # project | enterprise | facility | road; for reject rules "" (all names) or "list" (list items)
    pattern: str
    why: str


# Head nouns that end a name; the kind says what the name is. Longest first inside each rule.
SUFFIX_RULES: tuple[ProjectRule, ...] = (
    ProjectRule("enterprise_suffix", "enterprise",
                r"股份有限公司|有限责任公司|有限公司|集团公司|公司|集团",
                "a registered company name ends in 公司/集团"),
    ProjectRule("project_suffix", "project",
                r"项目|工程",
                "“…项目”, “…工程” is how plans name an investment project"),
    ProjectRule("park_suffix", "facility",
                r"""产业园|科技园|工业园|物流园|园区|基地|开发区|高新区|经开区|集中区|示范区|合作区|平台""",
                "industrial parks, bases and zones: the places where projects land"),
    ProjectRule("facility_suffix", "facility",
                r"""污水处理厂|处理厂|水厂|电厂|工厂|电站|基站|服务站|充电桩|停车场|综合体|大楼|医院|公园|卫生院|院区|
                    颐养院|敬老院|学校|中学|小学|幼儿园|大学城|大学|学院|实验室|中心|展览馆|图书馆|博物馆|体育馆|
                    文化馆|纪念馆|故居|旧址|广场|大世界|世界(?!级|城|一流|领先|先进|前列|主要|知名|顶尖|水平|各地|旅游|文化|遗产|[0-9])|码头|港区|
                    铁路港|陆港|空港|机场|水库|灌区|枢纽|大学城|厂""",
                "buildings and plants: built, opened or run by a named owner"),
    ProjectRule("road_suffix", "road",
                r"""高速公路|公路|大道|大街|快速路|铁路|高铁|城际|大桥|隧道|航道|
                    (?<![线道思网电出门套水老销之新财活后能])路(?![网径线口段灯况演面费子])
                    # 西园路, not 道路 / 线路 / 路网 / 路径""",
                "roads, railways and bridges are named by place + 路/大道/公路"),
)

# Head nouns so common that two characters before them still name a type (智算中心, 通用机场, 电网项目):
# a name needs three. Narrower heads (水口图书馆, 西园路, 升宝广场) need two.
BROAD_HEADS = (r"项目|工程|中心|平台|基地|园区|公司|集团|机场|医院|学校|大学|中学|小学|学院|公路|卫生院|实验室|"
               r"示范区|新区|公园|工厂|枢纽|合作区|科学院")

# A head noun followed by one of these is part of a longer word, not a name's end: 中小学生, 中心任务,
# 中心城区, 工程师, 高中学位, 项目化. (Checked right after the head, before any phase; 中心作用 and 平台经济
# are left to the type words: 发挥哈尔滨国际旅游集散中心作用 names a centre.)
HEAD_GOES_ON = r"""生|师|位|科|任务|城区|城市|工作|资本|资金|体系|化|型|级|性|式|制|库|带|圈"""

# After a head noun a name may go on with its phase or a bracketed part: 工程(一期), 厂二期, 医院(沙冈院区).
NAME_TAIL = r"""(?:[(（][^()（）]{1,8}[)）]|[一二三四五六七八九十]期)?(?:项目|工程)?"""

# Lists whose items are names because the category after 等 says so.
LIST_RULES: tuple[ProjectRule, ...] = (
    ProjectRule("listed_before_category", "project",
                r"""(?P<items>[^,，;；:：。“”]{2,80}?)                 # A、B、C
                    等(?:一批)?(?:重点|在建|新建|续建|重大|签约|新开工|龙头|骨干)*  # 等 + qualifiers
                    (?:产业|交通|水利|能源|电源电网|基础设施|民生|科技|工业|文旅|制造业)?  # … and a sector
                    (?P<category>项目|企业)                            # the category""",
                "雅固卫浴、顶尖管业、意尼家居等重点项目: each item before 等…项目 is a project"),
    ProjectRule("shared_suffix_list", "project",
                r"""(?P<items>(?:[^,，;；:：。、“”等]{2,20}、)+[^,，;；:：。、“”等]{2,20}?)
                    # A、B、C: no 等 (A、B等工程 lists kinds of work)
                    (?P<category>项目|工程)(?!体系|师|化)                           # the shared head""",
                "西园路、北环二期、水口码头项目: the last item's 项目 names them all"),
    ProjectRule("shared_head_list", "facility",
                r"""(?P<items>(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}?)  # 观音、宣威、花滩子: short place names
                    (?P<category>HEAD)(?![\u4e00-\u9fff]{0,1}(?:HEAD))  # … sharing one facility head (水库)""",
                "观音、宣威、花滩子水库: each short place name before a shared 水库 is a reservoir of its own"),
)

# Facility and road heads a list of short place names may share: 观音、宣威、花滩子水库 are three reservoirs.
LIST_HEADS = r"""水库|灌区|机场|铁路|高铁|高速公路|高速|城际|大桥|隧道|港区|码头|电站|电厂|水厂|枢纽|公园|医院
                 |景区|航道"""  # the list patterns are verbose: the line break is ignored

LIST_HEAD_RE = rx.compile(LIST_HEADS, re.VERBOSE)
# Where such a list may begin: after punctuation (a list that starts mid-item, after 、, is not one).
LIST_OPENERS = "，,；;：:。“”（(\n"
# Words of work, not of names: an item holding one (扩能改造, 扩容) is a piece of work, not a place.
WORK_WORD_RE = rx.compile(r"改造|扩能|扩容|扩建|改建|新建|建设|升级|提升|整治|治理|修复|前期")

# Verb frames around a bare enterprise or project name.
FRAME_RULES: tuple[ProjectRule, ...] = (
    ProjectRule("supported_enterprise", "enterprise",
                r"""(?:支持|推动|鼓励|引导|帮助|指导|督促)  # the government helps … (not 服务: 服务消费 is a noun)
                    (?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)                  # … a named enterprise …
                    (?:申报|实施|上市|扩产|增资|落户|开工|投产|创建|争创)   # … to do something checkable (not 建设:
                                                                   # 推动法治政府建设 names no enterprise)""",
                "支持依利安达申报国家级绿色工厂: an enterprise named between a support verb and its act"),
    ProjectRule("model_enterprise", "enterprise",
                r"""以(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)为(?:示范|龙头|样板|引领|标杆)""",
                "以潭芯农业为示范样本: an enterprise held up as the model"),
    ProjectRule("quoted_name", "project",
                r"""“(?P<name>[^“”]{2,20})”""",
                "“水暖卫浴大世界”: a quoted name counts when it ends in a head noun (slogans are rejected below)"),
    ProjectRule("brand_place", "project",
                r"""(?P<name>[\u4e00-\u9fff]{2,4}[(（][\u4e00-\u9fff]{2,4}[)）][\u4e00-\u9fffA-Za-z0-9]{2,20})""",
                "建滔(开平)新一代信息技术产业园: a brand, its place in brackets, then what it builds"),
)

# Candidates that are types, kinds of work or slogans, not names.
REJECT_RULES: tuple[ProjectRule, ...] = (
    ProjectRule("level_type", "", r"""^(?:国家级|省级|市级|县级|区级|镇级|村级)  # a graded type: 国家级绿色工厂
                   |^(?:国家|省|市|县|全国|全省)[\u4e00-\u9fff]{0,4}?(?:HEAD)$  # 国家医学中心, 省级…中心
                   |^(?:国家|省|市|县)[\u4e00-\u9fff]{0,6}?(?:重点|示范|绿色|高新技术|特色)""",
                "国家级绿色工厂, 省级高新技术产业开发区, 国家医学中心: a grade to reach, not a thing that exists"),
    ProjectRule("counted", "", r"[0-9一二三四五六七八九十两百千万]+(?:个|项|家|批|座|条|所|类|大|级|名|人)",
                "22个重点项目, 五项工程, 三大工程, 四级公路: a count or a grade of projects, not one of them"),
    ProjectRule("generic_head", "", r"""^(?:.?(?:优质|重点|重大)|在建|新建|续建|龙头|骨干|一批|更多|各类|相关|有关|现有|
                   农文旅|民生|基础设施|企业|外贸企业|辖区|村级|全域|湾区|这些|上述|该|农村|城乡|全国|全球|
                   高水平|高标准|高质量|现代化|一流|首批|其中)""",
                "重点项目, 湾区优质项目, 民生工程: a kind of project, named by its quality or sector"),
    ProjectRule("abstract_noun", "",
                r"(?:政策|改革|措施|规划|方案|机制|制度|战略|行动|工作|体系|条例|意见|计划|任务|资金|活动|发展)$",
                "推动政策实施: a policy or a plan in the enterprise frame is not an enterprise"),
    ProjectRule("work_kind", "", r"""(?:提升|维修|整治|改造|治理|提质|整改|修复|更新|转型|保护|建设|管理|
                   攻坚|行动|计划)(?:项目|工程)$""",
                "技术改造项目, 水生态修复工程: a kind of work, named by what is done"),
    ProjectRule("slogan", "", r"""^[一二三四五六七八九十两][好大新化优美强有]   # 四好农村路, 三大工程: a slogan's count
                   |[一二三四五六七八九十两百千万][\u4e00-\u9fff]{0,3}[一二三四五六七八九十两百千万]
                   (?![一二三四五六七八九十两百千万]*(?:吨|千瓦|瓦|亩|立方米|平方米))  # 千万吨炼化 is a capacity
                   |^[^\u4e00-\u9fff]+$""",
                "“两平台三中心”, “百千万工程”: numbered slogans name programmes, not projects"),
    ProjectRule("type_end", "", r"(?:企业|设施|产业|经济|服务业|制造业)$",
                "科技型企业, 交通设施: a kind of firm or of asset, not one firm or project"),
    # Only for list items: a named firm may end in its trade (潭芯农业, 奔达纺织), a list item alone may not.
    ProjectRule("sector_item", "list", r"(?:工业|旅游|农业|能源|核电|风电|物流|商贸|金融|电商|养殖|种植)$",
                "交通设施、风电核电、临港工业、滨海旅游等重大项目: sectors listed as kinds of project"),
    ProjectRule("political_programme", "", r"习近平|新时代|中国特色|新征程|社会主义",
                "新时代立德树人铸魂工程: a political programme, carried by everyone, not a project"),
    ProjectRule("too_short", "", r"^.{0,2}$",
                "项目, 园区: a head noun alone names nothing"),
    ProjectRule("fragment", "", r"""^(?:为|从|对(?!外)|向|在(?!建)|把|将|给|让|被|于|以|及|与|或|等|之|其|并|至
                   |[0-9.]+[万亿千百]                                   # 为200万中小学: a count, cut
                   |(?:医院|中心|平台|基地|园区|工程|项目|公司|集团|院区)) # 医院贵州医院一期: a name's tail
                   |[+＋]                                              # 管委会+公司: a formula
                   |^[^(（]*[)）]|[(（][^)）]*$                         # 深圳）产业合作中心: a bracket cut""",
                "握中国式现代化中心, 为200万中小学, 医院贵州医院一期: a piece cut from a phrase, not a whole name"),
    ProjectRule("type_name", "", "TYPE_WORDS",
                "医疗卫生强基工程, 国家骨干冷链物流基地, 产教融合基地: a kind of facility named only by what it is "
                "(its words are all in TYPE_WORDS), with no place, brand, phase or quote to single one out"),
    ProjectRule("sector_head", "", r"""^(?:产业|园区|企业|城市|乡村|农村|社区|服务|创新|科技|数字|公共|文化|
                   民生|惠民|德政|民心|形象|系统|基础|重点|重大|.{0,5}民生)(?:平台|园区|基地|中心|项目|工程)$""",
                "产业平台, 老有颐养民生工程: a sector word before the head noun names a kind"),
)

# Words that end the text before a name: punctuation, particles, and every task verb of
# ``luoshi/rules/actions.py`` except those that names hold (``IN_NAME_VERBS``).
IN_NAME_VERBS = frozenset({
    "新建", "改建", "扩建", "续建", "建设", "改造", "发展", "服务", "创新", "治理", "保护", "修复", "运营", "运行",
    "规划", "研究", "指导", "扩容",
})  # 水口医院新建医养结合综合大楼, 创新基地污水处理厂, 文体服务中心, 产业数字发展平台
EXTRA_STOPS = (
    "发挥好", "打造成为", "成为", "实现", "布局", "其中", "力促", "选派", "抓", "到", "筹办",
    "依托", "围绕", "对标", "顺利", "狠抓", "搭建", "提速加力", "高质量", "积极", "全力", "全面",
    "启用", "承接", "以及", "把握", "牵头", "发起", "开通", "包括", "推行", "丰富", "加密", "建优", "聚力",
    "推介", "创办",
)
NAME_STOPS = r"""
    [,，、;；:：“”"《》。\s]                              # punctuation and quotes
    | VERBS                                                 # task verbs and adverbs that never sit in a name
    | 的 | 和 | 及 | 与 | 或 | 等 | 以上 | 以下 | 以(?!色) | 把 | 将 | 向 | 在(?!建) | 对(?!标|外) | 让   # particles
"""
# ORDER HAZARD: verbs before particles, so that 把握 and 以及 are one stop, not 把 then a name 握….
NAME_STOPS = NAME_STOPS.replace("VERBS", word_alternation(
    ({w for r in VERB_RULES for w in r.words} - IN_NAME_VERBS) | set(EXTRA_STOPS)
    | {w for w in MODIFIERS if len(w) > 1 and w not in IN_NAME_VERBS}))

# A quoted name ending in one of these is a programme (“雪亮工程”, “满园工程”), carried by many offices, not a
# project: left out, as GUIDELINES.md lists only what a report commits to build, open or land.
PROGRAMME_HEAD = rx.compile(r"(?:工程|行动|计划|战略|工作法)$")

# A particle right after a verb joins nothing: it is the name's first character (推进和龙通用机场建设: 和龙
# is a city). After punctuation it still joins (“负面清单”和用作…).
NAME_INITIAL_PARTICLES = frozenset({"和"})

# Where a name stands in a clause that rejects or criticises it, it is no project (坚决杜绝“形象工程”“面子工程”,
# 不搞“政绩工程”): the words before it in its clause.
NEGATION = rx.compile(r"杜绝|反对|防止|避免|严禁|禁止|不搞|不上|不得|不能搞|遏制|纠治|力戒|摒弃|纠正|整治.{0,2}“")
# A clause ends at these: a project's action is read from its own clause.
CLAUSE_BREAKS = "，,；;。：:"
# A project said to be under way (在建, 续建) is being built: its action is 建设, not a finish the sentence
# promises for others (加快在建项目建设，确保…建成).
ONGOING = rx.compile(r"在建|续建")
ONGOING_ACTION = "建设"

INVESTMENT = rx.compile(
    r"""(?:计划)?总投资                      # 总投资 / 计划总投资
        (?:超过|超|约|达到|达|近)?             # an optional qualifier
        (?P<value>[0-9]+(?:\.[0-9]+)?)        # the amount
        (?P<unit>亿元|万元|亿美元)              # its money unit""",
    re.VERBOSE,
)


def _alternation(rules: tuple[ProjectRule, ...]) -> str:
    # The closing parenthesis goes on its own line: a rule's last line may end in a comment.
    return "|".join(f"(?P<{r.name}>{r.pattern}\n)" for r in rules)


SUFFIX_RE = rx.compile(rf"(?:{_alternation(SUFFIX_RULES)})(?!{HEAD_GOES_ON}){NAME_TAIL}", re.VERBOSE)
STOP_RE = rx.compile(NAME_STOPS, re.VERBOSE)
LIST_RES = {r.name: rx.compile(r.pattern.replace("HEAD", LIST_HEADS), re.VERBOSE) for r in LIST_RULES}
FRAME_RES = {r.name: rx.compile(r.pattern, re.VERBOSE) for r in FRAME_RULES}
REJECT_RES = {r.name: rx.compile(r.pattern.replace("HEAD", BROAD_HEADS), re.VERBOSE) for r in REJECT_RULES
              if r.name != "type_name"}
REJECT_SCOPE = {r.name: r.kind for r in REJECT_RULES}
BROAD_HEAD_RE = rx.compile(rf"(?:{BROAD_HEADS})")
KIND_OF_SUFFIX = {r.name: r.kind for r in SUFFIX_RULES}


def reject_rule(name: str, listed: bool = False) -> str | None:
    """The rule by which a candidate is not a project name (非项目名称), or None when it is one.

    >>> reject_rule("国家级绿色工厂"), reject_rule("22个重点项目"), reject_rule("两平台三中心")
    ('level_type', 'counted', 'slogan')
    >>> reject_rule("建滔(开平)新一代信息技术产业园项目") is None
    True
    """
    for rule_name, pattern in REJECT_RES.items():
        if pattern.search(name) and (listed or REJECT_SCOPE[rule_name] != "list"):
            return rule_name
    heads = list(SUFFIX_RE.finditer(name))
    if is_type_name(name, heads[-1] if heads else None):
        return "type_name"
    return None
