"""The shapes of the API (请求与响应结构): what each endpoint accepts and returns, documented in the schema."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, model_validator

# Bodies are read strictly: ``true`` is not the number 1 and ``"5"`` is not 5 (a script sending them has a bug).
# A finite number within what any report states: a NaN or 1e308 is refused with a 422, never stored.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e12, le=1e12)]
# Row ids are 64-bit: a larger number is a 422, not an overflow in the database driver. ``Id`` is for query
# strings and JSON object keys (text by nature), ``BodyId`` for ids in a body.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]
Flag = Annotated[bool, Field(strict=True)]
PathId = Annotated[int, Path(..., ge=1, le=MAX_ID)]


def _storable(value: str) -> str:
    """Text a database can store: no NUL (PostgreSQL refuses it) and no lone surrogate (not UTF-8)."""
    if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
        raise ValueError("含有无法保存的字符")
    return value


def Text(max_length: int, min_length: int = 0):  # capitalised: used as a type, like pydantic constr
    """A string of at most ``max_length`` characters that the database can store."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_storable)]


class Body(Schema):
    """A request body: a JSON object. Django-ninja reads a schema from any value's attributes, so ``[]`` or
    ``null`` would otherwise pass as an object with every field left out (an edit that changes nothing)."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        if not isinstance(data._obj if isinstance(data, DjangoGetter) else data, dict):
            raise ValueError("请求体应为 JSON 对象")
        return data


class Error(Schema):
    """An error: ``detail`` is one sentence in Chinese; ``errors`` lists bad fields for a 422."""

    detail: str = Field(..., examples=["不存在或无权查看"])
    errors: list[dict] | None = None


class Page(Schema):
    """A page of a list: ``count`` items in all, ``items`` from ``offset``."""

    count: int
    limit: int
    offset: int


class Pagination(Schema):
    limit: int = Field(50, ge=1, le=200, description="每页条数 (1–200)")
    offset: int = Field(0, ge=0, le=1_000_000, description="跳过的条数")


class DepartmentRef(Schema):
    id: int
    name: str


class PlanOut(Schema):
    """A plan (年度计划) of one issuer."""

    id: int
    issuer: str
    issuer_id: int
    year: int
    title: str
    published: bool
    source_name: str
    updated_at: dt.datetime


class PlanPage(Page):
    items: list[PlanOut]


class SectionOut(Schema):
    """A heading of the report (章节): key ``1`` for 一、, ``1.1`` for (一)."""

    id: int
    key: str
    number: str
    title: str
    parent_key: str | None
    part: str


class SectionPage(Page):
    items: list[SectionOut]


class StatusOut(Schema):
    """The task's light (红黄绿灯) on the plan's day, from approved (reviewed) reports only, for every caller."""

    light: Literal["green", "yellow", "red"]
    light_label: str
    time_progress: float = Field(..., description="序时进度 (%)")
    reported: float = Field(..., description="已审核通过的进度 (%)")
    gap: float = Field(..., description="序时进度减报送进度, 正数为落后")
    category: str = Field(..., description="已完成 / 超进度 / 达进度 / 欠进度")
    done: bool
    overdue: bool
    not_reported: bool
    pending: bool | None = Field(None, description="有报送待审核 (待审核); 仅本单位成员可见, 公众为 null")


class TaskOut(Schema):
    """A task (具体任务) with its departments, targets and light."""

    id: int
    key: str
    plan_id: int
    section: str | None = Field(..., description="章节编号")
    parent_id: int | None
    text: str
    deadline: dt.date | None
    deadline_text: str
    milestone: bool
    firmness: str
    origin: str
    archived: bool
    state: str = Field(..., description="unassigned / assigned / overdue / archived")
    lead: DepartmentRef | None = Field(..., description="牵头单位")
    cooperating: list[DepartmentRef] = Field(..., description="配合单位")
    suggested_lead: str = Field(..., description="报告原文建议的牵头单位")
    suggested_cooperating: list[str]
    target_ids: list[int]
    version: int | None = Field(None, description="版本号: 修改时带上, 以免覆盖他人的修改")
    status: StatusOut | None = Field(..., description="已归档的任务没有状态灯")


class TaskPage(Page):
    items: list[TaskOut]


class TaskCreate(Body):
    text: Text(5000, 1) = Field(..., description="任务内容")
    section: Text(20) | None = Field(None, description="章节编号, 如 1.2")
    deadline: dt.date | None = None
    lead_id: BodyId | None = Field(None, description="牵头单位的部门 id")


class TaskPatch(Body):
    """Only the fields given change; ``version`` is the one read with the task."""

    text: Text(5000, 1) | None = None
    deadline: dt.date | None = None
    section: Text(20) | None = Field(None, description="章节编号; 空字符串或 null 表示不属于任何章节")
    version: int | None = Field(None, strict=True, ge=1, le=2_147_483_647)


class AssignmentIn(Body):
    lead_id: BodyId | None = Field(None, description="牵头单位的部门 id; 为空则取消分配")
    cooperating_ids: list[BodyId] = Field(default_factory=list, max_length=50, description="配合单位的部门 id")


class ArchiveIn(Body):
    reason: Text(500) = ""


class AssignmentOut(Schema):
    task_id: int
    department: DepartmentRef
    role: Literal["lead", "cooperating"]


class AssignmentPage(Page):
    items: list[AssignmentOut]


class DepartmentOut(Schema):
    id: int
    name: str
    aliases: list[str]


class DepartmentPage(Page):
    items: list[DepartmentOut]


class TargetOut(Schema):
    """A quantitative target (量化目标)."""

    id: int
    key: str
    plan_id: int
    task_id: int | None
    section: str | None
    indicator: str
    kind: str
    comparator: str
    value: float
    upper: float | None
    unit: str
    deadline: dt.date | None
    deadline_text: str
    source_text: str
    firmness: str
    archived: bool


class TargetPage(Page):
    items: list[TargetOut]


class TargetPatch(Body):
    value: Number | None = None
    comparator: Literal[">=", "<=", "~", "="] | None = None
    unit: Text(30) | None = None


class ProjectOut(Schema):
    """A named project (重点项目)."""

    id: int
    plan_id: int
    task_id: int | None
    section: str | None
    name: str
    kind: str
    action: str
    investment_value: float | None
    investment_unit: str


class ProjectPage(Page):
    items: list[ProjectOut]


class ActualOut(Schema):
    target_id: int
    value: float


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class ProgressReportOut(Schema):
    """A version of a department's progress report (进展报送) on a task for one period."""

    id: int
    task_id: int
    department: DepartmentRef
    period: str = Field(..., description="报送期: 2025-06 或 2025-Q2")
    version: int
    status: Literal["draft", "submitted", "returned", "approved"]
    text: str
    percent: int
    difficulties: str
    author: str
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    review_comment: str
    actuals: list[ActualOut]
    evidence: list[EvidenceOut]


