"""What the office brings to an extraction (本单位的部门名单与历史分工): its own departments and its past choices.

The issuer's departments (with their aliases) are the list every suggested lead and cooperating unit is
taken from, at import and afterwards (a merged row's suggestion); the leads the office has given its
rows, in this plan and earlier ones (moves included), are the history that similar rows follow before
any built-in cue.
"""

from __future__ import annotations

from luoshi.departments import Department as ListedDepartment
from luoshi.departments import Departments
from luoshi.extract import Options
from luoshi.history import History, PastRow
from web.accounts.models import Department
from web.plans.importing import ImportFailed
from web.plans.models import Assignment, Issuer, Task

ROW_CHOICES = (("sentence", "按句（与督查室的任务分解表一致）"), ("clause", "按分句（更细，每个动作一项）"))
HISTORY_LIMIT = 5000  # the most recent assigned rows are memory enough, and keep an import quick


def department_list(issuer: Issuer) -> Departments | None:
    """The issuer's departments as the extractor's list (部门名单), None when it has none yet.

    A name (or alias) given to two departments makes the list ambiguous: refused in one Chinese line.
    """
    departments = list(Department.objects.filter(issuer=issuer).order_by("order", "name"))
    if not departments:
        return None
    owner: dict[str, str] = {}
    for d in departments:
        for name in (d.name, *d.alias_list()):
            if owner.get(name, d.name) != d.name:
                raise ImportFailed(f"{issuer.name}的部门名单有误: “{name}”同时是“{owner[name]}”和“{d.name}”"
                                   "的名称或别名，请先在部门设置中改正")
            owner[name] = d.name
    return Departments(tuple(ListedDepartment(d.name, tuple(a for a in d.alias_list() if a != d.name))
                             for d in departments), f"{issuer.name}部门名单")


def office_history(issuer: Issuer) -> History | None:
    """The leads the office has given its rows (历史分工), newest first; None before it assigned any."""
    tasks = (Task.objects.filter(plan__issuer=issuer, archived=False, assignments__role=Assignment.Role.LEAD)
             .prefetch_related("assignments__department").order_by("-updated_at").distinct()[:HISTORY_LIMIT])
    rows = []
    for task in tasks:
        lead = task.lead_department
        if lead is not None:
            rows.append(PastRow(task.text, lead.name, tuple(d.name for d in task.cooperating_departments)))
    return History.of(rows, f"{issuer.name}历史分工") if rows else None


def extraction_options(issuer: Issuer | None, rows: str = "sentence") -> Options:
    """The options an import extracts with: the issuer's list and history, and the office's cut."""
    if issuer is None:
        return Options(rows=rows)
    return Options(rows=rows, departments=department_list(issuer), history=office_history(issuer))


def suggestion_for(issuer: Issuer, text: str) -> tuple[str, list[str]]:
    """The suggested lead and cooperating units for a row's text now (建议牵头/配合单位), from the same
    list and history an import would use."""
    from luoshi.extract.departments import Assigner, catalogue_assigner
    from luoshi.rules.catalogues import level_of

    options = extraction_options(issuer)
    if options.departments is not None:
        assigner = Assigner(options.departments, options.history)
    else:
        base = catalogue_assigner(level_of(issuer.name), issuer.name)
        assigner = Assigner(base.departments, options.history, own_list=False)
    s = assigner.suggest(text)
    return s.lead, list(s.cooperating)
