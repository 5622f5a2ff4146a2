"""Indicators (指标名称): what a target measures, as short as it stays unambiguous.

Clause-shape rules, no word segmenter: the words before the number (地方一般公共预算收入增长11%),
or, when the number stands between a verb and what it counts (新增3家“专精特新”中小企业), the verb
and the noun after the number; a project's investment (总投资50亿元的建滔…项目) names the project.
"""

from __future__ import annotations

import re

from luoshi import rx

# Words that open a clause without naming what is measured: firmness, time, emphasis.
_LEADING = rx.compile(
    r"""^(?:
        [(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、  # a heading's numeral: （一）, 二、
      | 力争|确保|努力|争取|全力|着力|加快|加速|今年|全年|年内|计划|再|同时|其中|并|要|将|进一步|持续
      | 全面|继续|深入|大力|积极|重点|高质量|高标准|扎实|切实|推动|推进|促进|实现|完成|基本|全部
      | 到今年年底|到年底|今年年底|年底前|到|在|对|为|共|累计
      | [0-9]{4}年(?:全[省市县区镇])?
    )+""",
    re.VERBOSE,
)
# Words that end the text before a number without naming it: comparator and change words.
_TRAILING = rx.compile(
    r"""(?:
        不超过|不高于|不少于|不低于|至少|控制在|控制|保持在|保持|稳定在|维持在|提高到|提高至|提升到|提升至
      | 压缩至|压缩到|缩短至|缩短到|缩短|压缩
      | 增加到|增加至|降至|降到|下降到|超过|超出|突破|达到|达|超|逾|约|近|为|在
      | 增长|下降|降低|提高|减少|实现|完成|(?<![平人年])均|分别|了|的|继续|持续|稳步|进一步|力争|确保|要|等
      | 每(?:千|万|百)?(?:人口|人|户|生|名)?(?:每(?:年|月|日|天))?
    )+\Z""",
    re.VERBOSE,
)
# Where the noun after a number ends.
_RIGHT_END = rx.compile(r"[，；。：、！？,;:]|和(?=[0-9一二三四五六七八九十])|及(?=[0-9])|等|并|同时")
# The words before a number belong to something else when they end in a separator (…治理工程和40宗堤防)
# or introduce the noun after it (…发现问题的40家单位, 网络购物等8类商品).
_LEFT_ELSEWHERE = rx.compile(r"[、和及与]\Z")
_LEFT_RELATIVE = rx.compile(r"的\Z")
_LEFT_EXAMPLES = rx.compile(r"等\Z")
_BOUND = rx.compile(r"不低于|不少于|不超过|不高于|低于|高于")  # 不低于…标准的1.6倍: the subject stands before it
_RIGHT_CUT = rx.compile(r"顺利|加快|全面|尽快|早日|落地|更贴|更合|更有")
_RIGHT_CHANGE = rx.compile(r"的?(?:增长|增速|增幅|提升|下降)")
# A subject that ends in a verb takes the noun after the number as its object (…后溪村再推进2个“工改工”项目).
_VERB_END = rx.compile(r"(?:推进|建设|新增|完成|实施|打造|培育|引进|创建|改造|新建|开展|建成|推动|促进|招引|落地)\Z")
_AFTER_CUE = rx.compile(r"^(?:及?以上|左右|以内|以下|上下)")
_MAX = 40


def _trim(text: str) -> str:
    return text.strip("　 ，、；：,;:")


def indicator_of(before: str, after: str, verb: str = "") -> str:
    """The indicator of a number from the clause text before it and the text after its unit.

    >>> indicator_of("地方一般公共预算收入增长", "；")
    '地方一般公共预算收入'
    >>> indicator_of("新增", "“专精特新”中小企业、促进")
    '新增“专精特新”中小企业'
    >>> indicator_of("全力推动总投资", "的建滔(开平)新一代信息技术产业园项目顺利落地")
    '建滔(开平)新一代信息技术产业园项目总投资'
    """
    examples = bool(_LEFT_EXAMPLES.search(before))
    if _LEFT_RELATIVE.search(before):
        bound = _BOUND.search(before)
        before = before[: bound.start()] if bound else ""
    elif _LEFT_ELSEWHERE.search(before):
        before = ""
    left = _LEADING.sub("", before)
    left = _TRAILING.sub("", left)
    left = _trim(left)
    after = _AFTER_CUE.sub("", after)
    m = _RIGHT_END.search(after)
    right = after[: m.start()] if m else after
    if _RIGHT_CHANGE.match(right):
        right = ""  # 实现6%的增长: the change is no part of what is measured
    if right.startswith("的"):
        right = right[1:]
        cut = _RIGHT_CUT.search(right)
        name = _trim(right[: cut.start()] if cut else right)
        return (name + left)[-_MAX:] if name else left[-_MAX:]
    right = _trim(right)
    if not left and verb:
        left = verb
    if right and (len(left) <= 8 or examples or _VERB_END.search(left)):
        # A verb (or a short subject) before the number and the noun after it: 新增 + 中小企业.
        return (left + right)[:_MAX]
    # A subject before the number names it (城镇新增就业110万人以上).
    return left[-_MAX:] or right[:_MAX]
