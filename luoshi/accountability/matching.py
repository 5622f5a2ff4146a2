"""Whether the review's words name a target's indicator (指标匹配), with no word segmenter.

Both sides are first written alike (``canon``: full-width forms, quotes, ``SYNONYMS``). A target's
indicator becomes a ``Key``: the noun to look for (全省, 新增, …建设 dropped), the action it opened
with (新增 makes a flow) and its scope (城镇居民 …). The review's words cover the key when its
characters are found there in runs of two or more (贪心串铺砌, greedy string tiling), so word order
may change (概念验证中心、中试基地 covers 中试基地和概念验证中心) but the head noun (its last two
characters) must be found whole, and no other indicator may be named around it (人均生产总值).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from luoshi import rx
from luoshi.plan import Target
from luoshi.rules import accountability as rules

_DROP = rx.compile(r"[\s“”‘’\"'《》〈〉「」『』]")
_SYNONYMS = tuple((rx.compile(r.pattern), r.canonical, r.name) for r in rules.SYNONYMS)
_SCOPES = tuple((s, tuple(rx.compile(w) for w in s.words)) for s in rules.SCOPES)
_STAGES = tuple((s.name, rx.compile(f"(?:{s.words})")) for s in rules.STAGES)
_STAGE_ENDS = tuple((s.name, rx.compile(f"(?:{s.words})$")) for s in rules.STAGES)
_NUMBER = rx.compile(r"[0-9]+(?:\.[0-9]+)?")


def canon(text: str) -> str:
    """Text written the one way both sides are compared in (规范写法).

    >>> canon("规上工业增加值"), canon("全省生产总值"), canon("“千万工程”示范村"), canon("粮食总产")
    ('规模以上工业增加值', '全省生产总值', '千万工程示范村', '粮食产量')
    >>> canon("城镇常住居民人均可支配收入"), canon("单位GDP能耗")
    ('城镇居民人均可支配收入', '单位生产总值能耗')
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    for pattern, canonical, _ in _SYNONYMS:
        text = pattern.sub(canonical, text)
    return text


