"""Row rules (任务分解表的行): what makes a row of the office's task table, and what is no row.

``../shared/eval/TASKS.md`` is the guideline: a row is the report's own words, one contiguous stretch,
**the sentence by default** (ended by 。！？； or a line break; the ASCII ``;`` ``?`` ``!`` of web-damaged
text count the same). A sentence is split only at an explicit enumeration (一是/二是, (1), ①, 第一，,
a line opened by ——), where a part has a deadline of its own (力争第一季度完成…), or where headline
targets listed in one sentence go to different offices. A sentence that only explains the one before
(为…提供保障) joins it. A short label opening a paragraph (一是强化项目支撑。 提高投资效益。) is a
heading of what follows.

Whether a sentence commits is decided by what it says: every sentence of the plan part is a row unless
one of ``SKIP_RULES`` names why it commits to nothing a unit could report on. Task-verb lists
(``luoshi/rules/actions.py``) are cues for the finer clause cut, never a gate here: 适当提高退休人员基本
养老金, 培训乡村医生5000名 and 全面评估封关准备情况 are rows whatever their first verb.

Each rule is named and says why; the cases live in ``tests/core/cases/rows_cases.json``.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.rules.actions import ClauseRule as SkipRule  # a named reason a sentence is no row: pattern and why

# Tried in order; the first that matches names the reason. ``heading`` is decided by position and shape
# (``is_label`` below and the section headings of ``luoshi.structure``), not by a pattern.
SKIP_RULES: tuple[SkipRule, ...] = (
    SkipRule("address", r"^(?:各位代表|各位委员|同志们)[！!，,。]?$",
             "各位代表！ speaks to the congress; it holds nothing to do"),
    SkipRule("assessment",
             r"""^(?:20[0-9]{2}年|今年|明年)是.{0,60}(?:之年|一年)[。！!]?$   # 2025年是“十四五”规划收官之年
                 |^(?:当前|目前|同时)?[,，]?我们(?:也)?(?:要)?(?:清醒|深刻)(?:地)?(?:看到|认识到)
                 |动力与压力同在|机遇与挑战并存|困难和挑战|风险挑战(?:依然|仍然)
                 |^(?:当前|目前)[,，]?.{0,30}(?:形势|环境)(?:依然|仍然|更趋|日趋|十分)""",
             "an assessment of the year or the situation (收官之年, 机遇与挑战并存) reports on nothing"),
    SkipRule("transition",
             r"""以下.{0,8}(?:工作|方面|任务)[:：。]?$|要实现以上目标|要完成上述目标|为实现上述目标
                 |(?:做好|抓好|突出|推进)[一二三四五六七八九十几]+(?:个)?方面(?:的)?(?:重点)?(?:工作)?[:：。]?$""",
             "重点抓好以下五方面工作: the report announcing its own parts; the rows are what follows"),
    SkipRule("exhortation",
             r"""^让我们|^(?:我们一定|努力|奋力).*(?:交出|书写|谱写|奏响|创造|作出).{0,24}(?:答卷|篇章|新辉煌|新贡献)[。！!]?$
                 |^(?:使命|梦想|奋斗|征程|实干|蓝图|号角).{0,16}[。！!]$""",
             "让我们更加紧密地团结…, 使命催人奋进，奋斗创造未来！: a call to the audience, no unit reports on it"),
    SkipRule("slogan",
             r"""^(?:(?:坚持|牢记|践行|树牢|弘扬)[^，,；;。]{2,16}(?:理念|思想|方针|总基调|不动摇|金山银山|路线)
                 |(?:深刻领悟|忠诚拥护|坚决做到|增强|坚定)[“"]?(?:两个确立|两个维护|四个意识|四个自信)[”"]?
                     (?:的决定性意义)?
                 )[。！!]?$""",
             "a principle or loyalty formula with no object (坚持绿水青山就是金山银山): the sentence holds "
             "nothing else; one that goes on to an object (坚持…“两个毫不动摇”,更大力度帮助民营企业纾困解难) "
             "is a row"),
)

# Words that link a sentence to the one before and may be dropped from the row's start (TASKS.md rule 2).
CONNECTIVES: frozenset[str] = frozenset({"同时", "此外", "另外", "与此同时", "为此", "对此", "同时要", "还要"})

# A short label ending in 。 that opens a paragraph is a heading of what follows (一是强化项目支撑。
# 提高投资效益。): at most this many characters before its 。, and no comma, enumeration comma or number.
LABEL_MAX = 18
# Only a label that opens its paragraph (or is numbered 一是…) is a heading. A short sentence in the middle
# of a paragraph stays a row even when it looks like a label (加强产业协作。 in a report whose bold run-in
# headings were flattened): tried as a heading when a long sentence on the same subject follows, it dropped
# real commitments of unseen reports (抓好未成年人违法犯罪防治。 持续推行中华古籍保护计划。), and a dropped
# sentence is a dropped promise; a label kept as a row costs one extra row.
# A label names a field of work; one opened by a milestone verb (完成南宁机场改扩建项目。 建成…) is a
# commitment a unit reports on, however short (verb rules of luoshi/rules/actions.py).
LABEL_NOT_VERBS = frozenset({"complete", "start", "produce"})
LABEL_BODY = rx.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、])?"
                        r"[^，,、；;：:0-9０-９%％]+。$")
ENUMERATED_LABEL = rx.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、])")

# Sentence ends inside a Draft sentence that a row also ends at (TASKS.md rule 3: ；and the ASCII ; of
# web-damaged text).
ROW_END = rx.compile(r"[；;]")

# A sentence that opens with one of these only explains the one before (its purpose or effect) when it has
# no clause of its own: it joins the row before (TASKS.md rule 5).
EXPLAINS = rx.compile(r"^(?:从而|以此|以便|进而|为(?!民|此|进一步)[^，,。]{2,30}(?:提供|奠定|打下|营造|创造))")


SKIPS = {r.name: rx.compile(r.pattern, re.VERBOSE) for r in SKIP_RULES}
RULES_BY_NAME = {r.name: r for r in SKIP_RULES}
HEADING_WHY = "a heading (章节标题, or a short label opening a paragraph: 一是强化项目支撑。) names what follows"
REASONS: dict[str, str] = {"heading": HEADING_WHY, **{r.name: r.why for r in SKIP_RULES}}
# How the office reads each reason (the Markdown outline and the web app show these).
REASON_LABELS: dict[str, str] = {"heading": "标题", "address": "称呼", "assessment": "形势判断", "transition": "过渡语",
                                 "exhortation": "号召", "slogan": "原则口号", "no_action": "无具体任务"}


def skip_reason(sentence: str) -> str | None:
    """Why a sentence of the plan part is no row (不列入任务的理由), or None when it is one.

    >>> skip_reason("2025年是“十四五”规划收官之年,是“百千万工程”三年初见成效的关键一年。")
    'assessment'
    >>> skip_reason("坚持和落实“两个毫不动摇”,更大力度帮助民营企业纾困解难。") is None
    True
    >>> skip_reason("坚持绿水青山就是金山银山。")
    'slogan'
    """
    body = sentence.strip()
    for name, pattern in SKIPS.items():
        if pattern.search(body):
            return name
    return None


def is_label_shape(sentence: str, max_len: int = LABEL_MAX) -> bool:
    """A sentence shaped like a label (标签式小标题): short, one phrase, ended by 。, no number.

    >>> is_label_shape("提高投资效益。"), is_label_shape("一是加强党的全面领导。")
    (True, True)
    >>> is_label_shape("培训乡村医生5000名。"), is_label_shape("发展首发经济、冰雪经济、银发经济。")
    (False, False)
    """
    body = sentence.strip()
    core = ENUMERATED_LABEL.sub("", body)
    return len(core) - 1 <= max_len and LABEL_BODY.match(body) is not None
