"""Stage: projects (重点项目): named projects, enterprises, facilities and roads the tasks act on.

Each task's text is read with the name patterns of ``luoshi/rules/projects.py``; a project gets
the task's section, the milestone verb of the task (落地, 投产, 建成, 动工, 申报 …, from
``luoshi/rules/actions.py``) and the investment stated next to its name (总投资50亿元的…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi import rx
from luoshi.extract import Draft
from luoshi.plan import Project, Span, Task, evolve
from luoshi.rules.actions import project_action
from luoshi.rules.projects import (
    CLAUSE_BREAKS,
    FRAME_RES,
    INVESTMENT,
    KIND_OF_SUFFIX,
    LIST_HEAD_RE,
    LIST_OPENERS,
    LIST_RES,
    NAME_INITIAL_PARTICLES,
    NEGATION,
    ONGOING,
    ONGOING_ACTION,
    PROGRAMME_HEAD,
    STOP_RE,
    SUFFIX_RE,
    WORK_WORD_RE,
    reject_rule,
)

_QUOTES = "“”\"'‘’"
# A character each rule's pattern cannot match without: texts lacking all of them skip the (slower) scan.
_NEEDS = {"listed_before_category": "等", "shared_suffix_list": "项工", "supported_enterprise": "支推鼓引帮服指督",
          "model_enterprise": "为", "quoted_name": "“", "brand_place": "(（", "shared_head_list": "、"}
_NEEDS_RE = {rule: rx.compile(f"[{re.escape(chars)}]") for rule, chars in _NEEDS.items()}


@dataclass(frozen=True)
class Name:
    """A project name found in a text (项目名称), with its offsets, kind and the rule that found it."""

    name: str
    kind: str
    rule: str
    start: int
    end: int


def _suffix_rule(m: re.Match[str]) -> str:
    return next((g for g in KIND_OF_SUFFIX if m.group(g)), "project_suffix")


def _suffix_kind(m: re.Match[str]) -> str:
    return KIND_OF_SUFFIX[_suffix_rule(m)]


def _chunks(text: str) -> list[tuple[int, int]]:
    """Stretches of text between the words a name never holds (punctuation, verbs, 的).

    A 和 right after a verb joins nothing: it begins a name (推进和龙通用机场建设); one after a single
    character is part of a word (开工建设协和医院…).
    """
    out, a, prev = [], 0, ""
    for m in STOP_RE.finditer(text):
        if m.group(0) in NAME_INITIAL_PARTICLES and ((m.start() == a and len(prev) > 1) or m.start() - a == 1):
            continue  # right after a verb it begins a name; after one character it is inside a word (协和医院)
        prev = m.group(0)
        if m.start() > a:
            out.append((a, m.start()))
        a = max(a, m.end())
    if a < len(text):
        out.append((a, len(text)))
    return out


def _by_suffix(text: str) -> list[Name]:
    """Names ending in a head noun: in each chunk, everything up to its last head noun."""
    out: list[Name] = []
    if not SUFFIX_RE.search(text):  # most clauses name no head noun: skip the chunking
        return out
    for a, b in _chunks(text):
        last = None
        for m in SUFFIX_RE.finditer(text, a, b):
            last = m
        if last is None:
            continue
        a = _skip_leading_verbs(text, a, last.start())
        # Two characters before a head noun at least (园区, 临路 alone name nothing); before a broad head
        # (中心, 机场), two that are a type (智算中心, 通用机场) are ruled out by the type words, not by length.
        if last.start() - a >= 2:
            out.append(Name(text[a:last.end()], _suffix_kind(last), _suffix_rule(last), a, last.end()))
    return out


# Building verbs that may open a chunk but never a name: 规划建设广东国家工业博物馆. Not 创新, 服务,
# 发展: those begin names (创新基地污水处理厂, 服务中心).
_LEADING = rx.compile(r"(?:规划|建设|新建|改建|扩建|续建|改造|升级|扩容|运营|运行|开放)+")


def _skip_leading_verbs(text: str, a: int, limit: int) -> int:
    """规划建设广东国家工业博物馆 → 广东国家工业博物馆: a verb that names may hold is still no name's start."""
    m = _LEADING.match(text, a, limit)
    return m.end() if m else a


def _trim_left(item: str) -> tuple[str, int]:
    """An item without the verbs and particles before it (推动雅固卫浴 → 雅固卫浴) and how much went."""
    cut = 0
    for m in STOP_RE.finditer(item):
        cut = m.end()
    return item[cut:], cut


