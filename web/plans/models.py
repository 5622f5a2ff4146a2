"""The stored plan: rows made from ``luoshi.plan`` dataclasses, then edited by people.

Rules about one object live on its model; changes go through ``web.plans.services``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property


def match_key(text: str) -> str:
    """A task's text reduced for matching across re-imports: no spaces or punctuation.

    >>> match_key("全力推动产业综合配套工程(一期)下半年建成使用。")
    '全力推动产业综合配套工程一期下半年建成使用'
    """
    return re.sub(r"[\W_]+", "", text or "")


class Issuer(models.Model):
    """An issuer (发文单位) of plans: a county, a town … ``parent`` makes the county over its towns.

    ``shares_plans`` (下级互相可见): the issuers below this one read one another's plans (read only), as the
    issuer's 督查室 decided (``web.plans.county.share_plans_below``); who reads what is ``web.accounts.roles``.
    """

    name = models.CharField("名称", max_length=100, unique=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name="上级")
    shares_plans = models.BooleanField("下级互相可见", default=False)

    class Meta:
        ordering = ("name",)
        verbose_name = verbose_name_plural = "发文单位"

    def __str__(self) -> str:
        return self.name


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Plan(models.Model):
    """A year's plan (年度计划) of one issuer, extracted from its government work report."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="plans", verbose_name="发文单位")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=200, blank=True)
    published = models.BooleanField("已公开", default=False)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_format = models.CharField("格式", max_length=20, blank=True)
    text = models.TextField("规范化文本", blank=True, help_text="offsets of tasks and targets point here")
    warnings = models.JSONField("警告", default=list, blank=True)
    # What the extractor made of the report at the last confirmed import, exactly as `luoshi extract` prints
    # it: the API serves it beside the plan as it stands now, edits included. Text, not a JSONField:
    # PostgreSQL's jsonb reorders keys, and this is meant to be the extractor's output as it was.
    imported = models.TextField("导入时的抽取结果 (plan/1 JSON)", blank=True, editable=False)
    # Set once by the year-end close (年终, ``web.yearend``): from then on the plan is read-only and every
    # editing service refuses it (``web.plans.services.refuse_closed``).
    closed_at = models.DateTimeField("年终关闭于", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "issuer__name")
        constraints = (models.UniqueConstraint(fields=["issuer", "year"], name="plan_one_per_issuer_year"),)
        verbose_name = verbose_name_plural = "规划"

    def __str__(self) -> str:
        return self.title or f"{self.issuer.name}{self.year}年工作任务"

    @property
    def display_title(self) -> str:
        return str(self)

    @property
    def is_closed(self) -> bool:
        """Closed at the year end (已年终关闭): read-only."""
        return self.closed_at is not None

    def today(self) -> dt.date:
        """The day the plan is seen on (今天): its pinned day if it has one, else the real date.

        The demo plan is shown in the middle of its year (``load_demo_history`` pins the day on the plan's
        reporting cadence), so that the task table's 已逾期 and the dashboards' lights tell the same story.
        """
        return self.pinned_day or timezone.localdate()

    @cached_property
    def pinned_day(self) -> dt.date | None:
        # The supervision app's one-to-one cadence, read by name so that plans does not import supervision;
        # once per plan object, and every task of a plan's own queryset shares that object.
        cadence = getattr(self, "reporting_cadence", None)
        return getattr(cadence, "as_of", None)

    def active_tasks(self):
        return self.tasks.filter(archived=False)

    def excerpt(self, start: int | None, end: int | None, margin: int = 40) -> tuple[str, str, str] | None:
        """(before, the item, after) around offsets in the plan text, for highlighting the source."""
        return text_excerpt(self.text, start, end, margin)


def text_excerpt(text: str, start: int | None, end: int | None, margin: int = 40):
    """Split ``text`` around ``[start:end]`` with ``margin`` characters either side.

    >>> text_excerpt("甲乙丙丁戊", 1, 3, margin=1)
    ('甲', '乙丙', '丁')
    """
    if start is None or end is None or not text or not (0 <= start < end <= len(text)):
        return None
    return text[max(0, start - margin):start], text[start:end], text[end:end + margin]


