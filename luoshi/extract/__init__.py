"""Extraction (抽取): one entry point running an ordered list of pure stages over a parsed report.

    normalise → sections (done by ``luoshi.report.parse``) → sentences → targets → tasks
    → milestones → projects → departments

Each stage is a pure function ``Draft -> Draft``; no stage reads files or settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.plan import Milestone, Plan, Project, Skipped, Target, Task
from luoshi.report import Report, parse

if TYPE_CHECKING:
    from luoshi.departments import Departments
    from luoshi.history import History


@dataclass(frozen=True)
class Sentence:
    """A sentence of the plan part (句): the unit the target and task stages read.

    ``start``/``end`` are offsets in the normalised text; ``section`` the innermost section id.
    """

    section: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Options:
    """What the office chooses about the extraction (抽取选项).

    ``rows``: "sentence" (the default: the rows an office writes) or "clause" (one task per actionable
    clause). ``departments``: the office's own list of departments (its names are the only ones leads and
    cooperating units are taken from); None for the built-in catalogue of ``level`` (national, province,
    city, county, town; inferred from the issuer when None). ``history``: a previous task table whose
    leads are followed for similar rows before any built-in cue.
    """

    rows: str = "sentence"
    departments: Departments | None = None
    level: str | None = None
    history: History | None = None


@dataclass(frozen=True)
class Draft:
    """The plan as it is being built; each stage returns a new one."""

    report: Report
    options: Options = Options()
    sentences: tuple[Sentence, ...] = ()
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    projects: tuple[Project, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    def with_(self, **changes: object) -> Draft:
        return replace(self, **changes)


Stage = Callable[[Draft], Draft]


def _stages() -> list[Stage]:
    # Imported here so each stage module may import Draft/Sentence from this package.
    from luoshi.extract import departments, milestones, projects, sentences, targets, tasks

    return [
        sentences.split_sentences,  # plan-part text → sentences with their section
        targets.find_targets,  # numbers the plan commits to (needs sentences)
        tasks.find_tasks,  # the rows of the task table, skipped sentences with their reason (needs targets)
        milestones.find_milestones,  # tasks with a deadline and no number (needs tasks)
        projects.find_projects,  # named projects and enterprises (needs tasks)
        departments.suggest_departments,  # lead/cooperating departments per task (needs tasks)
    ]


def warm_up() -> None:
    """Import every stage, its rule tables and the readers now, not on the first report.

    A process pool forks after this, so its workers share what was loaded instead of each paying
    the imports again.
    """
    import luoshi.read.docx
    import luoshi.read.html
    import luoshi.read.pdf
    import luoshi.read.txt  # noqa: F401

    _stages()


def extract(report: Report, options: Options | None = None) -> Plan:
    """Turn a parsed report into its plan."""
    draft = Draft(report, options or Options())
    for stage in _stages():
        draft = stage(draft)
    s = report.structure
    return Plan(
        issuer=report.issuer,
        year=report.year,
        sections=s.sections,
        tasks=draft.tasks,
        targets=draft.targets,
        projects=draft.projects,
        milestones=draft.milestones,
        warnings=report.warnings,
        skipped=draft.skipped,
        source=report.document.source,
        encoding=report.document.encoding,
        format=report.document.format,
    )


def extract_file(source: str | Path | bytes, *, year: int | None = None, issuer: str | None = None,
                 name: str | None = None, options: Options | None = None) -> Plan:
    """Read, parse and extract in one call: what the CLI and the web import use."""
    return extract(parse(source, year=year, issuer=issuer, name=name), options)
