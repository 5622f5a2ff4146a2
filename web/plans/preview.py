"""The import preview (导入预览): the extracted plan grouped by section, each item with its source text
highlighted in the report and, on a re-import, what happens to it (新增/保留/修改)."""

from __future__ import annotations

from dataclasses import dataclass, field

from web.plans.importing import Extracted, PlanDiff
from web.plans.models import text_excerpt


@dataclass
class PreviewItem:
    kind: str  # task | target
    id: str
    text: str
    deadline: str
    detail: str
    excerpt: tuple[str, str, str] | None
    change: str = ""  # "" on a first import; 新增 | 保留 | 修改
    targets: list[PreviewItem] = field(default_factory=list)


@dataclass
class PreviewSection:
    key: str
    title: str
    depth: int
    items: list[PreviewItem] = field(default_factory=list)
    targets: list[PreviewItem] = field(default_factory=list)  # targets of no task (headline targets)


COMPARATORS = {">=": "≥", "<=": "≤", "~": "约", "=": "="}


def _excerpt(text: str, span):
    return text_excerpt(text, span.start, span.end) if span is not None else None


def build_preview(extracted: Extracted, diff: PlanDiff) -> list[PreviewSection]:
    plan, text = extracted.plan, extracted.text
    sections = {s.id: PreviewSection(s.id, f"{s.number}{s.title}", s.id.count(".")) for s in plan.sections}
    loose = PreviewSection("", "(未归入章节)", 0)
    change_of = {}
    if not diff.first_import:
        change_of.update({c.new.id: "保留" for c in diff.tasks_kept})
        change_of.update({c.new.id: "修改" for c in diff.tasks_changed})
        change_of.update({c.new.id: "新增" for c in diff.tasks_new})
    by_task: dict[str, PreviewItem] = {}
    for t in plan.tasks:
        departments = " / ".join(filter(None, [t.lead and f"牵头: {t.lead}",
                                               t.cooperating and f"配合: {'、'.join(t.cooperating)}"]))
        item = PreviewItem("task", t.id, t.text, t.deadline_text or t.deadline, departments,
                           _excerpt(text, t.span), change_of.get(t.id, ""))
        by_task[t.id] = item
        sections.get(t.section, loose).items.append(item)
    for g in plan.targets:
        value = f"{g.indicator} {COMPARATORS.get(g.comparator, g.comparator)} {g.value:g}{g.unit}"
        excerpt = _excerpt(text, g.span) or (("", g.source_text, "") if g.source_text else None)
        item = PreviewItem("target", g.id, value, g.deadline_text or g.deadline, g.rule, excerpt)
        if g.task in by_task:
            by_task[g.task].targets.append(item)
        else:
            sections.get(g.section, loose).targets.append(item)
    out = [s for s in sections.values() if s.items or s.targets or s.depth == 0]
    if loose.items or loose.targets:
        out.append(loose)
    return out