def rewrites_fired(text: str) -> list[str]:
    """The names of the SYNONYMS that rewrite ``text`` (for ``explain`` and the rule cases).

    >>> rewrites_fired("规上工业增加值"), rewrites_fired("粮食总产量")
    (['above_scale'], ['total_output'])
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    fired = []
    for pattern, canonical, name in _SYNONYMS:
        new = pattern.sub(canonical, text)
        if new != text:
            fired.append(name)
        text = new
    return fired


@dataclass(frozen=True)
class Key:
    """What to look for in the review for one target (检索词)."""

    noun: str  # canonical words of the indicator without scope, action and scope words
    action: str  # the action it opened with (新增), "" when none
    scope: tuple[str, str] | None  # (scope group, scope word) of the target: ("residents", "城镇居民")
    threshold: tuple[str, float] | None = None  # 产值过百亿的园区: ("产值", 1e10); the noun is then 园区
    stage: str | None = None  # the stage of the work it counts (started, finished), from STAGES
    place: str | None = None  # where it sends people (粤东粤西粤北), from DESTINATION

    @property
    def flow(self) -> bool:
        """A target of additions (新增…, 新建…): a stock reached is no answer to it."""
        return bool(rules.FLOW_TARGET.match(self.action))

    @property
    def short(self) -> bool:
        return len(self.noun) < rules.SHORT_KEY


def scope_of(words: str) -> tuple[str, str] | None:
    """The scope (口径) named in canonical words: (group, word), the bare scope, or None.

    >>> scope_of("城镇居民人均可支配收入"), scope_of("居民人均可支配收入"), scope_of("生产总值")
    (('residents', '城镇居民'), ('residents', '居民'), None)
    """
    for scope, patterns in _SCOPES:
        for pattern in patterns:
            if m := pattern.search(words):
                return scope.name, m.group(0)
        if scope.bare and scope.head in words:
            return scope.name, scope.bare
    return None


def key_of(target: Target) -> Key:
    """The key of a target: its indicator's noun, action and scope.

    >>> t = Target("g1", "2", "城乡居民人均可支配收入", "growth", "=", 6, "%", "", "",
    ...            "城乡居民人均可支配收入分别增长5%、6%")
    >>> key_of(t).noun, key_of(t).scope
    ('人均可支配收入', ('residents', '农村居民'))
    >>> key_of(Target("g4", "2.5", "培育新增工业产值过百亿的园区", "quantity", "=", 2, "个", "", "", "")).threshold
    ('产值', 10000000000.0)
    >>> key = key_of(Target("g2", "2.3", "新建中试基地和概念验证中心", "quantity", "=", 20, "家", "", "", ""))
    >>> key.noun, key.action, key.flow
    ('中试基地和概念验证中心', '新建', True)
    >>> key_of(Target("g3", "2.5", "分类推进重点小城镇建设", "quantity", "=", 100, "个", "", "", "")).noun
    '重点小城镇'
    """
    words = rules.SCOPE_PREFIX.sub("", canon(target.indicator))
    tasks = words.split(rules.TASK_JOIN)
    if len(tasks) > 1 and rules.ACTION_PREFIX.match(tasks[-1]):
        words = tasks[-1]  # 推进…退租、完成申请式退租2000户: the figure is the last task's
    m = rules.ACTION_PREFIX.match(words)
    action = m.group(0) if m and m.end() < len(words) - 1 else ""
    rest = rules.SCOPE_PREFIX.sub("", words[len(action):]) or words[len(action):]
    noun = rules.GENERIC_SUFFIX.sub("", rest) or rest
    stage = stage_of(action)
    for name, pattern in _STAGE_ENDS:
        if (m := pattern.search(noun)) and m.start() >= 2:
            stage, noun = name, noun[: m.start()]  # 老旧小区综合整治新开工: the thing, then its stage
            break
    if len(worked := rules.WORK_SUFFIX.sub("", noun)) >= rules.SHORT_KEY:
        noun = worked  # 老旧小区综合整治: 老旧小区
    if target.kind == "growth":
        noun = rules.CHANGE_SUFFIX.sub("", noun) or noun
    examples = re.search(rules.COUNTED_AFTER_EXAMPLES.format(unit=re.escape(target.unit)), canon(target.source_text))
    if target.kind == "quantity" and target.unit and examples:
        noun = examples.group("noun")  # 西延高铁、麟法等3条高速: 高速 is what is counted
    threshold = None
    if (m := rules.THRESHOLD.search(noun)) and (amount := amount_of(m.group("amount"), m.group("unit") or "")):
        threshold, noun = (m.group("measure")[-2:], amount), m.group("head")
    scope = scope_of(noun)
    if scope is not None:
        if scope[1] == "城乡居民" and "分别" in target.source_text:
            scope = (scope[0], rules.URBAN_RURAL[_listed_position(target)])
        for group, patterns in _SCOPES:
            if group.name == scope[0]:
                for pattern in patterns:
                    noun = pattern.sub("", noun)
                if group.bare:
                    noun = noun.replace(group.bare, "", 1) if noun.startswith(group.bare) else noun
    else:
        noun = _listed_item(target, noun)
    place = m.group("place") if (m := rules.DESTINATION.search(canon(target.source_text))) else None
    return Key(noun, action, scope, threshold, stage, place)


def stage_of(words: str) -> str | None:
    """The stage (STAGES) the words end with: 开工 is started, 完工 and 建成 finished.

    >>> stage_of("老旧小区改造开工"), stage_of("完工"), stage_of("完成71处")
    ('started', 'finished', None)
    """
    found = [(m.end(), name) for name, pattern in _STAGES for m in pattern.finditer(words)]
    return max(found)[1] if found else None


def _listed_item(target: Target, noun: str) -> str:
    """The i-th item of a listed indicator with as many listed values (煤炭、原油、天然气产量7.8亿吨、2470万吨、
    350亿方): the item and the list's head noun (its last two characters), for the target's own value.

    >>> t = Target("g1", "2", "煤炭、原油、天然气产量", "quantity", "=", 2470, "万吨", "", "",
    ...            "煤炭、原油、天然气产量7.8亿吨、2470万吨、350亿方以上")
    >>> _listed_item(t, canon(t.indicator))
    '原油产量'
    """
    items = [i for i in rules.LISTED_INDICATOR.split(noun) if i]
    if len(items) < 2:
        return noun
    text = unicodedata.normalize("NFKC", target.source_text)
    values = _NUMBER.findall(text[text.find(items[-1]) + len(items[-1]):] if items[-1] in text else text)
    number = f"{abs(target.value):g}"
    if len(values) != len(items) or number not in values:
        return noun
    i = values.index(number)
    return items[i] if i == len(items) - 1 else items[i] + items[-1][-2:]


_MAGNITUDES = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "亿": 1e8}
_MONEY_UNITS = {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "元": 1, "亿": 1e8, "万": 1e4, "": 1}


def amount_of(written: str, unit: str) -> float | None:
    """An amount in 元 (or plain units): 百亿 → 1e10, 100 with 亿元 → 1e10.

    >>> amount_of("百亿", ""), amount_of("100", "亿元"), amount_of("千", "万元")
    (10000000000.0, 10000000000.0, 10000000.0)
    """
    try:
        value = float(written)
    except ValueError:
        value = 1.0
        for ch in written:
            value *= _MAGNITUDES.get(ch, 1)
    return value * _MONEY_UNITS.get(unit, 1)


def _listed_position(target: Target) -> int:
    """0 for the first value of a 分别 list in the target's text (城镇), 1 for a later one (农村)."""
    text = unicodedata.normalize("NFKC", target.source_text)
    values = re.findall(r"[0-9]+(?:\.[0-9]+)?", text[text.find("分别"):]) if "分别" in text else []
    number = f"{abs(target.value):g}"
    return 1 if values and values[0] != number and number in values else 0


