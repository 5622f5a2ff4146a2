"""Task verbs (任务动词): what makes a clause of a plan sentence an actionable task.

A plan sentence is cut at ；/。, at enumerations (一是/二是, (1), ①) and at commas where a new
clause opens with a verb of ``VERB_RULES`` (after optional adverbs such as 全力/加快/力争, see
``MODIFIERS``). A clause that opens with a framing phrase (``OPENER_RULES``: 按照…, 依托…) belongs
to the task after it; one that continues (进一步提升…, 不断…) or that holds only verbs (力争上半年动
工建设) belongs to the task before it. ``SKIP_RULES`` name sentences and clauses that commit to
nothing (总体要求是…, 两个确立).

Each rule is named and says why; the cases live in ``tests/core/cases/actions_cases.json``.
Order hazards: alternatives are tried longest first (建成 before 建设 is automatic, 新开工 before
开工, 投入使用 before 投入), so every pattern here is a plain alternation of words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx
from luoshi.rules.words import word_alternation


@dataclass(frozen=True)
class ActionRule:
    """A named group of verbs (动词规则); ``action`` is what a project gets when one of them acts on it."""

    name: str
    words: tuple[str, ...]
    action: str  # "" when the verb is too general to describe what happens to a project
    why: str


VERB_RULES: tuple[ActionRule, ...] = (
    # Milestone verbs first: they name what happens to a project and become Project.action.
    ActionRule("complete", ("建成", "完成", "竣工", "投用", "投入使用", "建成使用", "通车", "交付", "验收", "建成投用"),
               "建成", "the thing is finished: the strongest, checkable commitment"),
    ActionRule("start", ("启动", "动工", "开工", "新开工", "开建", "动工建设", "开工建设"),
               "动工", "works begin: a milestone a supervisor can date"),
    ActionRule("produce", ("投产", "达产", "试产", "全面投产", "建成投产"), "投产", "a plant starts producing"),
    ActionRule("land", ("落地", "签约", "引进", "新引进", "招引", "引入", "招商"), "落地",
               "an investment is brought in (招商引资): counted when signed or landed"),
    ActionRule("apply", ("申报", "申请", "争创", "创建", "争取", "争先创优"), "申报",
               "an application to a higher level (国家级绿色工厂, 典型村): its outcome is not the town's"),
    ActionRule("build", ("建设", "新建", "改建", "扩建", "续建", "改造", "打造", "建立", "设立", "成立", "构建",
                         "筹建", "建强", "搭建", "修建", "铺设", "新增", "增加", "扩容"),
               "建设", "something new is made or enlarged"),
    # General verbs: they open a task but say little about what happens to a project.
    ActionRule("advance", ("推进", "推动", "加快", "加速", "实施", "开展", "抓好", "做好", "办好", "抓实", "落实",
                           "执行", "贯彻", "组织", "举办", "承办", "谋划", "储备", "运营", "运行"),
               "", "the everyday verbs of a work report: each opens one piece of work"),
    ActionRule("strengthen", ("加强", "强化", "深化", "加大", "完善", "健全", "提升", "提高", "优化", "巩固", "扩大",
                              "规范", "拓宽", "拓展", "增强", "夯实", "补齐", "织密", "筑牢", "擦亮", "做强",
                              "做优", "做大", "壮大", "延伸", "用好", "用活", "发挥", "激发", "释放", "稳定",
                              "稳住", "保持"),
               "", "an existing thing is made better: ongoing work, still one department's"),
    ActionRule("support", ("支持", "鼓励", "引导", "培育", "帮助", "扶持", "服务", "指导", "促进", "发展", "带动",
                           "赋能", "保障", "凝聚", "筹集", "吸引"),
               "", "the government helps others act (企业, 村): the task is the help"),
    ActionRule("govern", ("整治", "治理", "清理", "排查", "化解", "防范", "打击", "遏制", "压实", "管控", "监管",
                          "查处", "整改", "严控", "严格", "严厉打击", "巡查", "处置", "督察", "防控", "整合",
                          "盘活", "保护", "传承", "修复", "降低", "减少", "压减", "控制"),
               "", "regulation, enforcement and risk work: the lead is the office that enforces"),
    ActionRule("plan", ("编制", "制定", "出台", "修订", "规划", "探索", "研究", "创新", "突出", "统筹", "配合",
                        "协助", "协同", "对接", "融入", "参与", "坚持", "持续", "继续", "聚焦", "锚定", "瞄准",
                        "深入推进", "全面推进", "全面落实", "常态化开展", "开拓", "建好", "管好", "守牢", "守住"),
               "", "planning, coordination and steady-course verbs: each still opens a task"),
)

# Adverbs, firmness and time words that may stand before the verb of a clause (全力推动, 力争上半年完成).
MODIFIERS: tuple[str, ...] = (
    "全力以赴", "全力", "全面", "加快", "加速", "加力", "提速", "大力", "着力", "持续", "积极", "深入", "扎实",
    "切实", "稳步", "有序", "主动", "继续", "坚决", "努力", "认真", "高质量", "高标准", "高水平", "重点",
    "同时", "计划", "要", "将", "再", "力争", "确保", "争取", "常态化", "全方位", "多措并举", "及时", "依法",
    "优先", "率先", "尽快", "加紧", "协同", "配合", "统筹", "进一步", "还要", "并", "另外", "此外", "今年",
    "全年", "年内", "上半年", "下半年", "年底前", "到今年年底", "今年年底", "第一季度", "一季度", "二季度",
    "前三季度", "基本", "逐步", "全部", "不断",
)

# Words that make a clause continue the task before it rather than open one: purpose and effect.
# 切实/努力/有效 were tried here and dropped: in provincial reports they open real tasks (切实加强…).
CONTINUATION_WORDS: tuple[str, ...] = (
    "进一步", "不断", "从而", "其中", "以便", "为(?!民)", "让", "使(?!用)", "助力", "赋能", "推动形成",
    "全力在", "力争在",
)


@dataclass(frozen=True)
class ClauseRule:
    """A named rule about a whole clause or sentence (分句规则): pattern (verbose regex) and why."""

    name: str
    pattern: str
    why: str


# A clause opening with one of these frames the task after it (按照“两平台三中心”整体布局, …).
OPENER_RULES: tuple[ClauseRule, ...] = (
    ClauseRule("framing_preposition",
               r"""^(?:按照|依托|围绕|聚焦|对标|立足|根据|结合|借助|面向|通过|依据|紧扣|紧盯|紧紧围绕|
                   以(?!上|下|内)|在(?!建)|对|针对|基于|乘势|抢抓|牢牢把握)""",
               "a preposition sets the frame of the task that follows; on its own it commits to nothing"),
)

# A clause that only continues the one before it: a purpose (进一步提升…, 为…提供支撑).
CONTINUATION_RULES: tuple[ClauseRule, ...] = (
    ClauseRule("purpose_clause",
               "^(?:" + "|".join(sorted(CONTINUATION_WORDS, key=len, reverse=True)) + ")",
               "进一步/不断/为/让/助力… say why the task before is done, not a new piece of work"),
)

# Structural rules: their patterns document the shape; ``luoshi/extract/tasks.py`` applies them by name.
STRUCTURE_RULES: tuple[ClauseRule, ...] = (
    ClauseRule("verbs_only", r"^(?:MODIFIER|VERB)+$",
               "力争上半年动工建设 dates the task before it; alone it names nothing to do"),
    ClauseRule("noun_led", r"^(?!MODIFIER*VERB)",
               "a clause opened by a noun (超亿元以上项目8个, 经济综合实力进一步增强) extends the task before it"),
    ClauseRule("target_clause", r"^(?!MODIFIER*VERB).*TARGET",
               "a noun-led clause that holds a target opens a task when no verb-led task is open "
               "(地方一般公共预算收入增长11%; 规模以上工业产值增长4.6%: a list of headline targets)"),
)

# Sentences and clauses that commit to nothing: slogans, the year's character, transitions.
SKIP_RULES: tuple[ClauseRule, ...] = (
    ClauseRule("general_requirements", r"总体要求|指导思想|工作主线|总的要求|思想为指导",
               "政府工作总体要求是：以…思想为指导 restates the line of higher levels; no office can carry it out"),
    ClauseRule("year_character", r"^(?:20[0-9]{2}年|今年|明年)是.{0,40}(?:之年|一年)",
               "2025年是“十四五”规划收官之年: describes the year, commits to nothing"),
    ClauseRule("transition", r"""以下.{0,8}(?:工作|方面|任务)|要实现以上目标|要完成上述目标
                                 |(?:做好|抓好|突出)[一二三四五六七八九十]+(?:个)?方面   # 重点做好八方面工作""",
               "重点抓好以下五方面工作: the report announcing its own parts"),
    ClauseRule("address", r"^各位代表",
               "各位代表: speech to the congress"),
    ClauseRule("political_pledge", r"两个确立|两个维护|四个意识|四个自信|两个毫不动摇",
               "political loyalty formulas: binding on everyone, assignable to no office"),
)

