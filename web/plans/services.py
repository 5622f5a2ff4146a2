"""Workflow steps on plans and tasks: one verb-first function each, in one transaction with its audit row.

Views validate input and call these; nothing else saves plans, tasks, targets or assignments.
User-facing refusals raise ``ServiceError`` (its ``str()`` is one line in Chinese).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from web.accounts.models import Department
from web.audit.services import history_of, record
from web.plans.importing import (
    Extracted,
    ImportFailed,
    PlanDiff,
    diff_plan,
    extract_report,
    parse_date,
)
from web.plans.models import (
    Assignment,
    Instruction,
    Issuer,
    Milestone,
    PendingImport,
    Plan,
    Project,
    Section,
    Target,
    Task,
    match_key,
)

UNSET = object()


class ServiceError(Exception):
    """A change refused for a reason the user can fix; ``str()`` says which."""


class EditConflict(ServiceError):
    """Someone changed the task after the form was loaded (编辑冲突): the edit is refused, never merged.

    ``current_version`` is the task's version now; ``by`` and ``at`` name the last change (from the audit
    trail) so the message can say who to talk to.
    """

    def __init__(self, task: Task, actor=None) -> None:
        self.task_id = task.pk
        self.current_version = Task.objects.filter(pk=task.pk).values_list("version", flat=True).first()
        last = history_of(task).first()
        self.by = last.actor_name if last else ""
        self.at = last.at if last else None
        mine = last is not None and actor is not None and last.actor_id == getattr(actor, "pk", None)
        who = "您在别处" if mine else "他人"
        when = [self.by] if self.by and not mine else []
        if self.at is not None:
            local = timezone.localtime(self.at)
            when.append(f"{local:%H:%M}" if local.date() == timezone.localdate() else f"{local:%m-%d %H:%M}")
        detail = f"（{'，'.join(when)}）" if when else ""
        super().__init__(f"该任务已被{who}修改{detail}，请刷新后再改")


def _touch(task: Task) -> None:
    """Mark a change made around the task (its departments, its sub-tasks): ``Task.save`` bumps its version,
    so an edit form loaded before this change is refused instead of silently overwriting it."""
    task.save(update_fields=["updated_at"])


# --- importing a report -------------------------------------------------------------------------


def import_plan(actor, *, data: bytes, filename: str, issuer: Issuer, year: int | None = None) -> PendingImport:
    """Upload a report (上传报告): read it now, so a bad file fails here with its reader's message,
    and keep the bytes in a pending import. No plan rows are written until ``confirm_import``."""
    extracted = extract_report(data, filename, issuer=issuer.name, year=year)
    plan_year = year or extracted.plan.year
    if not plan_year:
        raise ImportFailed(f"{filename}: 未能从报告中识别年度, 请在表单中填写年度")
    with transaction.atomic():
        return PendingImport.objects.create(kind=PendingImport.Kind.REPORT, created_by=actor, filename=filename,
                                            data=bytes(data), issuer=issuer, year=plan_year)


def preview_import(pending: PendingImport) -> tuple[Extracted, PlanDiff, Plan | None]:
    """What confirming would store: the extracted plan, its diff against the stored plan, that plan."""
    extracted = extract_report(pending.data, pending.filename, issuer=pending.issuer.name, year=pending.year)
    stored = Plan.objects.filter(issuer=pending.issuer, year=pending.year).first()
    return extracted, diff_plan(stored, extracted), stored


def confirm_import(actor, pending: PendingImport, extracted: Extracted | None = None) -> Plan:
    """Confirm an upload (确认导入): store the plan, or apply the diff to the stored one. All or nothing.

    On re-import, tasks with the same normalised text (or similar text in the same section) keep
    their row, assignments and progress; tasks gone from the report are archived, never deleted.
    """
    with transaction.atomic():
        pending = PendingImport.objects.select_for_update().get(pk=pending.pk)
        if pending.is_confirmed:
            raise ServiceError("该导入已经确认过了")
        if extracted is None:
            extracted, diff, stored = preview_import(pending)
        else:  # the extraction job's stored result: the report is not read a second time
            stored = Plan.objects.filter(issuer=pending.issuer, year=pending.year).first()
            diff = diff_plan(stored, extracted)
        if stored is None:
            plan = _create_plan(actor, pending, extracted)
        else:
            plan = _reimport_plan(actor, stored, pending, extracted, diff)
        pending.confirmed_at = timezone.now()
        pending.plan = plan
        pending.save(update_fields=["confirmed_at", "plan"])
        return plan


def save_extracted_plan(actor, *, issuer: Issuer, extracted: Extracted, filename: str = "") -> Plan:
    """Store an already extracted plan as a new plan (used by ``load_demo`` and tests)."""
    with transaction.atomic():
        pending = PendingImport(kind=PendingImport.Kind.REPORT, filename=filename, issuer=issuer,
                                year=extracted.plan.year)
        return _create_plan(actor, pending, extracted)


def _create_plan(actor, pending: PendingImport, extracted: Extracted) -> Plan:
    core = extracted.plan
    plan = Plan.objects.create(
        issuer=pending.issuer, year=pending.year or core.year, title=f"{pending.issuer.name}{pending.year}年工作任务",
        source_name=pending.filename, source_format=core.format, text=extracted.text,
        warnings=[_warning_dict(w) for w in core.warnings], imported=_plan_json(core),
    )
    sections = _upsert_sections(plan, core)
    tasks = {}
    for order, t in enumerate(core.tasks):
        tasks[t.id] = Task.objects.create(plan=plan, order=order * 10, **_task_fields(t, sections))
        record(actor, "task.create", tasks[t.id], None, tasks[t.id].snapshot(), plan=plan)
    for order, t in enumerate(core.targets):
        target = Target.objects.create(plan=plan, order=order, task=tasks.get(t.task), **_target_fields(t, sections))
        record(actor, "target.create", target, None, target.snapshot(), plan=plan)
    _replace_milestones_and_projects(plan, core, tasks, sections)
    record(actor, "plan.import", plan, None, _plan_summary(plan), note=pending.filename)
    return plan


def _reimport_plan(actor, plan: Plan, pending: PendingImport, extracted: Extracted, diff: PlanDiff) -> Plan:
    core = extracted.plan
    before = _plan_summary(plan)
    sections = _upsert_sections(plan, core)
    order_of = {t.id: i * 10 for i, t in enumerate(core.tasks)}
    tasks: dict[str, Task] = {}
    edited = [(c, False) for c in diff.tasks_kept] + [(c, True) for c in diff.tasks_changed]
    for change, text_changed in edited:
        task, t = change.old, change.new
        old = task.snapshot()
        task.key, task.order, task.section = t.id, order_of[t.id], sections.get(t.section)
        task.source_start, task.source_end = _span(t.span)
        task.suggested_lead, task.suggested_cooperating = t.lead or "", list(t.cooperating)
        if text_changed:  # the report's wording changed: take it, keep the row (assignments, progress)
            task.text, task.match_key = t.text, match_key(t.text)
            task.deadline, task.deadline_text = parse_date(t.deadline), t.deadline_text
        task.save()
        tasks[t.id] = task
        if task.snapshot() != old:
            record(actor, "task.reimport", task, old, task.snapshot(), plan=plan, note=pending.filename)
    for change in diff.tasks_new:
        task = Task.objects.create(plan=plan, order=order_of[change.new.id], **_task_fields(change.new, sections))
        tasks[change.new.id] = task
        record(actor, "task.create", task, None, task.snapshot(), plan=plan, note=pending.filename)
    for task in diff.tasks_removed:
        _archive(actor, task, note=f"重新导入 {pending.filename} 时原文中已无此任务")
    for change in (*diff.targets_kept, *diff.targets_changed):
        target, old = change.old, change.old.snapshot()
        for name, value in _target_fields(change.new, sections).items():
            setattr(target, name, value)
        target.task = tasks.get(change.new.task)
        target.save()
        if target.snapshot() != old:
            record(actor, "target.edit", target, old, target.snapshot(), plan=plan, note=pending.filename)
    for order, change in enumerate(diff.targets_new):
        target = Target.objects.create(plan=plan, order=1000 + order, task=tasks.get(change.new.task),
                                       **_target_fields(change.new, sections))
        record(actor, "target.create", target, None, target.snapshot(), plan=plan, note=pending.filename)
    for target in diff.targets_removed:
        old = target.snapshot()
        target.archived = True
        target.save(update_fields=["archived"])
        record(actor, "target.archive", target, old, target.snapshot(), plan=plan, note=pending.filename)
    _replace_milestones_and_projects(plan, core, tasks, sections)
    plan.text, plan.source_name, plan.source_format = extracted.text, pending.filename, core.format
    plan.warnings = [_warning_dict(w) for w in core.warnings]
    plan.imported = _plan_json(core)
    plan.save()
    record(actor, "plan.reimport", plan, before, _plan_summary(plan), note=pending.filename)
    return plan


def _plan_json(core) -> str:
    """The extracted plan as ``luoshi extract`` prints it (``plan/1``), kept beside the rows it became."""
    return json.dumps(core.to_dict(), ensure_ascii=False, indent=2)


def _upsert_sections(plan: Plan, core) -> dict[str, Section]:
    existing = {s.key: s for s in plan.sections.all()}
    for order, s in enumerate(core.sections):
        row = existing.get(s.id) or Section(plan=plan, key=s.id)
        row.number, row.title, row.part, row.order = s.number, s.title[:300], s.part, order
        row.parent = existing.get(s.parent) if s.parent else None
        row.save()
        existing[s.id] = row
    return existing


def _span(span) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def _task_fields(t, sections: dict[str, Section]) -> dict:
    start, end = _span(t.span)
    return dict(
        key=t.id, section=sections.get(t.section), text=t.text, match_key=match_key(t.text),
        deadline=parse_date(t.deadline), deadline_text=t.deadline_text or "", milestone=t.milestone,
        firmness=t.firmness, suggested_lead=t.lead or "", suggested_cooperating=list(t.cooperating),
        source_start=start, source_end=end,
    )


def _target_fields(t, sections: dict[str, Section]) -> dict:
    start, end = _span(t.span)
    return dict(
        key=t.id, section=sections.get(t.section), indicator=t.indicator[:300], kind=t.kind,
        comparator=t.comparator, value=t.value, upper=t.upper, unit=t.unit, deadline=parse_date(t.deadline),
        deadline_text=t.deadline_text or "", source_text=t.source_text, firmness=t.firmness, rule=t.rule,
        source_start=start, source_end=end,
    )


def _replace_milestones_and_projects(plan: Plan, core, tasks: dict[str, Task], sections: dict[str, Section]) -> None:
    """Milestones and projects are derived from the report text: rebuilt on every import."""
    plan.milestones.all().delete()
    plan.projects.all().delete()
    Milestone.objects.bulk_create(
        Milestone(plan=plan, task=tasks[m.task], text=m.text, deadline=parse_date(m.deadline),
                  deadline_text=m.deadline_text or "")
        for m in core.milestones if m.task in tasks
    )
    Project.objects.bulk_create(
        Project(plan=plan, task=tasks.get(p.task), section=sections.get(p.section), name=p.name[:300], kind=p.kind,
                action=p.action, investment_value=(p.investment or {}).get("value"),
                investment_unit=(p.investment or {}).get("unit", ""))
        for p in core.projects
    )


def _warning_dict(w) -> dict:
    return {"kind": w.kind, "offset": w.offset, "text": w.text, "context": w.context, "message": w.message}


def _plan_summary(plan: Plan) -> dict:
    return {
        "title": str(plan), "year": plan.year, "source": plan.source_name, "published": plan.published,
        "sections": plan.sections.count(), "tasks": plan.tasks.filter(archived=False).count(),
        "targets": plan.targets.filter(archived=False).count(),
    }


def publish_plan(actor, plan: Plan, published: bool = True) -> Plan:
    """Publish (公开) a plan to the public, or withdraw it."""
    with transaction.atomic():
        before = {"published": plan.published}
        plan.published = published
        plan.save(update_fields=["published", "updated_at"])
        record(actor, "plan.publish" if published else "plan.unpublish", plan, before, {"published": published})
        return plan


# --- assignments --------------------------------------------------------------------------------


def _assignment_snapshot(task: Task) -> dict:
    rows = list(task.assignments.select_related("department"))
    return {
        "lead": next((a.department.name for a in rows if a.role == Assignment.Role.LEAD), None),
        "cooperating": sorted(a.department.name for a in rows if a.role == Assignment.Role.COOPERATING),
    }


def _check_departments(task: Task, departments: Iterable[Department | None]) -> None:
    for d in departments:
        if d is not None and d.issuer_id != task.plan.issuer_id:
            raise ServiceError(f"“{d.name}”不是{task.plan.issuer.name}的部门")


def _set_assignments(actor, task: Task, lead: Department | None, cooperating: Sequence[Department]) -> bool:
    cooperating = [d for d in dict.fromkeys(cooperating) if d != lead]
    _check_departments(task, [lead, *cooperating])
    before = _assignment_snapshot(task)
    task.assignments.all().delete()
    if lead is not None:
        Assignment.objects.create(task=task, department=lead, role=Assignment.Role.LEAD)
    Assignment.objects.bulk_create(
        Assignment(task=task, department=d, role=Assignment.Role.COOPERATING) for d in cooperating
    )
    after = _assignment_snapshot(task)
    if hasattr(task, "_prefetched_objects_cache"):
        task._prefetched_objects_cache.pop("assignments", None)
    if after == before:
        return False
    _touch(task)
    record(actor, "assignment.change", task, before, after)
    return True


def assign_task(actor, task: Task, *, lead: Department | None, cooperating: Sequence[Department] = ()) -> Task:
    """Assign a task (分配任务): one lead department (牵头) and any cooperating ones (配合)."""
    if task.archived:
        raise ServiceError("已归档的任务不能分配")
    with transaction.atomic():
        _set_assignments(actor, task, lead, cooperating)
        return task


@dataclass
class BulkResult:
    """What ``bulk_assign`` did: tasks changed, and suggested names that match no department."""

    changed: int = 0
    unmatched: list[str] = field(default_factory=list)


def bulk_assign(actor, tasks: Iterable[Task], *, lead: Department | None = None,
                cooperating: Sequence[Department] = (), use_suggestions: bool = False) -> BulkResult:
    """Assign many tasks at once (批量分配): to the given departments, or to the extractor's suggestions
    (牵头/配合单位 named in the report) mapped onto the issuer's departments by name or alias."""
    result = BulkResult()
    with transaction.atomic():
        for task in tasks:
            if task.archived:
                continue
            if use_suggestions:
                names = [n for n in [task.suggested_lead, *task.suggested_cooperating] if n]
                found = {n: Department.lookup(task.plan.issuer, n) for n in names}
                result.unmatched += [n for n, d in found.items() if d is None and n not in result.unmatched]
                task_lead = found.get(task.suggested_lead)
                if task_lead is None:
                    continue
                task_cooperating = [found[n] for n in task.suggested_cooperating if found.get(n)]
            else:
                task_lead, task_cooperating = lead, cooperating
            result.changed += _set_assignments(actor, task, task_lead, task_cooperating)
    return result


