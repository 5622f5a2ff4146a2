"""The stored plan as the core's ``plan/1`` JSON (规划 JSON): the rows turned back into ``luoshi.plan`` dataclasses
and serialised by the core's own ``Plan.to_dict()``, so the shape is the one ``luoshi extract`` prints.

What it shows is the plan as it stands now, edits included:

- tasks and targets as edited (text, deadline, section, target value/comparator/unit); archived ones left out;
  tasks added by hand or split off are in (a hand-added task without a key gets ``m<id>``);
- ``lead`` / ``cooperating`` are the assigned departments once a task is assigned, else the report's suggestion;
- a task's ``targets`` and ``projects`` are the stored links (targets and projects whose task it is).

Provenance the web app does not store takes the dataclasses' defaults: a section's ``start``/``end`` (0),
a task's ``confidence`` (0.0), offsets into the original file (``span.source_start``/``source_end`` are the
normalised offsets), a target's ``baseline`` and ``optional``, a project's ``span``, a warning's
``source_offset``, and the plan's ``encoding`` and ``meta``. ``source`` is the uploaded file's name.
"""

from __future__ import annotations

import json

from django.db.models import Prefetch

from luoshi import plan as core
from web.plans.models import Assignment, Plan, Target, Task


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _span(start, end) -> core.Span | None:
    return core.Span(start, end, start, end) if start is not None and end is not None else None


def task_id(task: Task) -> str:
    return task.key or f"m{task.pk}"


def plan_document(plan: Plan) -> core.Plan:
    """The plan's live rows as a ``luoshi.plan.Plan`` (a fixed number of queries, whatever its size)."""
    sections = list(plan.sections.select_related("parent").order_by("order", "pk"))
    key_of = {s.pk: s.key for s in sections}
    tasks = list(plan.tasks.filter(archived=False).order_by("order", "pk").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("department"))))
    ids = {t.pk: task_id(t) for t in tasks}
    targets = list(plan.targets.filter(archived=False).order_by("order", "pk"))
    projects = list(plan.projects.order_by("pk"))
    milestones = list(plan.milestones.filter(task__archived=False).order_by("pk"))
    targets_of: dict[int, list[str]] = {}
    for t in targets:
        if t.task_id in ids:
            targets_of.setdefault(t.task_id, []).append(t.key or f"g{t.pk}")
    projects_of: dict[int, list[str]] = {}
    for p in projects:
        if p.task_id in ids:
            projects_of.setdefault(p.task_id, []).append(p.name)
    return core.Plan(
        issuer=plan.issuer.name,
        year=plan.year,
        sections=tuple(core.Section(s.key, s.number, s.title, key_of.get(s.parent_id), part=s.part) for s in sections),
        tasks=tuple(_task(t, key_of, targets_of, projects_of) for t in tasks),
        targets=tuple(_target(t, key_of, ids) for t in targets),
        projects=tuple(
            core.Project(p.name, p.kind, key_of.get(p.section_id, ""), action=p.action, task=ids.get(p.task_id),
                         investment={"value": p.investment_value, "unit": p.investment_unit}
                         if p.investment_value is not None else None)
            for p in projects),
        milestones=tuple(core.Milestone(ids[m.task_id], m.text, _iso(m.deadline), m.deadline_text)
                         for m in milestones if m.task_id in ids),
        warnings=tuple(core.Warning(w.get("kind", ""), w.get("offset", 0), w.get("text", ""), w.get("context", ""),
                                    message=w.get("message", "")) for w in plan.warnings or []),
        skipped=_skipped(plan),
        source=plan.source_name,
        format=plan.source_format,
    )


def _skipped(plan: Plan) -> tuple[core.Skipped, ...]:
    """The sentences the extraction left out of the task table, with their reasons (as imported: edits to the
    table do not change them)."""
    try:
        stored = json.loads(plan.imported) if isinstance(plan.imported, str) and plan.imported else plan.imported
    except ValueError:
        return ()
    items = (stored or {}).get("skipped") or [] if isinstance(stored, dict) else []
    return tuple(core.Skipped(s.get("section", ""), s.get("text", ""), s.get("reason", ""),
                              core.Span(**s["span"]) if isinstance(s.get("span"), dict) else None)
                 for s in items if isinstance(s, dict))


def _task(t: Task, key_of: dict, targets_of: dict, projects_of: dict) -> core.Task:
    assigned = list(t.assignments.all())
    lead = next((a.department.name for a in assigned if a.role == Assignment.Role.LEAD), None)
    if assigned:
        cooperating = tuple(a.department.name for a in assigned if a.role == Assignment.Role.COOPERATING)
    else:
        lead, cooperating = t.suggested_lead or None, tuple(t.suggested_cooperating or ())
    return core.Task(
        task_id(t), key_of.get(t.section_id, ""), t.text, _iso(t.deadline), t.deadline_text,
        targets=tuple(targets_of.get(t.pk, ())), projects=tuple(projects_of.get(t.pk, ())), milestone=t.milestone,
        firmness=t.firmness, lead=lead, cooperating=cooperating, span=_span(t.source_start, t.source_end),
    )


def _target(t: Target, key_of: dict, ids: dict) -> core.Target:
    return core.Target(
        t.key or f"g{t.pk}", key_of.get(t.section_id, ""), t.indicator, t.kind, t.comparator, t.value, t.unit,
        _iso(t.deadline), t.deadline_text, t.source_text, task=ids.get(t.task_id), upper=t.upper,
        firmness=t.firmness, rule=t.rule, span=_span(t.source_start, t.source_end),
    )
