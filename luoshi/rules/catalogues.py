"""Built-in department catalogues (部门目录) by level of government, for an office that gives no list.

The names are the ones each level writes in its own 任务分解表: the State Council's decomposition names
国家发展改革委, 人力资源社会保障部, 市场监管总局 …; a province 省发展改革委, 省人力资源社会保障厅 …, an
autonomous region the same with 自治区, a municipality (北京, 天津, 上海, 重庆) 市…; a city or county its
bureaus with the prefix of its own name (市/县/区/旗); a town its offices. An office's own list
(``luoshi extract --departments``) always replaces these. ``level_of`` reads the level from the issuer.
"""

from __future__ import annotations

import re

LEVELS = ("national", "province", "municipality", "region", "city", "county", "town")

NATIONAL: tuple[str, ...] = (
    "国务院办公厅", "国家发展改革委", "教育部", "科技部", "工业和信息化部", "国家民委", "公安部", "民政部", "司法部",
    "财政部", "人力资源社会保障部", "自然资源部", "生态环境部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部",
    "商务部", "文化和旅游部", "国家卫生健康委", "退役军人事务部", "应急管理部", "人民银行", "审计署", "外交部",
    "国务院国资委", "海关总署", "税务总局", "市场监管总局", "金融监管总局", "中国证监会", "广电总局", "体育总局",
    "国家信访局", "国家统计局", "国家知识产权局", "国家医保局", "国管局", "国家粮食和储备局", "国家能源局",
    "国家数据局", "国家林草局", "国家文物局", "国家中医药局", "国家疾控局", "国家药监局", "国家消防救援局",
    "国家国防动员局", "中国气象局", "中国地震局", "国家铁路局", "中国民航局", "国家邮政局", "国务院港澳办",
    "国务院台办", "中央宣传部", "中央组织部", "中央统战部", "中央网信办", "中央金融办", "全国总工会", "共青团中央",
    "全国妇联", "中国残联", "中国红十字会总会", "中华全国供销合作总社", "各省级人民政府",
)

PROVINCE: tuple[str, ...] = (
    "省政府办公厅", "省发展改革委", "省教育厅", "省科技厅", "省工业和信息化厅", "省民族宗教委", "省公安厅", "省民政厅",
    "省司法厅", "省财政厅", "省人力资源社会保障厅", "省自然资源厅", "省生态环境厅", "省住房城乡建设厅",
    "省交通运输厅", "省水利厅", "省农业农村厅", "省商务厅", "省文化和旅游厅", "省卫生健康委", "省退役军人事务厅",
    "省应急管理厅", "省审计厅", "省外办", "省国资委", "省市场监管局", "省广电局", "省体育局", "省统计局",
    "省医保局", "省林业局", "省地方金融管理局", "省委金融办", "省粮食和物资储备局", "省能源局", "省数据局",
    "省政务服务管理局", "省信访局", "省药监局", "省文物局", "省中医药管理局", "省国动办", "省机关事务管理局",
    "省供销社", "省委宣传部", "省委组织部", "省委统战部", "省委政法委", "省总工会", "团省委", "省妇联", "省残联",
    "省红十字会", "省税务局", "省气象局", "省地震局", "人民银行省分行", "各市人民政府",
)

CITY: tuple[str, ...] = (
    "市政府办公室", "市发展改革委", "市教育局", "市科技局", "市工业和信息化局", "市民族宗教局", "市公安局", "市民政局",
    "市司法局", "市财政局", "市人力资源社会保障局", "市自然资源局", "市生态环境局", "市住房城乡建设局",
    "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化广电旅游局", "市卫生健康委", "市退役军人事务局",
    "市应急管理局", "市审计局", "市外办", "市国资委", "市市场监管局", "市体育局", "市统计局", "市医保局", "市林业局",
    "市城市管理局", "市委金融办", "市政务服务数据管理局", "市信访局", "市投资促进局", "市国动办",
    "市机关事务管理局", "市供销社", "市委宣传部", "市委组织部", "市委统战部", "市委政法委", "市总工会", "团市委",
    "市妇联", "市残联", "市红十字会", "市税务局", "市气象局", "各县（市、区）人民政府",
)

