"""Reading an uploaded report and comparing it with the stored plan (导入预览与差异).

Nothing here writes to the database: ``import_services.import_plan`` and ``import_services.confirm_import`` do,
from what ``extract_report`` and ``diff_plan`` return, so the preview and the change agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import logging
from dataclasses import dataclass, field

from luoshi import plan as core
from luoshi.errors import LuoshiError
from web.plans.models import Plan, Target, Task, match_key

log = logging.getLogger(__name__)

# A corrected task whose text is this similar to a stored one in the same section is "the same task, edited".
SIMILAR_ENOUGH = 0.75


class ImportFailed(Exception):
    """A report or spreadsheet that cannot be imported; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class Extracted:
    """The extractor's plan and the normalised text its spans point into; and the issuer and year the report names
    itself (识别出的发文单位和年度), before the upload form's choice replaced them in ``plan``."""

    plan: core.Plan
    text: str
    detected_issuer: str | None = None
    detected_year: int | None = None


def extract_report(data: bytes, filename: str, *, issuer: str | None = None, year: int | None = None,
                   options: object | None = None) -> Extracted:
    """Read and extract an uploaded report; any failure becomes ``ImportFailed`` with a message for the user.

    ``options`` (``luoshi.extract.Options``): the office's cut, its departments and its history."""
    from luoshi.extract import extract
    from luoshi.report import parse

    try:
        report = parse(bytes(data), year=year, issuer=issuer, name=filename)
        return Extracted(extract(report, options), report.text, report.structure.issuer, report.structure.year)
    except LuoshiError as e:
        raise ImportFailed(str(e)) from None
    except Exception:
        log.exception("extraction failed for %s", filename)
        raise ImportFailed(f"{filename}: 无法读取或解析该文件, 请确认它是工作报告 (txt、docx、pdf 或 html)") from None


def extracted_to_json(extracted: Extracted) -> dict:
    """What an extraction job stores: the ``plan/1`` object, the normalised text its spans point into and what the
    report says of its issuer and year."""
    return {"plan": extracted.plan.to_dict(), "text": extracted.text,
            "detected": {"issuer": extracted.detected_issuer, "year": extracted.detected_year}}


def extracted_from_json(data: dict) -> Extracted:
    """The ``Extracted`` an extraction job stored, rebuilt without reading the report again.

    >>> e = Extracted(core.Plan("水口镇", 2025, tasks=(core.Task("t1", "1", "建成", "2025-12-31", "年底",
    ...                cooperating=("财政所",), span=core.Span(0, 2)),)), "建成")
    >>> extracted_from_json(extracted_to_json(e)) == e
    True
    """
    plan = dict(data["plan"])
    plan.pop("schema", None)
    for name, cls in _ITEMS.items():
        plan[name] = tuple(_item(cls, item) for item in plan.get(name) or ())
    known = {f.name for f in dataclasses.fields(core.Plan)}
    detected = data.get("detected") or {}  # a job stored before this was kept says nothing
    return Extracted(core.Plan(**{k: v for k, v in plan.items() if k in known}), data["text"],
                     detected.get("issuer"), detected.get("year"))


# The plan's lists and the dataclass of their items; tuple-typed fields of items come back as tuples.
_ITEMS = {"sections": core.Section, "tasks": core.Task, "targets": core.Target, "projects": core.Project,
          "milestones": core.Milestone, "warnings": core.Warning, "skipped": core.Skipped}
_TUPLE_FIELDS = {"targets", "projects", "cooperating", "rules"}


def _item(cls, data: dict):
    values = {}
    names = {f.name for f in dataclasses.fields(cls)}
    for key, value in data.items():
        if key not in names:  # plan/1 allows extra keys; a newer extractor's field is dropped, not fatal
            continue
        if key == "span" and value is not None:
            value = core.Span(**value)
        elif key in _TUPLE_FIELDS and isinstance(value, list):
            value = tuple(value)
        values[key] = value
    return cls(**values)


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date from the extractor, or None when missing or malformed.

    >>> parse_date("2025-03-31")
    datetime.date(2025, 3, 31)
    >>> parse_date("") is None
    True
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class TaskChange:
    """An extracted task against the stored one it matches (None when new)."""

    new: core.Task
    old: Task | None = None
    fields: list[str] = field(default_factory=list)  # what differs: text, deadline, section