class Section(models.Model):
    """A heading of the report (章节): key ``"1"`` for 一、, ``"1.1"`` for (一)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField("编号", max_length=20)
    number = models.CharField("序号", max_length=20, blank=True)
    title = models.CharField("标题", max_length=300)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    part = models.CharField(max_length=20, default="plan")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan", "order")
        constraints = (models.UniqueConstraint(fields=["plan", "key"], name="section_unique_key"),)
        verbose_name = verbose_name_plural = "章节"

    def __str__(self) -> str:
        return f"{self.number}{self.title}" if self.number else self.title

    @property
    def depth(self) -> int:
        return self.key.count(".")


class Task(models.Model):
    """A task (具体任务) of the plan: one actionable clause with a deadline and departments.

    Never deleted: ``archive`` hides it and keeps its history. ``match_key`` is the normalised text
    the extractor gave it, so a corrected report re-imported later finds the same row (and its
    assignments and progress) even after the text was edited here.

    ``version`` (版本号) counts stored changes, for optimistic concurrency: an edit form carries the
    version it was loaded at and ``edit_task`` refuses it once the row has moved on. ``save()`` bumps it
    in the database (``version + 1``, never a value computed here), so every service that saves a task,
    in this app or another (an approved extension moves the deadline), makes older forms stale.
    """

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "抽取"
        MANUAL = "manual", "手工添加"
        SPLIT = "split", "拆分"
        CARRIED = "carried", "上年结转"

    class State(models.TextChoices):
        UNASSIGNED = "unassigned", "未分配"
        ASSIGNED = "assigned", "已分配"
        OVERDUE = "overdue", "已逾期"
        ARCHIVED = "archived", "已归档"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks",
                                verbose_name="章节")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="subtasks",
                               verbose_name="上级任务")
    key = models.CharField("编号", max_length=30, blank=True)
    text = models.TextField("任务内容")
    match_key = models.TextField(blank=True, db_index=False)
    deadline = models.DateField("完成时限", null=True, blank=True)
    deadline_text = models.CharField("时限原文", max_length=100, blank=True)
    milestone = models.BooleanField("节点任务", default=False)
    firmness = models.CharField(max_length=20, default="plain")
    suggested_lead = models.CharField("建议牵头单位", max_length=100, blank=True)
    suggested_cooperating = models.JSONField("建议配合单位", default=list, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    origin = models.CharField("来源", max_length=20, choices=Origin.choices, default=Origin.EXTRACTED)
    order = models.PositiveIntegerField(default=0)
    archived = models.BooleanField("已归档", default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField("版本号", default=1, editable=False)
    # Set by the office when a row is not its lead department's usual: see ``effective_leader_in_charge``.
    leader_in_charge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="tasks_in_charge", verbose_name="分管领导")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="tasks_responsible", verbose_name="责任人")
    # A row carried into next year's plan at the year-end close (结转) points to the row it came from, whose
    # progress reports stay its history.
    carried_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="carried_to", verbose_name="结转自")
    # 联动: a county's row assigned down to its towns; each town's part is a row of its own plan pointing here.
    linked_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="town_parts", verbose_name="联动上级任务")

    class Meta:
        ordering = ("plan", "order", "pk")
        indexes = (models.Index(fields=["plan", "archived"]),)
        verbose_name = verbose_name_plural = "任务"

    def __str__(self) -> str:
        return self.text[:40]

    def save(self, *args, **kwargs) -> None:
        """Store the task; an update also bumps ``version`` atomically and reads the new value back."""
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        stored = self.version
        self.version = F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = stored
            raise
        self.refresh_from_db(fields=["version"])

    # --- rules about one task -------------------------------------------------------------

    def lead_assignment(self) -> Assignment | None:
        return next((a for a in self.assignments.all() if a.role == Assignment.Role.LEAD), None)

    @property
    def lead_department(self):
        a = self.lead_assignment()
        return a.department if a else None

    @property
    def cooperating_departments(self) -> list:
        return [a.department for a in self.assignments.all() if a.role == Assignment.Role.COOPERATING]

    def effective_leader_in_charge(self):
        """The row's leader in charge (分管领导): its own, else its lead department's, else None."""
        if self.leader_in_charge_id is not None:
            return self.leader_in_charge
        lead = self.lead_department
        return lead.leader_in_charge if lead is not None else None

    def effective_responsible(self):
        """The row's person responsible (责任人): its own, else its lead department's, else None."""
        if self.responsible_id is not None:
            return self.responsible
        lead = self.lead_department
        return lead.responsible if lead is not None else None

    def department_ids(self) -> set[int]:
        """Departments responsible for the task (lead and cooperating)."""
        return {a.department_id for a in self.assignments.all()}

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its deadline (逾期) on ``today`` (default: the plan's day); a task due today is not yet overdue."""
        today = today or self.plan.today()
        return self.deadline is not None and today > self.deadline

    def state(self, today: dt.date | None = None) -> str:
        """Where the task stands in the task table: archived, then overdue, then (un)assigned.

        Progress lights (green/yellow/red) come from progress reports, not from here.
        """
        if self.archived:
            return self.State.ARCHIVED
        if self.is_overdue(today):
            return self.State.OVERDUE
        return self.State.ASSIGNED if self.lead_assignment() else self.State.UNASSIGNED

    def state_label(self, today: dt.date | None = None) -> str:
        return self.State(self.state(today)).label

    def can_be_split(self) -> bool:
        """Only a live, top-level task is split; a sub-task is already one department's work."""
        return not self.archived and self.parent_id is None

    def next_row(self) -> Task | None:
        """The live top-level task after this one in the same section of the task table (下一行), or None."""
        later = (Task.objects.filter(plan_id=self.plan_id, section_id=self.section_id, archived=False,
                                     parent__isnull=True)
                 .filter(models.Q(order__gt=self.order) | models.Q(order=self.order, pk__gt=self.pk))
                 .order_by("order", "pk"))
        return later.first()

    def can_merge_with(self, other: Task | None) -> bool:
        """Two rows merge (合并) when both are live top-level rows without sub-tasks, ``other`` being the
        row right after this one in the same section (the inverse of a split)."""
        if other is None or not self.can_be_split() or not other.can_be_split() or other.pk == self.pk:
            return False
        if self.subtasks.exists() or other.subtasks.exists():
            return False
        nxt = self.next_row()
        return nxt is not None and nxt.pk == other.pk

    def snapshot(self) -> dict:
        """What the audit trail keeps of a task."""
        return {
            "text": self.text,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "section": self.section.key if self.section_id else None,
            "archived": self.archived,
        }