def _by_list(text: str) -> list[Name]:
    out: list[Name] = []
    if "、" not in text:  # both list rules need a list
        return out
    for rule, pattern in LIST_RES.items():
        if not _NEEDS_RE[rule].search(text):
            continue
        for m in pattern.finditer(text):
            items, pos = m.group("items"), m.start("items")
            parts = items.split("、")
            if rule == "shared_head_list" and not _bare_place_list(text, m.start("items"), parts):
                continue
            if rule == "shared_suffix_list" and reject_rule(_trim_left(parts[-1])[0] + m.group("category")):
                continue  # 水安全、水环境治理、水生态修复工程: kinds of work share the head, not names
            for i, part in enumerate(parts):
                item, cut = _trim_left(part)
                if rule == "shared_suffix_list" and i == len(parts) - 1:
                    item += m.group("category")
                if rule == "shared_head_list" and item:
                    item += m.group("category")  # 观音 → 观音水库
                kind = "enterprise" if m.group("category") == "企业" else "project"
                tails = list(SUFFIX_RE.finditer(item)) if item else []
                if tails and tails[-1].end() == len(item):
                    kind = _suffix_kind(tails[-1])  # 西宁至成都铁路 is a road whatever the list calls it
                if item:
                    out.append(Name(item, kind, rule, pos + cut, pos + cut + len(item)))
                pos += len(part) + 1
    return out


def _bare_place_list(text: str, start: int, parts: list[str]) -> bool:
    """观音、宣威、花滩子 before 水库: a whole list (not its tail) of short bare names, no head or verb in them."""
    first, cut = _trim_left(parts[0])
    if not cut and start > 0 and text[start - 1] not in LIST_OPENERS:
        return False  # 炉霍至新都桥高速、乐山机场: the match began inside a longer item
    items = [first, *(p for p in parts[1:])]
    return all(len(t) >= 2 and not SUFFIX_RE.search(t) and not LIST_HEAD_RE.search(t) and not STOP_RE.search(t)
               and not WORK_WORD_RE.search(t) for t in items)


def _by_frame(text: str) -> list[Name]:
    out = []
    for rule, pattern in FRAME_RES.items():
        if not _NEEDS_RE[rule].search(text):
            continue
        for m in pattern.finditer(text):
            name, start = m.group("name"), m.start("name")
            if rule == "quoted_name":
                tail = SUFFIX_RE.search(name)
                if not tail or tail.end() != len(name):
                    continue  # a quoted slogan or term, not a name
                kind = _suffix_kind(tail)
            elif rule == "brand_place":
                close = max(name.find(")"), name.find("）")) + 1
                stop = STOP_RE.search(name, close)
                name = name[:stop.start()] if stop else name
                opening = next(i for i, ch in enumerate(name) if ch in "(（")
                brand, cut = _trim_left(name[:opening])
                lead = _LEADING.match(brand)  # 建设中柬（北海）产业园: 建设 may sit in names, not before a brand
                if lead and len(brand) - lead.end() >= 2:
                    brand, cut = brand[lead.end():], cut + lead.end()
                tails = [t for t in SUFFIX_RE.finditer(name) if t.start() >= close]
                if not tails or len(brand) < 2:
                    continue  # a brand and place with no head noun after them is not yet a name
                name, start = name[cut:tails[-1].end()], start + cut
                kind = _suffix_kind(tails[-1])
            else:
                trimmed, cut = _trim_left(name)  # 鼓励和支持现有项目: the frame's verbs are not the name
                name, start, kind = trimmed, start + cut, "enterprise"
            out.append(Name(name, kind, rule, start, start + len(name)))
    return out


def candidates(text: str) -> list[tuple[Name, str | None]]:
    """Every candidate name of a text with the reject rule that ruled it out (None for a name): explain's view.

    >>> [(n.name, why) for n, why in candidates("支持依利安达申报国家级绿色工厂")]
    [('国家级绿色工厂', 'level_type'), ('依利安达', None)]
    """
    return [(n, _quoted_programme(text, n) or reject_rule(n.name, listed=n.rule in LIST_RES))
            for n in _by_suffix(text) + _by_list(text) + _by_frame(text) if n.name.strip(_QUOTES)]


def _quoted_programme(text: str, n: Name) -> str | None:
    """“雪亮工程”: a programme's name in quotes, not a project to track."""
    quoted = text[n.start - 1:n.start] in "“\"" and text[n.end:n.end + 1] in "”\"" and n.start > 0
    return "quoted_programme" if quoted and PROGRAMME_HEAD.search(n.name) else None


def names_in(text: str) -> list[Name]:
    """The project names in a task's text (任务中的项目名称), in order; rejected candidates left out.

    >>> [n.name for n in names_in("全力推动总投资50亿元的建滔(开平)新一代信息技术产业园项目顺利落地")]
    ['建滔(开平)新一代信息技术产业园项目']
    >>> [n.name for n in names_in("推动雅固卫浴、顶尖管业、意尼家居等重点项目全面投产")]
    ['雅固卫浴', '顶尖管业', '意尼家居']
    >>> names_in("积极引导企业实施设备更新、智能化改造等技术改造项目")
    []
    """
    found = [n for n, why in candidates(text) if why is None]
    # A name inside a longer one at the same place is the same thing seen by a narrower rule.
    kept = [n for n in found if not any(o is not n and o.start <= n.start and n.end <= o.end
                                        and (o.end - o.start) > (n.end - n.start) for o in found)]
    out, seen = [], set()
    # The same name found twice is credited to the most specific rule: a frame, then a list, then a head noun.
    for n in sorted(kept, key=lambda n: (n.start, -n.end, n.rule not in FRAME_RES, n.rule not in LIST_RES)):
        if n.name not in seen:
            seen.add(n.name)
            out.append(n)
    return out


