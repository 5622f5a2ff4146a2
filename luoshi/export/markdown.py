"""The plan as a Markdown outline (计划大纲): headline figures, the targets table, the tasks under
their headings with deadline and suggested departments, the projects and the warnings."""

from __future__ import annotations

from luoshi.export import heading, plan_sections, target_value, targets_of
from luoshi.plan import Plan

_RULE = "| --- | --- | --- | --- | --- | --- |"  # both tables have six columns


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(plan: Plan) -> str:
    """The outline of a plan (Markdown 大纲).

    >>> from luoshi.plan import Section, Task
    >>> plan = Plan("水口镇人民政府", 2025, sections=(Section("1", "一", "推动产业发展", None),),
    ...             tasks=(Task("t1", "1", "启动产业综合配套工程(二期)", "2025-12-31", "", lead="经济发展办"),))
    >>> print(to_markdown(plan).splitlines()[0])
    # 水口镇人民政府 2025年工作计划
    >>> "- **t1** 启动产业综合配套工程(二期) · 2025-12-31 · 牵头: 经济发展办" in to_markdown(plan)
    True
    """
    lines = [f"# {plan.issuer or '(发文机关未识别)'} {plan.year or ''}年工作计划", ""]
    lines.append(f"任务 {len(plan.tasks)} 项 · 量化目标 {len(plan.targets)} 个 · 节点任务 {len(plan.milestones)} 项"
                 f" · 重点项目 {len(plan.projects)} 个" + (f" · 来源: {plan.source}" if plan.source else ""))
    if plan.targets:
        lines += ["", "## 量化目标", "", "| 序号 | 章节 | 指标 | 目标值 | 完成时限 | 任务 |", _RULE]
        for i, t in enumerate(plan.targets, 1):
            when = f"{t.deadline}" + (f" ({t.deadline_text})" if t.deadline_text else "")
            lines.append(f"| {i} | {t.section} | {_cell(t.indicator)} | {_cell(target_value(t))} | {when} | "
                         f"{t.task or ''} |")
    for section in plan_sections(plan):
        depth = "##" if section.parent is None else "###"
        lines += ["", f"{depth} {heading(section)}", ""]
        for task in (t for t in plan.tasks if t.section == section.id):
            parts = [f"- **{task.id}** {task.text}", task.deadline + (f" ({task.deadline_text})" if
                                                                      task.deadline_text else "")]
            if task.lead:
                parts.append(f"牵头: {task.lead}" + (f"; 配合: {'、'.join(task.cooperating)}" if task.cooperating
                                                    else ""))
            values = [target_value(t) for t in targets_of(plan, task)]
            if values:
                parts.append(f"目标: {'; '.join(values)}")
            if task.projects:
                parts.append(f"项目: {'、'.join(task.projects)}")
            lines.append(" · ".join(parts))
    if plan.skipped:  # every sentence of the plan part is accounted for: a row above, or here with its reason
        from luoshi.rules.rows import REASON_LABELS

        lines += ["", "## 未列为任务的句子", ""]
        lines += [f"- [{REASON_LABELS.get(s.reason, s.reason)}] {s.text}" for s in plan.skipped]
    if plan.projects:
        lines += ["", "## 重点项目", "", "| 名称 | 类型 | 章节 | 动作 | 投资 | 任务 |", _RULE]
        for p in plan.projects:
            money = f"{p.investment['value']:g}{p.investment['unit']}" if p.investment else ""
            lines.append(f"| {_cell(p.name)} | {p.kind} | {p.section} | {p.action} | {money} | {p.task or ''} |")
    if plan.warnings:
        lines += ["", "## 警告", ""]
        lines += [f"- [{w.kind}] 第 {w.offset} 字 `{w.text}`: …{w.context}…" for w in plan.warnings]
    return "\n".join(lines) + "\n"
