"""Exports (导出) of a plan: a readable Markdown outline and the 任务分解表 as .xlsx.

Every exporter takes a ``Plan`` and, optionally, the normalised text of its report (to quote each
task's whole sentence as 原文) and returns bytes or text; none writes files. The helpers here are
what the exporters share: how a target's value reads, how a section heading reads.
"""

from __future__ import annotations

from luoshi.plan import Plan, Section, Target, Task

COMPARATOR_WORDS = {">=": "≥", "<=": "≤", "~": "约", "=": ""}
NO_TASK_PARTS = ("preface", "review", "glossary")


def target_value(target: Target) -> str:
    """A target's value as a person reads it (目标值).

    >>> target_value(Target("g1", "0", "地方一般公共预算收入", "growth", "=", 11, "%", "2025-12-31", "", ""))
    '增长11%'
    >>> target_value(Target("g2", "1.3", "新增专精特新中小企业", "quantity", ">=", 3, "家", "2025-12-31", "", ""))
    '≥3家'
    >>> target_value(Target("g3", "3.3", "能耗", "growth", "=", -2.5, "%", "2025-12-31", "", ""))
    '下降2.5%'
    """
    value = f"{abs(target.value):g}" if target.kind == "growth" else f"{target.value:g}"
    if target.kind == "growth":
        word = "下降" if target.value < 0 else "增长"
        return f"{word}{COMPARATOR_WORDS[target.comparator]}{value}{target.unit}"
    return f"{COMPARATOR_WORDS[target.comparator]}{value}{target.unit}"


def heading(section: Section) -> str:
    """A section's heading as printed in a report (章节标题): 一、…, (一)…, 附件1 ….

    >>> heading(Section("1.1", "(一)", "加强产业平台建设", "1"))
    '(一)加强产业平台建设'
    >>> heading(Section("1", "一", "推动产业攀高向强", None))
    '一、推动产业攀高向强'
    """
    number = section.number
    if number and number[0] in "一二三四五六七八九十":
        number += "、"
    elif number.startswith("附"):
        number += " "
    return f"{number}{section.title}"


def plan_sections(plan: Plan) -> list[Section]:
    """The sections of the plan part (计划章节), in order, that hold tasks themselves or through a child.

    >>> sections = (Section("1", "一", "推动产业发展", None), Section("1.1", "(一)", "抓项目", "1"),
    ...             Section("1.2", "(二)", "抓招商", "1"))
    >>> plan = Plan("水口镇人民政府", 2025, sections=sections, tasks=(Task("t1", "1.1", "启动西园路建设", "", ""),))
    >>> [s.id for s in plan_sections(plan)]
    ['1', '1.1']
    """
    holding = {t.section for t in plan.tasks}
    holding |= {s.parent for s in plan.sections if s.id in holding and s.parent}
    return [s for s in plan.sections if s.id in holding and s.part not in NO_TASK_PARTS]


def targets_of(plan: Plan, task: Task) -> list[Target]:
    """The targets a task holds (任务的量化目标), in the task's order.

    >>> g = Target("g1", "1.3", "新增专精特新中小企业", "quantity", "=", 3, "家", "2025-12-31", "", "")
    >>> plan = Plan("水口镇人民政府", 2025, targets=(g,))
    >>> [t.id for t in targets_of(plan, Task("t1", "1.3", "新增3家专精特新中小企业", "", "", targets=("g1",)))]
    ['g1']
    """
    by_id = {t.id: t for t in plan.targets}
    return [by_id[i] for i in task.targets if i in by_id]


def source_sentence(text: str | None, task: Task) -> str:
    """The whole sentence of the report a task was cut from (原文), or the task's own text.

    >>> from luoshi.plan import Span
    >>> text = "加大招商引资力度,创新招商引资方式。启动西园路建设。"
    >>> source_sentence(text, Task("t2", "1", "创新招商引资方式", "", "", span=Span(9, 17)))
    '加大招商引资力度,创新招商引资方式。'
    >>> source_sentence(None, Task("t3", "1", "启动西园路建设", "", ""))
    '启动西园路建设'
    """
    if not text or task.span is None:
        return task.text
    start, end = task.span.start, task.span.end
    marks = "。！？!?\n"
    while start > 0 and text[start - 1] not in marks:
        start -= 1
    while end < len(text) and text[end - 1] not in marks:
        end += 1
    return text[start:end].strip()
