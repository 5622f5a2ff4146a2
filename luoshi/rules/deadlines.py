"""Deadline words (完成时限): the time words of a clause → the ISO date a commitment is due.

Each rule is named, commented with why, and carries its own verbose regex; the cases live in
``tests/core/cases/deadlines_cases.json``. One compiled alternation scans a clause once: the
leftmost time word wins, and at one position the longer word wins because longer alternatives
are listed first (the order hazards are written next to the rules they concern).

A clause with no time word is due at the end of the plan year; ``find_deadline`` returns
``None`` for it so that the caller can tell "stated" from "defaulted".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

from luoshi import rx

# Chinese month and small-count numerals as they appear in time words (六月底, 三年内).
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _small_number(token: str) -> int:
    """1–99 written in Arabic digits or as a Chinese numeral (十二, 二十, 两)."""
    if token.isdigit():
        return int(token)
    if token.startswith("十"):  # 十, 十二
        return 10 + (_CN_DIGIT.get(token[1:], 0) if len(token) > 1 else 0)
    if "十" in token:  # 二十, 二十三
        tens, _, ones = token.partition("十")
        return _CN_DIGIT[tens] * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[token]


def _date(year: int, month: int, day: int) -> str:
    return f"{year}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"


def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _in_month(year: int, month: int, part: str | None) -> str:
    """The day a time inside month ``month`` falls due: 上旬 the 10th, 中旬 the 20th, otherwise its last day."""
    month = min(12, max(1, month))
    day = {"上旬": 10, "中旬": 20, "初": 10}.get(part or "")
    return _date(year, month, day) if day else _month_end(year, month)


@dataclass(frozen=True)
class DeadlineRule:
    """A named time-word rule (时限规则): pattern → due date for a plan year."""

    name: str
    pattern: str  # verbose regex; named groups feed ``resolve``
    resolve: Callable[[dict[str, str], int], str]
    why: str


_NUM = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,3}"  # a small count or a month: 6, 六, 十二

DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    # Plan periods first: “十四五”末 holds 五, which the month and count rules below must not see.
    DeadlineRule(
        "plan_period_end",
        r"""[“"]?十(?P<period>[一二三四五六七八九])五[”"]?  # “十四五”, 十五五: the n-th five-year plan
            (?:规划)?期?                                # optional 规划 / 期
            (?:末|结束|收官                                # its end,
              |(?:期间|时期)(?=累计|共计|合计|总计))          # or a total over the whole period (期间累计)""",
        lambda g, y: f"{1955 + 5 * (10 + _CN_DIGIT[g['period']])}-12-31",
        "the n-th five-year plan ends in 1955 + 5n: 十四五 → 2025, 十五五 → 2030 (“十五五”时期 alone is a horizon)",
    ),
    DeadlineRule(
        "by_year",
        r"""(?:到|至)?                                        # 到 / 至 before the year
            (?P<year>20[2-9][0-9])年                         # a four-digit year
            (?:底|末)?前?                                     # optional 底 / 末 / 前""",
        lambda g, y: f"{g['year']}-12-31",
        "到2027年 is a multi-year goal due at the end of that year (earlier years are skipped by match_deadline)",
    ),
    DeadlineRule(
        "within_years",
        rf"""(?:未来|今后)(?P<ahead>{_NUM})年(?:内|之内|间)?      # 未来三年, 今后五年内
            |(?P<n>{_NUM})年(?:内|之内|间|时间)                  # 三年内, 用三年时间""",
        lambda g, y: f"{y + _small_number(g.get('ahead') or g['n']) - 1}-12-31",
        "三年内 counts the plan year itself: plan year + 2",
    ),
    DeadlineRule(
        "years_spending",
        rf"""(?<![近前去这])(?P<n>{_NUM})年                  # n years, not 近三年 / 前两年 / 这三年 (the past)
            (?=累计|统筹|共计|合计|新增|新建|完成|建成|投入|培育|引进)  # … over which a total is reached""",
        lambda g, y: f"{y + _small_number(g['n']) - 1}-12-31",
        "a total spread over n years (五年统筹投入100亿元, 三年新增1万户) is due at the end of the n-th year",
    ),
    DeadlineRule(
        "this_year_month",
        rf"""今年(?P<month>{_NUM})月份?                      # 今年4月, 今年七月份
            (?P<part>底前|末前|底|末|前|内|上旬|中旬|下旬|初)?    # … 底 / 中旬 / 前""",
        lambda g, y: _in_month(y, _small_number(g["month"]), g.get("part")),
        "今年4月贯通, 今年7月底完成: due in that month (上旬 by the 10th, 中旬 by the 20th, else its last day)",
    ),
    # Quarters: 前三季度 before 三季度 (longer first at the same position is automatic, but
    # 第一季度 must not be read as the year-end 年 rules below, which never see 季).
    DeadlineRule(
        "first_three_quarters",
        r"""前三(?:个)?季度                                 # 前三季度: the first nine months""",
        lambda g, y: f"{y}-09-30",
        "前三季度 ends with September",
    ),
    DeadlineRule(
        "quarter",
        r"""(?:第)?(?P<q>[一二三四1-4])(?:个)?季度(?:末|底)?   # 第一季度, 一季度, 二季度末""",
        lambda g, y: _month_end(y, 3 * _small_number({"1": "一", "2": "二", "3": "三", "4": "四"}.get(g["q"], g["q"]))),
        "a quarter ends with its third month",
    ),
    DeadlineRule(
        "first_half",
        r"""上半年                                          # 上半年
            |(?<![青少中老成多一])年中(?![央国华小学])             # 年中, but not 青年中 / 今年中央""",
        lambda g, y: f"{y}-06-30",
        "上半年 and 年中 fall due on 30 June",
    ),
    # ORDER HAZARD: a date (6月30日前) starts like a month (6月): the date rule comes first.
    DeadlineRule(
        "date",
        r"""(?P<month>1[0-2]|0?[1-9])月                      # 6月
            (?P<day>[12][0-9]|3[01]|0?[1-9])日                # 30日
            (?:前|之前)?                                      # 前""",
        lambda g, y: _date(y, int(g["month"]), int(g["day"])),
        "6月30日前: due on that day",
    ),
    DeadlineRule(
        "month_end",
        rf"""(?P<month>{_NUM})月份?                         # 6月, 六月份
            (?P<part>底前|末前|底|末|前|内|中旬|上旬|下旬        # 底前 before 底: 6月底前 is one time word
              |(?=完成|完工|建成|开工|投用|投运|投产|启动|动工|竣工|交付|上线|开放|开园|开业|通车|贯通
                 |试运行|运行|运营|挂牌|举办|召开|出台|印发|落地|实现|见效))  # 4月开工: within that month""",
        lambda g, y: _in_month(y, _small_number(g["month"]), g.get("part")),
        "n月底(前), 4月开工 are due on the last day of month n (上旬 the 10th, 中旬 the 20th)",
    ),
    DeadlineRule(
        "year_end",
        r"""(?:今年)?(?:年底|年末)前?                         # 今年年底, 年底前, 年末
            |年内|全年|下半年|本年度|年度内                   # 年内, 全年, 下半年
            |今年(?![0-9一二三四五六七八九十]{1,2}月|年中|上半年|下半年|前三季度|第?[一二三四]季度)
                                                             # 今年, unless a time inside it follows (今年4月)""",
        lambda g, y: f"{y}-12-31",
        "年底/年内/全年/今年/下半年 all fall due at the end of the plan year",
    ),
)


