"""Type words (类型词): what separates a kind of facility or programme from a named project.

A candidate name made only of these words and its head noun (医疗卫生强基工程, 国家骨干冷链物流基地,
产教融合基地) is a type, carried by every province, not a project an office can track. The reject rule
``type_name`` of ``luoshi/rules/projects.py`` asks ``is_type_name``; cases are in
``tests/core/cases/projects_cases.json``.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.rules.words import word_alternation

# The words kinds of facility and programme are made of (类型词): what a thing is, where it stands in a
# hierarchy, what it serves. A candidate made only of these and its head noun is a type (医疗卫生强基工程,
# 国家骨干冷链物流基地), not a project an office can track; a place, a brand or any other word left over
# (南宁国家综合货运枢纽, 驮英水库, 中日产业园) makes it a name. General vocabulary of work reports, grouped.
TYPE_WORDS: tuple[str, ...] = (
    # level and scope
    "国家", "国家级", "国际", "全国", "全球", "世界", "全省", "全市", "全区", "全县", "全镇", "省级", "市级", "县级",
    "省", "市", "县", "区域", "城市", "城乡", "乡村", "农村", "社区", "县域", "首都", "中央", "地方", "政府", "社会",
    "民间", "公共", "公益", "基层", "跨境", "边境", "沿边", "临港", "临空", "港澳", "港澳台", "东西部", "对口",
    # rank and quality
    "重点", "重大", "骨干", "龙头", "标志性", "引领性", "战略性", "示范", "先行", "试点", "样板", "标杆", "综合",
    "综合性", "现代", "现代化", "新型", "一流", "领先", "先进", "高能级", "高水平", "高标准", "高质量", "高端",
    "特色", "优质", "优势", "新兴", "未来", "传统", "主要", "重要", "规模", "较大", "大型", "中小型", "小型",
    "统一", "独立", "紧密型", "专业", "专业化", "标准化", "一体化", "集约化", "智能化", "数字化", "新一轮",
    "新一代", "更多", "一批", "各类", "多元", "配套", "共性", "关键", "核心", "基础", "前沿", "开放", "共建",
    "共享", "协同", "融合", "联合", "集聚", "集中", "集散", "通用", "智算", "电网", "改建", "科学", "全民",
    # fields
    "智慧", "智能", "数字", "数据", "信息", "网络", "互联网", "工业互联网", "算力", "人工智能", "绿色", "低碳",
    "零碳", "生态", "环保", "环境", "资源", "能源", "新能源", "储能", "清洁", "安全", "应急", "防灾", "减灾",
    "防洪", "防汛", "水利", "水资源", "水务", "供水", "排水", "污水", "交通", "物流", "冷链", "货运", "客运",
    "航空", "航运", "港口", "产业", "产业链", "供应链", "集群", "科技", "科研", "科创", "创新", "研发", "技术",
    "成果", "转化", "孵化", "中试", "熟化", "概念", "验证", "检验", "检测", "认证", "计量", "标准", "质量",
    "品牌", "知识产权", "人才", "教育", "职业", "高职", "职教", "学前", "高等", "普通", "义务", "医疗", "卫生",
    "医学", "健康", "医药", "医共体", "养老", "托育", "托幼", "家政", "放心", "安心", "就业", "创业", "社保",
    "文化", "文旅", "旅游", "体育", "冰雪", "康养", "文物", "遗址", "考古", "非遗", "红色", "农业", "农产品",
    "粮食", "商品粮", "种业", "林业", "碳汇", "渔业", "畜牧", "食品", "有机", "加工", "精深加工", "制造",
    "装备", "重型", "原材料", "材料", "新材料", "电子", "汽车", "新能源汽车", "生物", "化工", "电商", "直播",
    "商贸", "消费", "会展", "金融", "融资", "信用", "征信", "投资", "资本", "债券", "专项", "预算内", "基金",
    "开发性", "政策性", "招商", "引资", "外资", "外贸", "合作", "交流", "经贸", "口岸", "自贸", "保税", "产教",
    "服务", "管理", "治理", "监管", "政务", "应用", "交易", "流通", "集采", "展示", "展览", "发展", "提升",
    "改造", "更新", "升级", "改扩建", "新建", "扩建", "续建", "在建", "新开工", "储备", "前期", "攻关",
    "基础设施", "设施", "人防", "生命线", "管网", "老旧", "闲置", "空间", "利用", "通道", "大通道", "银发",
    "经济", "夜间", "美丽", "宜居", "和美", "家门口", "惠民", "民生", "德政", "实事", "廉洁", "清廉", "平安",
    "法治", "强基", "源网荷储", "车路云", "帮扶", "结对", "飞地", "强链", "补链", "延链", "赋权", "分类",
    "评价", "尺度", "交往", "中心", "平台", "基地", "园区", "产业园", "示范区", "合作区", "实验室", "工程",
    "项目", "体系", "组建", "生产", "供应", "联运", "多式", "畅通", "直达", "区域性", "地区", "片区", "街区",
    "厂", "仿真", "实验", "结果", "互认", "检查", "公园", "医院", "学校", "大学", "工厂", "枢纽", "集团",
    "理工", "农医", "总部", "办赛", "场馆", "赛事", "市郊", "铁路", "公路", "道路", "农村公路", "高速",
    "校园", "氢能", "西部", "东部", "中部", "山水", "工具", "特许经营", "自治区", "领域", "通边", "国内",
    "职务", "财政", "创意", "沉浸", "影视", "灌溉", "地铁", "轨道", "城际", "高铁", "综合体", "停车场", "充电桩",
    "基站", "服务站", "实训", "研究", "研究院", "展示", "数智", "算力", "超算", "应用场景", "场景", "区块链",
    "生物医药", "低空", "海洋", "临床", "中医", "中医药", "妇幼", "儿童", "老年", "残疾人", "青年", "人才公寓",
    "生物多样性", "大中小", "文创", "农田", "公立", "民营", "中职", "乡镇", "技改", "工业", "水运", "门户",
    "销售", "跨国", "电源", "发电", "光伏", "风电", "水电", "保护", "修复", "整治", "开发",
)
# Heads of the places a facility may stand in: 创新基地污水处理厂 is that base's own plant, one thing to track.
PLACE_HEADS = rx.compile(r"基地|园区|产业园|工业园|开发区|高新区|经开区|港区|片区")
# What singles one thing out whatever its words: a phase (一期), a quote. (ASCII is no name by itself:
# 5G基站, 6G实验室, PPP项目 are kinds; 新桥水EOD项目 is named by 新桥水.)
SPECIFIC = rx.compile(r"[一二三四五六七八九十]期|[“”\"]")
_TYPE_RE = rx.compile(word_alternation(TYPE_WORDS))
_BRACKET = rx.compile(r"[(（]([^()（）]*)[)）]")
_RUN = rx.compile(r"[\u4e00-\u9fff]{2,}")


def is_type_name(name: str, head: re.Match[str] | None) -> bool:
    """Whether a candidate names only a kind of thing (类型名称), ``head`` being its final head noun's match.

    >>> from luoshi.rules.projects import SUFFIX_RE
    >>> is_type_name("医疗卫生强基工程", SUFFIX_RE.search("医疗卫生强基工程"))
    True
    >>> is_type_name("南宁国家综合货运枢纽", SUFFIX_RE.search("南宁国家综合货运枢纽"))
    False
    >>> is_type_name("产业综合配套工程(一期)", SUFFIX_RE.search("产业综合配套工程(一期)"))
    False
    """
    if SPECIFIC.search(name):
        return False
    brackets = _BRACKET.findall(name)
    if any(_RUN.search(_TYPE_RE.sub(" ", b)) for b in brackets):
        return False  # 建滔(开平)…, 长征国家文化公园（广西段）: a place in brackets singles it out
    end = head.start() if head and head.end() == len(name) else len(name)
    if PLACE_HEADS.search(name, 0, end):
        return False
    # Type words are matched over the whole name (大中小学: 大中小 runs into the head 小学); what is left
    # before the head must hold no run of two characters.
    covered = _TYPE_RE.sub(lambda m: " " * len(m.group(0)), _BRACKET.sub(lambda m: " " * len(m.group(0)), name))
    return not _RUN.search(covered, 0, end)


