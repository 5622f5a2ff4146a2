"""Importing a report (导入报告): upload, preview, confirm and re-import, all or nothing, with audit rows.

The other workflow steps on plans and tasks are in ``web.plans.services``; this module is the one that
turns an extracted ``luoshi.plan.Plan`` into rows. Tests replace ``extract_report`` here with a fake.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from web.audit.services import record
from web.plans.import_guard import check_import, stop_reason
from web.plans.importing import (
    Extracted,
    ImportFailed,
    PlanDiff,
    diff_plan,
    extract_report,
    parse_date,
)
from web.plans.models import (
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
from web.plans.office import extraction_options
from web.plans.services import ServiceError, _archive
from web.plans.signals import send_tasks_changed
from web.text import plain_text


def import_plan(actor, *, data: bytes, filename: str, issuer: Issuer, year: int | None = None,
                rows: str = "sentence") -> PendingImport:
    """Upload a report (上传报告): read it now, so a bad file fails here with its reader's message,
    and keep the bytes in a pending import. No plan rows are written until ``confirm_import``."""
    extracted = extract_report(data, filename, issuer=issuer.name, year=year,
                               options=extraction_options(issuer, rows))
    plan_year = year or extracted.plan.year
    if not plan_year:
        raise ImportFailed(f"{filename}: 未能从报告中识别年度, 请在表单中填写年度")
    with transaction.atomic():
        return PendingImport.objects.create(kind=PendingImport.Kind.REPORT, created_by=actor, filename=filename,
                                            data=bytes(data), issuer=issuer, year=plan_year, rows=rows)


def preview_import(pending: PendingImport) -> tuple[Extracted, PlanDiff, Plan | None]:
    """What confirming would store: the extracted plan, its diff against the stored plan, that plan."""
    extracted = extract_report(pending.data, pending.filename, issuer=pending.issuer.name, year=pending.year,
                               options=extraction_options(pending.issuer, pending.rows))
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
        check = check_import(pending, extracted, stored)
        if check.blocks:  # the report names another issuer or year: never sweep a plan by mistake
            raise ServiceError(stop_reason(check))
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
    send_tasks_changed(plan)
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
    send_tasks_changed(plan)
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
        key=t.id, section=sections.get(t.section), text=plain_text(t.text), match_key=match_key(plain_text(t.text)),
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
