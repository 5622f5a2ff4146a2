"""``luoshi review PLAN_REPORT NEXT_REPORT``: the 兑现表, what next year's report says became of each target.

PLAN_REPORT is the plan year's report (any format ``read`` accepts) or its plan JSON (``plan/1``, as
``luoshi extract`` writes it, recognised by its ``.json`` name); NEXT_REPORT is next year's report,
whose review part (工作回顾) is read. The table goes to standard output (or ``-o OUT``) as JSON
(``accountability/1``), a Markdown table or an .xlsx workbook. A bad input is one line naming the
file and the problem (exit 2), and so is a next report with no review part.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # imported when the command runs, so that ``luoshi --help`` stays quick
    from luoshi.accountability import Accountability
    from luoshi.plan import Plan

HELP = "兑现表: 用下一年政府工作报告的工作回顾, 逐项对照本年的量化目标 (已完成/未完成/无法判断/未提及)"
FORMATS = ("json", "md", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``luoshi review`` (兑现表命令的参数)."""
    parser.add_argument("plan", metavar="PLAN_REPORT",
                        help="计划年度的报告 (.txt .docx .pdf .html) 或其计划 JSON (luoshi extract 的输出, .json)")
    parser.add_argument("next", metavar="NEXT_REPORT", help="下一年的报告 (.txt .docx .pdf .html), 读其中的工作回顾")
    parser.add_argument("--format", choices=FORMATS, default="json", help="输出格式 (默认 json)")
    parser.add_argument("-o", "--output", metavar="OUT", help="输出文件 (默认标准输出)")
    parser.add_argument("--year", type=int, metavar="Y",
                        help="计划年度, 覆盖从文本中识别的年度 (下一年的报告即 Y+1 年)")


def run(args: argparse.Namespace, out: BinaryIO | None = None) -> int:
    """Build the 兑现表 of ``args.plan`` against ``args.next`` and write it; bad input raises ``LuoshiError``."""
    from luoshi.accountability import review
    from luoshi.errors import LuoshiError
    from luoshi.report import parse

    plan = load_plan(args.plan, args.year)
    next_report = parse(args.next, year=args.year + 1 if args.year else None)
    if not args.year and plan.year and next_report.year and next_report.year != plan.year + 1:
        raise LuoshiError(f"{args.next}: 这是{next_report.year}年的报告, 回顾的是{next_report.year - 1}年, "
                          f"而计划是{plan.year}年的 (如年度识别有误, 用 --year 指定计划年度)")
    data = render(review(plan, next_report), args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        stream = out or sys.stdout.buffer
        stream.write(data)
        stream.flush()
    return 0


def load_plan(source: str, year: int | None) -> Plan:
    """The plan of the plan year: read from its ``plan/1`` JSON, or extracted from its report.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "计划.json")
    >>> _ = open(path, "w", encoding="utf-8").write('{"schema": "plan/1", "year": 2025, "targets": []}')
    >>> load_plan(path, None).year, load_plan(path, 2024).year
    (2025, 2024)
    """
    from luoshi.accountability import plan_from_dict
    from luoshi.errors import LuoshiError
    from luoshi.extract import extract
    from luoshi.report import parse

    if source.lower().endswith(".json"):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8-sig"))
        except OSError as e:
            raise LuoshiError(f"{source}: 无法读取 ({e.strerror or e})") from None
        except (UnicodeDecodeError, ValueError) as e:
            raise LuoshiError(f"{source}: 不是有效的 JSON ({e})") from None
        plan = plan_from_dict(data, source)
        return replace(plan, year=year) if year else plan
    return extract(parse(source, year=year))


def render(table: Accountability, fmt: str) -> bytes:
    """The 兑现表 in one output format, as bytes."""
    if fmt == "md":
        from luoshi.export.accountability import to_markdown

        return to_markdown(table).encode("utf-8")
    if fmt == "xlsx":
        from luoshi.export.accountability import to_xlsx

        return to_xlsx(table)
    return (json.dumps(table.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