COUNTY: tuple[str, ...] = (
    "县政府办公室", "县发展和改革局", "县教育局", "县科技局", "县工业和信息化局", "县民族宗教事务局", "县公安局",
    "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源局", "县生态环境分局",
    "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化广电旅游体育局",
    "县卫生健康局", "县退役军人事务局", "县应急管理局", "县审计局", "县国资中心", "县市场监督管理局", "县统计局",
    "县医疗保障局", "县林业局", "县城市管理和综合执法局", "县政务服务数据管理局", "县信访局", "县投资促进中心",
    "县委金融办", "县人武部", "县委宣传部", "县委组织部", "县委统战部", "县委政法委", "县总工会", "团县委", "县妇联",
    "县残联", "县税务局", "各乡镇人民政府",
)

TOWN: tuple[str, ...] = (
    "党政办", "党建办", "经济发展办", "规划建设办", "农业农村办", "社会事务办", "综治办", "应急管理办", "财政所",
    "自然资源所", "生态环境办", "文化站", "综合行政执法队", "退役军人服务站", "派出所", "市场监管所", "司法所",
    "卫生院",
)

MUNICIPALITIES = ("北京", "天津", "上海", "重庆")

# The issuer's name → level; most specific first (国务院 before 省, 自治区 before 区, 镇 before 市).
LEVEL_RULES: tuple[tuple[str, str, str], ...] = (
    ("national", r"^(?:中华人民共和国)?国务院", "the State Council: its report's rows go to 国务院部门"),
    ("municipality", r"^(?:北京|天津|上海|重庆)市$", "a municipality: a province whose departments are 市…"),
    ("region", r"自治区$", "an autonomous region: 自治区… departments"),
    ("province", r"省$", "a province"),
    ("town", r"镇$|乡$|街道$|苏木$", "a town, township or subdistrict: the smallest government with a report"),
    ("county", r"县$|旗$|(?<!自治)区$", "a county or district (and a county-level city told by --level)"),
    ("city", r"市$|州$|盟$", "a city: bureaus named 市…"),
)


def level_of(issuer: str) -> str:
    """The level of government of an issuer (行政层级), from the last unit its name names.

    >>> level_of("水口镇人民政府"), level_of("开平市人民政府"), level_of("广东省人民政府")
    ('town', 'city', 'province')
    >>> level_of("广西壮族自治区人民政府"), level_of("上海市人民政府"), level_of("东城街道办事处")
    ('region', 'municipality', 'town')
    >>> level_of("国务院"), level_of("某某县人民政府"), level_of("")
    ('national', 'county', 'county')
    """
    name = re.sub(r"(?:人民政府|办事处|政府)$", "", (issuer or "").strip())
    for level, pattern, _why in LEVEL_RULES:
        if re.search(pattern, name):
            return level
    return "county"


def catalogue(level: str, issuer: str = "") -> tuple[str, ...]:
    """The built-in list of departments at a level (内置部门目录), named as that level names them.

    >>> catalogue("region")[:2]
    ('自治区人民政府办公厅', '自治区发展改革委')
    >>> catalogue("county", "越秀区人民政府")[1], catalogue("municipality")[1]
    ('区发展和改革局', '市发展改革委')
    """
    if level == "national":
        return NATIONAL
    if level == "town":
        return TOWN
    if level in ("province", "region", "municipality"):
        prefix = {"province": "省", "region": "自治区", "municipality": "市"}[level]
        names = (_renamed(name, "省", prefix, level) for name in PROVINCE)
        # A municipality's departments are bureaus and commissions (市教委, 市民政局), not 厅.
        return tuple(re.sub("厅$", "局", n) if level == "municipality" and n != "市政府办公厅" else n for n in names)
    if level == "city":
        return CITY
    name = re.sub(r"(?:人民政府|政府)$", "", (issuer or "").strip())
    prefix = name[-1] if name and name[-1] in "县区市旗" else "县"
    return tuple(_renamed(n, "县", prefix, level) for n in COUNTY)


def _renamed(name: str, old: str, new: str, level: str) -> str:
    """A province's (county's) department named as another level of the same rank names it."""
    special = {("省政府办公厅", "region"): "自治区人民政府办公厅", ("团省委", "region"): "团区委",
               ("各市人民政府", "municipality"): "各区人民政府", ("人民银行省分行", "region"): "人民银行自治区分行",
               ("人民银行省分行", "municipality"): "人民银行市分行", ("各乡镇人民政府", "county"): "各乡镇人民政府"}
    if (name, level) in special:
        return special[(name, level)]
    if name == f"团{old}委":
        return f"团{new}委"
    if name.startswith(f"{old}委"):
        return ("自治区党委" if new == "自治区" else f"{new}委") + name[len(old) + 1:]
    return new + name[len(old):] if name.startswith(old) else name
