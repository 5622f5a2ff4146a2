"""Structure doubts (结构存疑): a warning, with its reason, wherever the section tree looks wrong.

Extraction trusts the tree: a review read as plan turns last year's results into targets, a lost
heading merges two sections. Nothing is silently guessed: each doubt is a ``structure_doubt``
warning with a Chinese message the import page shows before anything is saved.
"""

from __future__ import annotations

from luoshi.plan import Section, Warning
from luoshi.structure.headings import Skip
from luoshi.structure.parts import reads_past
from luoshi.structure.year import YearEvidence

KIND = "structure_doubt"
MIN_PLAN_SECTIONS = 3  # a plan of fewer sections than this is more likely a tree not found
CONTEXT = 10  # characters either side of a doubt's place, as for damage warnings
MIN_ORPHANS = 2  # （一）, （二） before any part heading: a list there is rare, a lost part heading is not


def _warning(text: str, offset: int, suspect: str, reason: str, message: str) -> Warning:
    context = text[max(0, offset - CONTEXT):offset + len(suspect) + CONTEXT].replace("\n", " ")
    return Warning(KIND, offset, suspect, context, message=message, reason=reason)


def structure_doubts(text: str, sections: list[Section], skips: list[Skip], evidence: YearEvidence,
                     year: int | None, plan_start: int, orphans: tuple[int, ...] | list[int] = ()) -> list[Warning]:
    """Every doubt about a parsed report's structure, in text order.

    >>> [w.reason for w in structure_doubts("今年要加快建设。", [], [], YearEvidence(), 2025, 0)]
    ['few_plan_sections']
    """
    out: list[Warning] = []
    plan = [s for s in sections if s.part == "plan" and s.id != "0"]
    if len(plan) < MIN_PLAN_SECTIONS:
        where = plan[0] if plan else None
        out.append(_warning(text, where.start if where else plan_start, where.title if where else "",
                            "few_plan_sections",
                            f"只识别出{len(plan)}个计划章节（少于{MIN_PLAN_SECTIONS}个）：报告的标题层级可能未被识别，请核对章节"))
    for s in plan:
        if reads_past(text[s.start:s.end]):
            out.append(_warning(text, s.start, s.title, "review_in_plan",
                                f"计划部分的“{s.title}”读来像上年工作回顾（多为已取得的成绩）："
                                "其中的数字可能被误作今年的目标，请核对"))
    for source, said in (("报告标题或日期", evidence.title), ("“今年是……”", evidence.this_year)):
        if year and said and said != year:
            out.append(_warning(text, plan_start, "", "year_mismatch",
                                f"计划年度识别为{year}年，但{source}指向{said}年：请核对计划年度，时限会随之改变"))
    if len(orphans) >= MIN_ORPHANS:
        out.append(_warning(text, orphans[0], "", "headings_in_preface",
                            f"第一个部分标题之前有{len(orphans)}个“（一）”式标题：部分标题（如“2024年工作回顾”）"
                            "可能未被识别，其下内容被当作前言，请核对"))
    for skip in skips:
        if skip.why == "jump":
            message = f"标题序号跳过了一个：“{skip.text}”之前可能缺少一个标题，请核对"
        else:
            message = f"“{skip.text}”像标题，但序号与前后不符，未作为章节：请核对"
        out.append(_warning(text, skip.offset, skip.text, "heading_skipped" if skip.why == "jump"
                            else "heading_out_of_order", message))
    return sorted(out, key=lambda w: w.offset)