# Longest word first at each position (建成使用 before 建成), grouped by first character for speed.
VERB_RE = word_alternation(w for r in VERB_RULES for w in r.words)
MODIFIER_RE = word_alternation(MODIFIERS)

# A clause opened by a verb: adverbs and time words, then the verb (captured by its word).
LEADING_VERB = rx.compile(
    rf"""^[\s“"(（]*                      # stray quotes or spaces before the clause
        (?P<mods>(?:{MODIFIER_RE}|[0-9]{{4}}年|到|在?今年)*)    # 全力 / 力争 / 2025年 / 到今年年底
        (?P<verb>{VERB_RE})             # the verb that opens the task""",
    re.VERBOSE,
)
VERBS_ONLY = rx.compile(rf"^(?:{MODIFIER_RE}|{VERB_RE}|[的和及、并]|\s)+$")
WORD_RULE = {w: r for r in VERB_RULES for w in r.words}


def _compile(rules: tuple[ClauseRule, ...]) -> dict[str, re.Pattern[str]]:
    return {r.name: rx.compile(r.pattern, re.VERBOSE) for r in rules}


OPENERS = _compile(OPENER_RULES)
CONTINUATIONS = _compile(CONTINUATION_RULES)


def _first_of(rules: tuple[ClauseRule, ...]) -> re.Pattern[str]:
    """One pattern for a group of rules, each a named group: ``match(...).lastgroup`` is the rule that
    fired, the first in table order, in one call instead of one per rule."""
    return rx.compile("|".join(f"(?P<{r.name}>{r.pattern}\n)" for r in rules), re.VERBOSE)