@dataclass(frozen=True)
class Cover:
    """How the review's words cover a key (覆盖): the share of its characters and where they were found."""

    share: float
    start: int  # in the canonical words: where the first run found starts
    end: int  # where the run holding the head noun ends
    ok: bool  # the head noun found whole and no other indicator named around it


NO_COVER = Cover(0.0, 0, 0, False)


def cover(noun: str, words: str) -> Cover:
    """How much of ``noun`` the canonical ``words`` hold, in runs of two characters or more.

    >>> cover("中试基地和概念验证中心", "概念验证中心、中试基地分别达到").share
    0.9090909090909091
    >>> cover("天然气产量", "延长石油天然气产能倍增工程").ok
    False
    >>> cover("生产总值", "人均生产总值从9万元提高到11万元").ok
    False
    """
    if len(noun) < 2 or noun[-2:] not in words:
        return NO_COVER  # the head noun is not there whole: no run can hold it (and most words are ruled out here)
    covered = [False] * len(noun)
    runs: list[tuple[int, int, int]] = []  # (start in noun, start in words, length)
    while True:
        best = (0, -1, -1)
        for i in range(len(noun)):
            if covered[i]:
                continue
            j = i + 2
            while j <= len(noun) and not covered[j - 1]:
                pos = words.find(noun[i:j])
                if pos < 0:
                    break
                if j - i > best[0]:
                    best = (j - i, i, pos)
                j += 1
        length, i, pos = best
        if length < 2:
            break
        for k in range(i, i + length):
            covered[k] = True
        runs.append((i, pos, length))
    share = sum(covered) / len(noun)
    head = next((r for r in runs if r[0] + r[2] == len(noun) and r[2] >= 2), None)
    first = min(runs, default=None)
    if head is None or first is None:
        return Cover(share, 0, 0, False)
    start, end = first[1], head[1] + head[2]
    other = bool(rules.OTHER_INDICATOR_BEFORE.search(words[:start])) or bool(
        rules.OTHER_INDICATOR_AFTER.match(words[end:]))
    return Cover(share, start, end, not other and not _substituted(sorted(runs)))


def _substituted(runs: list[tuple[int, int, int]]) -> bool:
    """国家级优势特色产业集群 against 国家级中小企业特色产业集群: words of the indicator missing between two runs
    found, and other words in their place: another kind of the thing."""
    for (k1, w1, n1), (k2, w2, _) in pairwise(runs):
        if k2 - (k1 + n1) >= rules.SUBSTITUTED and w2 - (w1 + n1) >= rules.SUBSTITUTED:
            return True
    return False


def covers(key: Key, words: str) -> Cover:
    """``cover`` of a key's noun, counted as found only when it passes the bar (MIN_COVERAGE)."""
    c = cover(key.noun, words)
    return c if c.ok and c.share >= rules.MIN_COVERAGE else NO_COVER
