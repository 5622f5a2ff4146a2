"""Wordings of a claim that the indicator's words alone do not settle (措辞核对).

A figure may name the target's indicator and still not answer it: it counts another stage of the work
(开工 for 完工), leaves out where the target sends people (在粤 for 到粤东粤西粤北), puts a short indicator
under another subject (落地项目完成投资 for 投资), stands after 其中 with words of its own between
(其中沿边临港产业园区工业投资), or is another item of a list that shares the head noun (原油加工量、
天然气产量). And a figure may be worded otherwise in the same field (技术难题 for 关键核心技术, ``RELATED``):
a claim, but ``unclear``. The words are in ``luoshi.rules.accountability``.
"""

from __future__ import annotations

import re

from luoshi import rx
from luoshi.accountability.figures import Figure
from luoshi.accountability.matching import Key, canon, cover, scope_of, stage_of
from luoshi.plan import Target
from luoshi.rules import accountability as rules
from luoshi.rules import review_claims

_RELATED = tuple((r, rx.compile(r.target), rx.compile(r.claim)) for r in rules.RELATED)
_CJK = rx.compile(r"[\u4e00-\u9fff]")


def same_stage(key: Key, own: str) -> bool:
    """Whether the figure's own words count the target's stage of the work, or name none.

    >>> from luoshi.accountability.matching import Key
    >>> key = Key("老旧小区", "", None, stage="finished")
    >>> same_stage(key, "老旧小区改造开工"), same_stage(key, "完工"), same_stage(key, "改造老旧小区")
    (False, True, True)
    """
    found = stage_of(canon(own))
    return key.stage is None or found is None or found == key.stage


def names_place(key: Key, words: str) -> bool:
    """Whether the claim's words name where the target sends people (when it does)."""
    return key.place is None or key.place in canon(words)


def other_subject(key: Key, target: Target, before: str) -> bool:
    """Whether the words before a short indicator name another subject than the target's (落地项目 完成投资).

    Actions and fillers are no subject; scope words are judged elsewhere (scope_differs) and the target's own
    words belong to it.

    >>> from luoshi.accountability.matching import Key
    >>> t = Target("g1", "2.2", "投资", "quantity", ">=", 5000, "亿元", "", "", "完成投资5000亿元以上")
    >>> other_subject(Key("投资", "", None), t, "落地项目完成"), other_subject(Key("投资", "", None), t, "完成")
    (True, False)
    """
    words = rules.ACTION_END.sub("", review_claims.FILLER.sub("", canon(before)))
    words = rules.ACTION_PREFIX.sub("", rules.SCOPE_PREFIX.sub("", words))
    if len(_CJK.findall(words)) < 2 or words in canon(target.source_text):
        return False
    return scope_of(words) is None


def part_of_whole(key: Key, own: str) -> bool:
    """A named programme or a count of places before the indicator, or 其中 with words of its own between
    (其中沿边临港产业园区工业投资): a part of the whole. 其中规模工业增加值 is the indicator itself."""
    if m := rules.SUBSET_MARK.match(own):
        rest = canon(own[m.end():])
        c = cover(key.noun, rest)
        return not c.ok or bool(rules.SCOPE_PREFIX.sub("", rest[: c.start]))
    return bool(rules.PART_OF_WHOLE.search(own))


def related(key: Key, figure: Figure) -> str | None:
    """The name of the RELATED wording by which the figure speaks of the target's field, if any."""
    own = canon(figure.own)
    for entry, target, claim in _RELATED:
        if target.search(key.noun) and claim.search(own):
            return entry.name
    return None


def item_names(key: Key, item: str) -> bool:
    """Whether a list item of the review, with the list's head (原油加工量 + 电量, 卫生户厕普及率), names the key by
    more than the head all items share: 天然气产量 does not name 原油产量, 卫生户厕普及率 names 农村卫生户厕普及率."""
    c = cover(key.noun, item)
    return c.ok and round(c.share * len(key.noun)) >= min(len(key.noun), 2 * rules.ITEM_RUN)


def next_to_figure(key: Key, target: Target, f: Figure, own: str) -> bool:
    """A short indicator (产量, 学位) stands right before the figure (粮食产量836.9亿斤), under no other subject than
    the target's (not 落地项目完成投资), or is the noun after it (4条高速公路)."""
    noun = canon(f.noun)
    before = own[: len(own) - len(noun)] if noun and own.endswith(noun) else own
    m = re.search(re.escape(key.noun) + review_claims.NEAR_FIGURE, before)
    if m and other_subject(key, target, before[: m.start()]) and not rules.PART_OF_WHOLE.search(f.own):
        m = None  # “三北”工程造林 is judged a part of the whole, 落地项目完成投资 is not the plan's 投资
    return bool(m) or noun.startswith(key.noun)