OPENER_RE = _first_of(OPENER_RULES)
CONTINUATION_RE = _first_of(CONTINUATION_RULES)
SKIPS = _compile(SKIP_RULES)
# The closing parenthesis on its own line: a rule's last line may end in a comment.
ANY_SKIP = rx.compile("|".join(f"(?:{r.pattern}\n)" for r in SKIP_RULES), re.VERBOSE)


def leading_verb(clause: str) -> tuple[str, ActionRule] | None:
    """The verb that opens a clause, after its adverbs (句首动词), with its rule; None for other clauses.

    >>> verb, rule = leading_verb("全力推动产业综合配套工程(一期)下半年建成使用")
    >>> verb, rule.name
    ('推动', 'advance')
    >>> leading_verb("力争第一季度完成基地1230亩土地平整")[1].name
    'complete'
    >>> leading_verb("经济综合实力进一步增强") is None
    True
    """
    m = LEADING_VERB.match(clause)
    if m is None:
        return None
    return m.group("verb"), WORD_RULE[m.group("verb")]


def skip_rule(text: str) -> str | None:
    """The name of the rule by which a sentence or clause commits to nothing (非任务), or None.

    >>> skip_rule("2025年是“十四五”规划收官之年")
    'year_character'
    >>> skip_rule("启动产业综合配套工程(二期)") is None
    True
    """
    if not ANY_SKIP.search(text):  # one pass rules out the common case: a clause that commits to something
        return None
    for name, pattern in SKIPS.items():
        if pattern.search(text):
            return name
    return None


def project_action(text: str) -> str:
    """What a clause does to the project it names (项目动作): the most specific milestone verb in it.

    >>> project_action("推动雅固卫浴、顶尖管业等重点项目全面投产")
    '投产'
    >>> project_action("启动创新基地污水处理厂建设,力争上半年动工建设")
    '动工'
    >>> project_action("加强综治中心规范化建设")
    '建设'
    """
    for rule in VERB_RULES:
        if not rule.action:
            continue
        for word in sorted(rule.words, key=len, reverse=True):
            if word in text:
                return rule.action
    return ""
