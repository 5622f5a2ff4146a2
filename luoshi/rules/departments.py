"""The department catalogue (部门目录): which office leads a task, by the words of the task.

Each ``Domain`` is a field of government work with keyword cues and their weights, and the name of
the office that carries it at each level: a town (镇/乡/街道) has a handful of offices, so several
domains share one (经济发展办 takes industry, commerce and investment); a county (县/区/县级市, and a
prefecture city, whose bureaus have the same names) and a province (省/自治区/直辖市) have a bureau or
department per domain. ``level_of`` picks the level from the issuer's name.

Weights: 3 for a word that names the domain outright (招商引资, 安全生产, 信访), 2 for a strong cue
(企业, 污水, 学校), 1 for a weak one shared with other domains (项目, 建设). Cases live in
``tests/core/cases/departments_cases.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = ("town", "county", "province")


@dataclass(frozen=True)
class Domain:
    """A field of work (工作领域) and the office that leads it at each level."""

    name: str
    cues: tuple[tuple[str, int], ...]  # (keyword, weight)
    town: str
    county: str
    province: str
    why: str

    def office(self, level: str) -> str:
        return {"town": self.town, "county": self.county, "province": self.province}[level]


DOMAINS: tuple[Domain, ...] = (
    Domain("investment", (("招商引资", 3), ("招商", 3), ("招引", 3), ("签约", 2), ("落地", 2), ("引进", 2),
                          ("招大引强", 3), ("重点项目", 2), ("项目建设", 1), ("投资", 1), ("项目", 1)),
           "经济发展办(招商)", "发展和改革局", "省发展改革委",
           "招商 and the project pipeline: the town's economic office, the county's development bureau"),
    Domain("development", (("固定资产投资", 3), ("经济运行", 3), ("地区生产总值", 3), ("扩大内需", 3),
                           ("两重", 2), ("两新", 2), ("价格", 2), ("粮食储备", 2), ("能源", 2), ("电力", 2),
                           ("低空经济", 2), ("国债", 2)),
           "经济发展办", "发展和改革局", "省发展改革委",
           "macro targets, big investment and energy: the development and reform commission"),
    Domain("industry", (("工业", 2), ("制造业", 3), ("技术改造", 3), ("技改", 3), ("专精特新", 3), ("小升规", 3),
                        ("规模以上", 2), ("企业", 1), ("数字化转型", 3), ("产业集群", 2), ("工厂", 2),
                        ("工业园", 2), ("信息化", 2), ("5G", 2), ("产业链", 2), ("设备更新", 2),
                        ("数据中心", 2), ("算力", 3), ("人工智能", 2), ("集成电路", 3), ("新能源汽车", 2)),
           "经济发展办", "工业和信息化局", "省工业和信息化厅", "industry, factories and enterprise tiers"),
    Domain("commerce", (("外贸", 3), ("消费", 2), ("商贸", 3), ("商业", 2), ("市场体系", 2), ("物流", 2),
                        ("快递", 2), ("餐饮", 2), ("零售", 2), ("开放", 1), ("跨境电商", 3), ("会展", 2),
                        ("三产", 2), ("服务业", 2)),
           "经济发展办", "商务局", "省商务厅", "trade, consumption, logistics"),
    Domain("science", (("科技", 3), ("创新", 1), ("研发", 3), ("高新技术", 3), ("知识产权", 3), ("实验室", 3),
                       ("成果转化", 3), ("人才", 2), ("产学研", 3), ("新质生产力", 2)),
           "经济发展办", "科学技术局", "省科技厅", "research, patents, high-tech firms"),
    Domain("planning", (("规划", 2), ("城市建设", 3), ("市政", 3), ("圩镇", 2), ("道路", 2), ("停车", 2),
                        ("住房", 3), ("房屋", 2), ("楼盘", 3), ("燃气", 2), ("城市管理", 3), ("人居环境", 2),
                        ("基础设施", 2), ("建筑", 2), ("城市更新", 3), ("老旧小区", 3), ("物业", 2),
                        ("城镇", 1), ("管网", 2), ("房地产", 3), ("商品房", 3), ("保交房", 3), ("新城", 1)),
           "规划建设办", "住房和城乡建设局", "省住房城乡建设厅", "building, towns, municipal works, housing"),
    Domain("transport", (("交通", 3), ("公路", 3), ("码头", 3), ("铁路", 3), ("高速", 3), ("机场", 3),
                         ("航道", 3), ("港口", 3), ("路网", 2), ("物流通道", 2)),
           "规划建设办", "交通运输局", "省交通运输厅", "roads, ports, railways"),
    Domain("land", (("土地", 3), ("用地", 3), ("国土空间", 3), ("征收", 3), ("自然资源", 3), ("耕地", 3),
                    ("矿", 2), ("测绘", 3), ("不动产", 3), ("工改工", 2)),
           "自然资源所", "自然资源局", "省自然资源厅", "land use, acquisition and spatial planning"),
    Domain("agriculture", (("农业", 3), ("乡村", 2), ("农村", 2), ("农产品", 3), ("集体经济", 3), ("村组", 2),
                           ("粮食", 3), ("种业", 3), ("渔业", 3), ("畜牧", 3), ("典型村", 3), ("厕所", 2),
                           ("联农带农", 3), ("高标准农田", 3), ("农民", 2)),
           "农业农村办", "农业农村局", "省农业农村厅", "farming, villages, collective economy"),
    Domain("water", (("水利", 3), ("河长制", 3), ("水库", 3), ("防洪", 3), ("灌区", 3), ("流域", 2),
                     ("水资源", 3), ("供水", 2), ("水安全", 2)),
           "农业农村办", "水务局", "省水利厅", "water works and rivers"),
    Domain("culture", (("文化", 2), ("旅游", 3), ("文旅", 3), ("非遗", 3), ("非物质文化遗产", 3), ("图书馆", 3),
                       ("展览馆", 3), ("故居", 3), ("旧址", 3), ("红色", 2), ("体育", 2), ("文物", 3),
                       ("博物馆", 3), ("书屋", 2), ("文明实践", 2), ("足球", 2), ("赛事", 2)),
           "文化站(文旅)", "文化广电旅游体育局", "省文化和旅游厅", "culture, heritage, tourism, sport"),
    Domain("stability", (("综治", 3), ("信访", 3), ("矛盾纠纷", 3), ("枫桥经验", 3), ("网格", 2), ("平安", 2),
                         ("社会治理", 2), ("基层治理", 2), ("扫黑除恶", 3), ("治安", 3), ("违法犯罪", 3),
                         ("问题楼盘", 2)),
           "综治办(信访)", "政法委(信访局)", "省委政法委(省信访局)", "order, petitions and grassroots governance"),
    Domain("emergency", (("安全生产", 3), ("应急", 3), ("灾害", 3), ("消防", 3), ("森林防火", 3), ("防汛", 3),
                         ("抢险救援", 3), ("危化品", 3), ("烟花爆竹", 3), ("安全事故", 3), ("道路交通安全", 2)),
           "应急管理办(安全生产)", "应急管理局", "省应急管理厅", "work safety, disasters, fire"),
    Domain("environment", (("生态环境", 3), ("污染", 3), ("污水", 3), ("环保", 3), ("督察", 2), ("减污", 3),
                           ("降碳", 3), ("碳达峰", 3), ("扬尘", 3), ("散乱污", 3), ("固体废物", 3), ("垃圾", 2),
                           ("水质", 3), ("EOD", 3), ("大气", 2)),
           "生态环境办", "生态环境局", "省生态环境厅", "pollution, emissions, inspections"),
    Domain("forestry", (("植绿", 3), ("增绿", 3), ("造林", 3), ("森林抚育", 3), ("林分", 3), ("绿美", 3),
                        ("扩绿", 3), ("湿地", 3), ("红树林", 3)),
           "农业农村办", "林业局", "省林业局", "trees and forests"),
    Domain("livelihood", (("民生", 2), ("社会救助", 3), ("救助", 3), ("养老", 3), ("老人", 3), ("儿童", 3),
                          ("残疾", 3), ("五保", 3), ("慈善", 3), ("低保", 3), ("困难群体", 3), ("长者饭堂", 3),
                          ("颐养", 3), ("婚姻", 2), ("殡葬", 3)),
           "社会事务办(民生)", "民政局", "省民政厅", "social assistance, elderly care, charity"),
    Domain("employment", (("就业", 3), ("社保", 3), ("养老保险", 3), ("劳动", 3), ("劳资", 3), ("人社", 3),
                          ("技能", 2), ("工资", 2), ("技工", 2), ("八级工", 3), ("职业资格", 2), ("创业", 2)),
           "社会事务办(民生)", "人力资源和社会保障局", "省人力资源社会保障厅", "jobs, social insurance, labour"),
    Domain("health", (("医院", 3), ("医疗", 3), ("卫生", 2), ("医保", 2), ("健康", 2), ("医养", 3), ("疾控", 3),
                      ("中医药", 3), ("病有良医", 2)),
           "社会事务办(民生)", "卫生健康局", "省卫生健康委", "hospitals and public health"),
    Domain("education", (("教育", 3), ("学校", 3), ("教师", 3), ("教学", 3), ("学有优教", 2), ("校", 1),
                         ("托育", 2), ("高校", 3)),
           "社会事务办(民生)", "教育局", "省教育厅", "schools and teachers"),
    Domain("finance", (("财政", 3), ("预算", 3), ("三公", 3), ("过紧日子", 3), ("资金", 2), ("税收", 2),
                       ("债务", 3), ("财力", 3), ("国资", 2)),
           "财政所", "财政局", "省财政厅", "budget, spending, debt"),
    Domain("statistics", (("统计", 3), ("数据质量", 2)), "经济发展办", "统计局", "省统计局", "statistics"),
    Domain("market", (("市场监管", 3), ("食品安全", 3), ("营商环境", 2), ("营商", 2), ("质量", 1),
                      ("经营主体", 2), ("药品", 2), ("特种设备", 3)),
           "综合行政执法办", "市场监督管理局", "省市场监管局", "market supervision, food safety, business climate"),
    Domain("enforcement", (("行政执法", 3), ("执法", 2), ("三线", 2), ("六乱", 2), ("违建", 3)),
           "综合行政执法办", "司法局", "省司法厅", "law enforcement and rule of law"),
    Domain("party_affairs", (("党建", 3), ("党的", 2), ("党员", 3), ("廉", 2), ("腐败", 3), ("八项规定", 3),
                             ("四风", 3), ("理论学习", 3), ("纪律", 2), ("干部", 2), ("减负", 2)),
           "党建办", "县委组织部", "省委组织部", "party building and discipline"),
    Domain("government_services", (("政务服务", 3), ("数字政府", 3), ("一网", 3), ("法治政府", 3), ("依法行政", 3),
                                   ("权责", 2), ("清单", 1), ("人大", 2), ("政协", 2), ("决策", 2), ("办事效能", 3)),
           "党政办(政务服务中心)", "政务服务数据管理局", "省政务服务和数据管理局",
           "government services, digital government, lawful administration"),
)

# The issuer's name → level; longest, most specific first (自治区 before 区, 县级市 before 市).
LEVEL_RULES: tuple[tuple[str, str, str], ...] = (
    ("province", r"省|自治区|^(?:北京|天津|上海|重庆)市", "a province, autonomous region or municipality"),
    ("town", r"镇|乡|街道|苏木", "a town, township or subdistrict: the smallest government with a report"),
    ("county", r"县|区|市|旗", "a county, district or city: bureaus named as in the province"),
)

MAX_COOPERATING = 3  # more than three co-operating offices stops being a suggestion


def level_of(issuer: str) -> str:
    """The level of government of an issuer (行政层级): town, county or province (county when unknown).

    >>> level_of("水口镇人民政府"), level_of("开平市人民政府"), level_of("广东省人民政府")
    ('town', 'county', 'province')
    >>> level_of("广西壮族自治区人民政府"), level_of("上海市人民政府"), level_of("东城街道办事处")
    ('province', 'province', 'town')
    """
    name = re.sub(r"人民政府|办事处|政府$", "", issuer or "")
    for level, pattern, _why in LEVEL_RULES:
        if re.search(pattern, name):
            # A town of a county is named 某县某镇: the last unit named decides.
            if level == "province" and re.search(r"(?:镇|乡|街道|县|(?<!自治)区)$", name):
                continue
            return level
    return "county"