class ProgressReportPage(Page):
    items: list[ProgressReportOut]


class ProgressReportIn(Body):
    """A report from one of the task's departments; ``draft`` saves without submitting. Evidence files are
    uploaded on the task's progress page, not here."""

    period: str = Field(..., pattern=r"^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$", examples=["2025-06"])
    text: Text(10000, 1) = Field(..., description="工作进展")
    percent: int = Field(..., strict=True, ge=0, le=100, description="完成进度 (%)")
    difficulties: Text(10000) = Field("", description="需协调解决的问题")
    actuals: dict[Id, Number] = Field(default_factory=dict, description="量化目标 id → 实际完成值")
    draft: Flag = False


class ReviewIn(Body):
    comment: Text(5000) = Field("", description="审核意见 (退回时必填)")


class ForecastOut(Schema):
    method: str
    month: int | None
    actual_value: float | None
    actual_growth: float | None
    forecast_value: float | None
    forecast_growth: float | None
    needed_growth: float | None
    needed_per_month: float | None
    on_course: bool | None


class IndicatorActualOut(Schema):
    month: int
    value: float | None
    growth: float | None
    source: str


class IndicatorOut(Schema):
    """A headline indicator (主要指标) with its monthly cumulative figures and year-end forecast."""

    id: int
    plan_id: int
    target_id: int | None
    name: str
    kind: Literal["growth", "quantity"]
    comparator: str
    target_value: float
    value_unit: str
    baseline: float | None
    actuals: list[IndicatorActualOut]
    forecast: ForecastOut


class IndicatorPage(Page):
    items: list[IndicatorOut]


class IndicatorActualIn(Body):
    value: Number | None = Field(None, description="1–m月累计数")
    growth: Number | None = Field(None, description="累计同比增长 (%)")