# Time words that date nothing more than the plan itself (做好今年工作, 完成全年目标任务, 办好2025年…大会):
# a task whose only time word is one of these (or the plan year written out) is not a milestone.
UNDATED = frozenset({"今年", "全年", "本年度", "年度内"})


def dates_the_task(deadline_text: str, year: int) -> bool:
    """Whether a task's time word makes it a dated commitment (有明确时间节点), not the plan year restated.

    >>> dates_the_task("上半年", 2025), dates_the_task("年底前", 2025), dates_the_task("今年", 2025)
    (True, True, False)
    >>> dates_the_task("2025年", 2025), dates_the_task("到2027年", 2025)
    (False, True)
    """
    return bool(deadline_text) and deadline_text not in UNDATED and deadline_text != f"{year}年"


@dataclass(frozen=True)
class HorizonRule:
    """A named multi-year horizon (规划期/远景): a time a plan looks to, which is no deadline of the plan year."""

    name: str
    pattern: str  # verbose regex
    why: str


HORIZON_RULES: tuple[HorizonRule, ...] = (
    HorizonRule(
        "period_in_brackets",
        r"""[（(](?:20\d\d)年?\s*[—–\-－~～至到]+\s*(?:20\d\d)年[)）]   # 规划（2024—2029年）""",
        "a plan's own period, in brackets after its name: the plan runs that long, the task is still this year's",
    ),
    HorizonRule(
        "looking_to",
        r"""(?:面向|展望|着眼|放眼|瞄准)(?:20\d\d)年?              # 面向2035年, 展望2035""",
        "面向2035年: where the work points, not when it is due",
    ),
    HorizonRule(
        "plan_period",
        r"""[“"]?十[一二三四五六七八九]五[”"]?(?:规划)?(?:时期|期间)  # “十五五”时期
            (?!累计|共计|合计|总计)                                # (期间累计 is a total due at its end)""",
        "“十五五”时期: the five years a plan looks over, not its last day",
    ),
    HorizonRule(
        "years_ahead",
        rf"""(?:未来|今后)(?:{_NUM})年
            (?!内|之内|间|累计|共计|合计|新增|新建|建成|完成|投入|培育|引进|实现)
            # (未来三年新建学校20所 has a deadline: a total over those years)""",
        "未来五年: the years ahead in general; with a total to reach in them (未来三年新建…) it is a deadline",
    ),
)
_HORIZON = rx.compile("|".join(f"(?P<{h.name}>{h.pattern}\n)" for h in HORIZON_RULES), re.VERBOSE)