def investment_of(text: str, name: Name) -> dict[str, float | str] | None:
    """The investment stated beside a name (总投资): ``总投资50亿元的<name>`` or ``<name>,总投资50亿元``.

    >>> text = "推动总投资50亿元的建滔(开平)新一代信息技术产业园项目落地"
    >>> investment_of(text, names_in(text)[0])
    {'value': 50.0, 'unit': '亿元'}
    >>> investment_of("推进水口码头项目建设", names_in("推进水口码头项目建设")[0]) is None
    True
    """
    for m in INVESTMENT.finditer(text):
        before = text[m.end():name.start]
        after = text[name.end:m.start()]
        if (m.end() <= name.start and before in {"的", ""}) or (name.end <= m.start() and after in {",", "，", ""}):
            return {"value": float(m.group("value")), "unit": m.group("unit")}
    return None


def clause_of(text: str, name: Name) -> tuple[int, int]:
    """The clause a name stands in (名称所在分句): between the punctuation before and after it."""
    before = max(text.rfind(ch, 0, name.start) for ch in CLAUSE_BREAKS) + 1
    after = min((i for i in (text.find(ch, name.end) for ch in CLAUSE_BREAKS) if i >= 0), default=len(text))
    return before, after


def action_of(text: str, name: Name, names: list[Name] | None = None) -> str:
    """What the task does to this project (项目动作), read from the project's own clause.

    The clause after it counts when its own says nothing (启动污水处理厂建设，力争上半年动工建设); a project
    said to be under way (在建, 续建) is being built, whatever the sentence finishes elsewhere.

    >>> text = "加快在建项目建设，推进水口大桥开工建设，确保西园路年底建成"
    >>> [action_of(text, n) for n in names_in(text)]
    ['动工', '建成']

    ``names`` are the other names of the text, when the caller has them already.
    """
    start, end = clause_of(text, name)
    clause = text[start:end]
    if ONGOING.search(clause):
        return ONGOING_ACTION
    action = project_action(clause)
    if not action and end < len(text):
        nxt_end = clause_of(text, Name("", "", "", end + 1, end + 1))[1]
        others = names if names is not None else names_in(text)
        if not any(end < n.start < nxt_end for n in others):  # the next clause names no project of its own
            action = project_action(text[end + 1:nxt_end])
    return action


def negated(text: str, name: Name) -> bool:
    """Whether the name stands where the text rejects or criticises it (坚决杜绝“形象工程”“面子工程”)."""
    start, _ = clause_of(text, name)
    return bool(NEGATION.search(text, start, name.start))


def projects_of(task: Task) -> list[Project]:
    """The projects a task acts on, with the task's section and milestone verb (任务中的项目).

    >>> t = Task("t1", "3.3", "启动创新基地污水处理厂建设,力争上半年动工建设", "", "")
    >>> [(p.name, p.kind, p.action) for p in projects_of(t)]
    [('创新基地污水处理厂', 'facility', '动工')]
    >>> projects_of(Task("t2", "5", "坚决杜绝“形象工程”“面子工程”", "", ""))
    []
    """
    names = [n for n in names_in(task.text) if not negated(task.text, n)]
    if not names:
        return []
    base = task.span.start if task.span else 0
    return [
        Project(name=n.name.strip(_QUOTES), kind=n.kind, section=task.section, action=action_of(task.text, n, names),
                investment=investment_of(task.text, n), task=task.id,
                span=Span(base + n.start, base + n.end) if task.span else None)
        for n in names
    ]


def find_projects(draft: Draft) -> Draft:
    """Stage: the projects of every task, the first mention of a name kept; tasks list their projects."""
    projects: list[Project] = []
    seen: dict[str, int] = {}
    tasks: list[Task] = []
    for task in draft.tasks:
        found = projects_of(task)
        for p in found:
            if p.name in seen:
                first = projects[seen[p.name]]
                if first.investment is None and p.investment is not None:
                    projects[seen[p.name]] = evolve(first, investment=p.investment)
                continue
            seen[p.name] = len(projects)
            projects.append(p)
        tasks.append(evolve(task, projects=tuple(dict.fromkeys(p.name for p in found))) if found else task)
    return draft.with_(projects=tuple(projects), tasks=tuple(tasks))