# --- editing tasks and targets ------------------------------------------------------------------


def edit_task(actor, task: Task, *, text=UNSET, deadline=UNSET, section=UNSET,
              expected_version: int | None = None) -> Task:
    """Edit a task (修改任务): its text, deadline or section. Unchanged values write no audit row.

    With ``expected_version`` (the version the editor's form was loaded at) the edit is refused with
    ``EditConflict`` when the task has changed since: optimistic concurrency (乐观锁), no lost update.
    The check and the write are one conditional UPDATE, so of two simultaneous edits only one can win.
    """
    if expected_version is not None:
        try:
            expected_version = int(expected_version)
        except (TypeError, ValueError):
            raise ServiceError("版本号无效，请刷新后再改") from None
    with transaction.atomic():
        if expected_version is not None and expected_version != task.version:
            raise EditConflict(task, actor)
        before = task.snapshot()
        if text is not UNSET:
            text = (text or "").strip()
            if not text:
                raise ServiceError("任务内容不能为空")
            task.text = text
        if deadline is not UNSET:
            task.deadline = deadline
        if section is not UNSET:
            if section is not None and section.plan_id != task.plan_id:
                raise ServiceError("章节不属于该规划")
            task.section = section
        if task.snapshot() == before:
            return task
        if expected_version is None:
            task.save()
        else:
            now = timezone.now()
            won = Task.objects.filter(pk=task.pk, version=expected_version).update(
                text=task.text, deadline=task.deadline, section=task.section, updated_at=now,
                version=F("version") + 1)
            if not won:  # another edit committed between loading the task and this write
                raise EditConflict(task, actor)
            task.version, task.updated_at = expected_version + 1, now
        record(actor, "task.edit", task, before, task.snapshot())
        return task