def find_horizon(text: str) -> tuple[str, str] | None:
    """The multi-year horizon a text looks to (规划期/远景) as (its text, rule name); None when there is none.

    >>> find_horizon("编制实施城市更新规划（2024—2029年）")
    ('（2024—2029年）', 'period_in_brackets')
    >>> find_horizon("面向2035年谋划重大项目"), find_horizon("加强“十五五”时期发展谋划")
    (('面向2035年', 'looking_to'), ('“十五五”时期', 'plan_period'))
    >>> find_horizon("未来三年新建学校20所") is None
    True
    """
    if "年" not in text and "五" not in text:  # every horizon holds one: most texts skip the scan
        return None
    m = _HORIZON.search(text)
    return (m.group(0), m.lastgroup or "") if m else None


# Named groups inside each rule would collide across rules, so they are renamed per rule; the
# closing parenthesis goes on its own line because a rule's last line ends in a comment.
_MASTER = rx.compile(
    "|".join(
        f"(?P<r{i}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<r{i}_\1>", rule.pattern) + "\n)"
        for i, rule in enumerate(DEADLINE_RULES)
    ),
    re.VERBOSE,
)


def match_deadline(text: str, year: int) -> tuple[str, str, str, int, int] | None:
    """The first time word of ``text``: (iso date, its text, rule name, start, end), or None.

    A year before the plan year (较2024年, 比2020年) is a point of comparison, not a deadline, and a
    time inside a multi-year horizon (规划（2024—2029年）, 面向2035年) is no deadline either.
    """
    horizons = [m.span() for m in _HORIZON.finditer(text)] if "年" in text else []
    for m in _MASTER.finditer(text):
        if horizons and any(a < m.end() and m.start() < b for a, b in horizons):
            continue
        i = _rule_index(m)
        prefix = f"r{i}_"
        groups = {k[len(prefix):]: v for k, v in m.groupdict().items() if k.startswith(prefix) and v is not None}
        if "year" in groups and int(groups["year"]) < year:
            continue
        rule = DEADLINE_RULES[i]
        return rule.resolve(groups, year), m.group(0), rule.name, m.start(), m.end()
    return None


def _rule_index(m: re.Match[str]) -> int:
    for i in range(len(DEADLINE_RULES)):
        if m.group(f"r{i}") is not None:
            return i
    raise AssertionError("a master match names no rule")


def find_deadline(text: str, year: int) -> tuple[str, str] | None:
    """The due date (完成时限) stated in ``text`` as (ISO date, deadline text); None when none is stated.

    >>> find_deadline("力争第一季度完成基地(东片区)1230亩土地平整", 2025)
    ('2025-03-31', '第一季度')
    >>> find_deadline("到2027年基本建成", 2025)
    ('2027-12-31', '到2027年')
    >>> find_deadline("新增3家专精特新中小企业", 2025) is None
    True
    """
    found = match_deadline(text, year)
    return None if found is None else (found[0], found[1])