@dataclass
class TargetChange:
    new: core.Target
    old: Target | None = None
    fields: list[str] = field(default_factory=list)


@dataclass
class PlanDiff:
    """What confirming the import would do to the stored plan (empty when there is none)."""

    first_import: bool
    tasks_new: list[TaskChange] = field(default_factory=list)
    tasks_kept: list[TaskChange] = field(default_factory=list)  # same normalised text: progress kept
    tasks_changed: list[TaskChange] = field(default_factory=list)  # similar text: updated in place, progress kept
    tasks_removed: list[Task] = field(default_factory=list)  # archived, never deleted
    targets_new: list[TargetChange] = field(default_factory=list)
    targets_changed: list[TargetChange] = field(default_factory=list)
    targets_kept: list[TargetChange] = field(default_factory=list)
    targets_removed: list[Target] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.tasks_new or self.tasks_changed or self.tasks_removed or self.targets_new
                    or self.targets_changed or self.targets_removed)

    def match_for(self, task_id: str) -> TaskChange | None:
        for change in (*self.tasks_kept, *self.tasks_changed, *self.tasks_new):
            if change.new.id == task_id:
                return change
        return None


def diff_plan(stored: Plan | None, extracted: Extracted) -> PlanDiff:
    """Match extracted tasks to stored ones: equal normalised text first, then similar text in the same section."""
    new = extracted.plan
    if stored is None:
        return PlanDiff(True, tasks_new=[TaskChange(t) for t in new.tasks],
                        targets_new=[TargetChange(t) for t in new.targets])
    diff = PlanDiff(False)
    candidates = list(stored.tasks.filter(origin=Task.Origin.EXTRACTED).select_related("section"))
    by_key: dict[str, list[Task]] = {}
    for task in candidates:
        by_key.setdefault(task.match_key, []).append(task)
    used: set[int] = set()
    unmatched: list[core.Task] = []
    for t in new.tasks:
        same = [c for c in by_key.get(match_key(t.text), []) if c.pk not in used]
        if same:
            used.add(same[0].pk)
            diff.tasks_kept.append(TaskChange(t, same[0], _task_fields(same[0], t)))
        else:
            unmatched.append(t)
    for t in unmatched:
        best, best_ratio = None, SIMILAR_ENOUGH
        for c in candidates:
            if c.pk in used or c.archived or (c.section.key if c.section_id else None) != t.section:
                continue
            ratio = difflib.SequenceMatcher(None, c.match_key, match_key(t.text)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = c, ratio
        if best is None:
            diff.tasks_new.append(TaskChange(t))
        else:
            used.add(best.pk)
            diff.tasks_changed.append(TaskChange(t, best, ["text", *_task_fields(best, t, text=False)]))
    diff.tasks_removed = [c for c in candidates if c.pk not in used and not c.archived]
    _diff_targets(stored, new, diff)
    return diff


def _task_fields(old: Task, new: core.Task, *, text: bool = True) -> list[str]:
    changed = []
    if text and old.text != new.text and old.match_key != match_key(new.text):
        changed.append("text")
    if parse_date(new.deadline) != old.deadline and old.deadline is not None:
        changed.append("deadline")
    if (old.section.key if old.section_id else None) != new.section:
        changed.append("section")
    return changed


def target_key(indicator: str, section: str | None) -> str:
    return f"{section or ''}|{match_key(indicator)}"


def _diff_targets(stored: Plan, new: core.Plan, diff: PlanDiff) -> None:
    olds: dict[str, list[Target]] = {}
    for target in stored.targets.filter(archived=False).select_related("section"):
        olds.setdefault(target_key(target.indicator, target.section.key if target.section_id else None),
                        []).append(target)
    for t in new.targets:
        bucket = olds.get(target_key(t.indicator, t.section)) or []
        if not bucket:
            diff.targets_new.append(TargetChange(t))
            continue
        old = bucket.pop(0)
        fields = [f for f in ("comparator", "value", "unit") if getattr(old, f) != getattr(t, f)]
        (diff.targets_changed if fields else diff.targets_kept).append(TargetChange(t, old, fields))
    diff.targets_removed = [t for bucket in olds.values() for t in bucket]