class Target(models.Model):
    """A quantitative target (量化目标): indicator, comparator, value and unit, due by a deadline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="targets")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="targets")
    key = models.CharField("编号", max_length=30, blank=True)
    indicator = models.CharField("指标", max_length=300)
    kind = models.CharField("类型", max_length=20, default="quantity")
    comparator = models.CharField("比较", max_length=4, default="=")
    value = models.FloatField("目标值")
    upper = models.FloatField(null=True, blank=True)
    unit = models.CharField("单位", max_length=30, blank=True)
    deadline = models.DateField("时限", null=True, blank=True)
    deadline_text = models.CharField(max_length=100, blank=True)
    source_text = models.TextField("原文", blank=True)
    firmness = models.CharField(max_length=20, default="plain")
    rule = models.CharField(max_length=100, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ("plan", "order", "pk")
        verbose_name = verbose_name_plural = "量化目标"

    COMPARATOR_WORDS: ClassVar[dict[str, str]] = {">=": "不低于", "<=": "不高于", "~": "约", "=": ""}

    def __str__(self) -> str:
        return f"{self.indicator} {self.describe_value()}"

    def describe_value(self) -> str:
        """The target in words: ``不低于 11%``.

        >>> Target(comparator=">=", value=11.0, unit="%").describe_value()
        '不低于 11%'
        """
        number = f"{self.value:g}"
        word = self.COMPARATOR_WORDS.get(self.comparator, self.comparator)
        return f"{word} {number}{self.unit}".strip()

    def snapshot(self) -> dict:
        return {"indicator": self.indicator, "comparator": self.comparator, "value": self.value, "unit": self.unit,
                "archived": self.archived}


class Milestone(models.Model):
    """A milestone (节点目标): a task's dated step with no number."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    text = models.TextField()
    deadline = models.DateField(null=True, blank=True)
    deadline_text = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("deadline", "pk")
        verbose_name = verbose_name_plural = "节点目标"

    def __str__(self) -> str:
        return self.text[:40]


class Project(models.Model):
    """A named project, enterprise, facility or road (重点项目) the plan acts on."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_projects")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="projects")
    name = models.CharField("名称", max_length=300)
    kind = models.CharField(max_length=20, default="project")
    action = models.CharField(max_length=20, blank=True)
    investment_value = models.FloatField(null=True, blank=True)
    investment_unit = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ("plan", "pk")
        verbose_name = verbose_name_plural = "重点项目"

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A department's responsibility for a task: the lead (牵头单位, one per task) or cooperating (配合单位)."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        COOPERATING = "cooperating", "配合"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("task", "role", "department__order", "pk")
        constraints = (
            models.UniqueConstraint(fields=["task", "department"], name="assignment_one_role_per_department"),
            models.UniqueConstraint(fields=["task"], condition=models.Q(role="lead"), name="assignment_one_lead"),
        )
        verbose_name = verbose_name_plural = "责任分工"

    def __str__(self) -> str:
        return f"{self.department} {self.get_role_display()}"


class PendingImport(models.Model):
    """An upload waiting for confirmation (待确认的导入): the bytes, never half-imported rows.

    ``kind`` is ``report`` (a work report → a plan) or ``task_table`` (an edited 任务分解表 .xlsx).
    """

    class Kind(models.TextChoices):
        REPORT = "report", "工作报告"
        TASK_TABLE = "task_table", "任务分解表"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    year = models.PositiveIntegerField(null=True, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    rows = models.CharField("任务粒度", max_length=20, default="sentence")  # sentence (按句) | clause (按分句)
    # The importer has said this report is the chosen issuer's and year's although it seems to name others
    # (识别有误, 确认导入): see ``web.plans.import_guard``.
    target_confirmed = models.BooleanField("已确认导入对象", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "待确认导入"

    def __str__(self) -> str:
        return self.filename

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


from web.plans.instruction_models import Instruction  # noqa: E402,F401  (批示, in a module of their own)