def edit_target(actor, target: Target, *, value=UNSET, comparator=UNSET, unit=UNSET) -> Target:
    """Edit a target (修改量化目标): its value, comparator or unit."""
    with transaction.atomic():
        before = target.snapshot()
        if value is not UNSET:
            target.value = float(value)
        if comparator is not UNSET:
            if comparator not in Target.COMPARATOR_WORDS:
                raise ServiceError(f"未知的比较符“{comparator}”")
            target.comparator = comparator
        if unit is not UNSET:
            target.unit = (unit or "").strip()
        if target.snapshot() != before:
            target.save()
            record(actor, "target.edit", target, before, target.snapshot())
        return target


def add_task(actor, plan: Plan, *, text: str, section: Section | None = None, deadline: dt.date | None = None,
             lead: Department | None = None) -> Task:
    """Add a task by hand (手工添加任务), at the end of its section."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("任务内容不能为空")
    if section is not None and section.plan_id != plan.pk:
        raise ServiceError("章节不属于该规划")
    with transaction.atomic():
        last = plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0
        task = Task.objects.create(plan=plan, section=section, text=text, match_key=match_key(text),
                                   deadline=deadline, origin=Task.Origin.MANUAL, order=last + 10)
        record(actor, "task.add", task, None, task.snapshot())
        if lead is not None:
            _set_assignments(actor, task, lead, ())
        return task


def split_task(actor, task: Task, parts: Sequence[str]) -> list[Task]:
    """Split a task into sub-tasks (拆分任务): each inherits the section, deadline and departments.
    The original stays as their parent, so its history and instructions are kept."""
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        raise ServiceError("拆分至少需要两项子任务")
    if not task.can_be_split():
        raise ServiceError("只能拆分未归档的一级任务")
    with transaction.atomic():
        assignments = list(task.assignments.select_related("department"))
        children = []
        for i, text in enumerate(parts, start=1):
            child = Task.objects.create(
                plan=task.plan, section=task.section, parent=task, key=f"{task.key}.{i}" if task.key else "",
                text=text, match_key=match_key(text), deadline=task.deadline, deadline_text=task.deadline_text,
                origin=Task.Origin.SPLIT, order=task.order, firmness=task.firmness,
            )
            Assignment.objects.bulk_create(
                Assignment(task=child, department=a.department, role=a.role) for a in assignments
            )
            record(actor, "task.create", child, None, {**child.snapshot(), "parent": task.pk})
            children.append(child)
        _touch(task)
        record(actor, "task.split", task, None, {"subtasks": [c.text for c in children]})
        return children


def _archive(actor, task: Task, note: str = "") -> None:
    before = task.snapshot()
    task.archived, task.archived_at = True, timezone.now()
    task.save(update_fields=["archived", "archived_at", "updated_at"])
    record(actor, "task.archive", task, before, task.snapshot(), note=note)


def archive_task(actor, task: Task, *, reason: str = "") -> Task:
    """Archive a task (归档): hidden from the table, never deleted; ``restore_task`` brings it back."""
    if task.archived:
        raise ServiceError("该任务已归档")
    with transaction.atomic():
        _archive(actor, task, note=reason)
        return task


def restore_task(actor, task: Task) -> Task:
    """Restore an archived task (恢复)."""
    if not task.archived:
        raise ServiceError("该任务未归档")
    with transaction.atomic():
        before = task.snapshot()
        task.archived, task.archived_at = False, None
        task.save(update_fields=["archived", "archived_at", "updated_at"])
        record(actor, "task.restore", task, before, task.snapshot())
        return task


def write_instruction(actor, task: Task, text: str) -> Instruction:
    """Write a leader's instruction (领导批示) on a task."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("批示内容不能为空")
    with transaction.atomic():
        instruction = Instruction.objects.create(task=task, author=actor, text=text)
        record(actor, "instruction.write", task, None, {"instruction": text})
        return instruction
