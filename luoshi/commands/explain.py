"""``luoshi explain "<sentence>" [--year Y]``: which rules fired on a sentence, and the targets found (规则解释).

For every number of the sentence it prints either the non-target rule that ruled it out (with
that rule's reason) or the targets read from it with the kind, comparator and deadline rules
that fired. Then the rows of the task table the sentence makes (with the rule that cut them and the
suggested lead), or the reason it makes none (heading, assessment, transition, slogan …). It reads the
sentence as a plan sentence of the given year: no file, no sections.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import TextIO

from luoshi.extract.targets import Reading, read_sentence
from luoshi.rules.nontargets import RULES_BY_NAME

HELP = "解释一句话: 显示每个数字触发了哪些规则、抽取到的量化目标, 以及它成为哪几行任务或为何不列为任务"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``luoshi explain`` (解释命令的参数)."""
    parser.add_argument("sentence", metavar="SENTENCE", help="计划部分的一句话, 如 \"新增3家专精特新中小企业\"")
    parser.add_argument("--year", type=int, metavar="Y", help="计划年度 (默认今年)")


def describe(readings: list[Reading]) -> str:
    """The readings of one sentence as lines a person can check (规则解释文本).

    >>> print(describe(read_sentence("全年植绿、增绿不少于11600棵", 2025)))
    11600棵 → 目标 植绿、增绿: quantity >= 11600 棵, 截止 2025-12-31 (全年)
        规则: quantity_unit, before_not_less, deadline
    >>> print(describe(read_sentence("落实“1310”具体部署", 2025)))
    1310 → 不是目标 [no_unit] a bare number (12355热线, 3、4号机组) measures nothing; only percentages and units count
    """
    lines: list[str] = []
    for r in readings:
        if r.skipped:
            rule = RULES_BY_NAME.get(r.skipped)
            why = f" {rule.why}" if rule else ""
            lines.append(f"{r.number.text} → 不是目标 [{r.skipped}]{why}")
            continue
        for t in r.targets:
            extra = "".join(f", {k} {v}" for k, v in (("上限", t.upper), ("基数", t.baseline)) if v is not None)
            firm = {"binding": ", 确保", "stretch": ", 力争"}.get(t.firmness, "")
            when = f" ({t.deadline_text})" if t.deadline_text else ""
            lines.append(f"{r.number.text} → 目标 {t.indicator}: {t.kind} {t.comparator} {t.value} {t.unit}, "
                         f"截止 {t.deadline}{when}{extra}{firm}")
        lines.append(f"    规则: {', '.join(r.rules)}")
    return "\n".join(lines) if lines else "(没有数字)"


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Explain ``args.sentence`` at ``args.year`` (this year when not given).

    >>> run(argparse.Namespace(sentence="力争第一季度完成基地1230亩土地平整", year=2025))
    1230亩 → 目标 基地土地平整: quantity = 1230 亩, 截止 2025-03-31 (第一季度), 力争
        规则: quantity_unit, plain, deadline
    任务 t1: 力争第一季度完成基地1230亩土地平整 [sentence] 牵头 县自然资源局, 截止 2025-03-31
    0
    """
    out = out or sys.stdout
    year = args.year or datetime.date.today().year
    out.write(describe(read_sentence(args.sentence, year, seen=set())) + "\n")
    out.write(describe_rows(args.sentence, year) + "\n")
    return 0


_HEADING = "一、工作安排\n"


def describe_rows(sentence: str, year: int) -> str:
    """The rows a plan sentence makes, or why it makes none (任务行与不列为任务的理由).

    >>> print(describe_rows("2025年是“十四五”规划收官之年。", 2025))
    不列为任务 [assessment] an assessment of the year or the situation (收官之年, 机遇与挑战并存) reports on nothing
    >>> print(describe_rows("加大招商引资力度,创新招商引资方式。", 2025))
    任务 t1: 加大招商引资力度，创新招商引资方式 [sentence] 牵头 县投资促进中心, 截止 2025-12-31
    """
    from luoshi.document import Document
    from luoshi.extract import extract
    from luoshi.report import parse
    from luoshi.rules.rows import REASONS

    plan = extract(parse(Document("<explain>", "txt", _HEADING + sentence), year=year))
    lines = [f"任务 {t.id}: {t.text} [{', '.join(t.rules)}] 牵头 {t.lead}, 截止 {t.deadline}" for t in plan.tasks]
    lines += [f"不列为任务 [{s.reason}] {REASONS.get(s.reason, '')}" + ("" if s.text.strip() == sentence.strip()
                                                                  else f": {s.text}")
              for s in plan.skipped if s.text != _HEADING.strip()]
    return "\n".join(lines)
