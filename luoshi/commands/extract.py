"""``luoshi extract FILE|DIR``: the plan of a report (抽取计划) as JSON, a Markdown outline or the
任务分解表 (.xlsx).

One file: the plan goes to standard output (or ``-o OUT``). A directory: every report in it is
extracted in parallel processes, one plan written per file (into ``-o DIR``, or beside each input as
``NAME.plan.json`` / ``.md`` / ``.xlsx``), one line printed per file; a bad file is reported with
its error and the others go on; the exit code is 2 when any failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

from luoshi.departments import read_departments
from luoshi.errors import LuoshiError
from luoshi.extract import Options, extract, warm_up
from luoshi.extract.rows import ROW_MODES
from luoshi.plan import Plan
from luoshi.read import FORMATS
from luoshi.report import Report, parse
from luoshi.rules.catalogues import LEVELS

HELP = "抽取计划: 量化目标、任务、节点、重点项目和建议牵头单位, 输出 JSON、Markdown 或任务分解表 (xlsx)"
EXTENSIONS = {"json": ".plan.json", "md": ".plan.md", "xlsx": ".plan.xlsx"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``luoshi extract`` (抽取命令的参数)."""
    parser.add_argument("path", metavar="FILE|DIR", help="报告文件 (.txt .docx .pdf .html), - 表示标准输入, 或一个目录")
    parser.add_argument("--year", type=int, metavar="Y", help="计划年度, 覆盖从文本中识别的年度")
    parser.add_argument("--issuer", metavar="NAME", help="发文机关, 如 水口镇人民政府 (决定部门目录的层级)")
    parser.add_argument("--format", choices=sorted(EXTENSIONS), default="json", help="输出格式 (默认 json)")
    parser.add_argument("-o", "--output", metavar="OUT", help="输出文件; 目录输入时为输出目录 (默认与输入文件同目录)")
    parser.add_argument("-j", "--jobs", type=_positive, metavar="N",
                        help="目录输入时并行的进程数 (默认每个 CPU 核一个)")
    parser.add_argument("--departments", metavar="LIST.txt",
                        help="本单位的部门名单: 每行一个部门, 可写 名称<TAB>别名、别名<TAB>关键词、关键词; "
                             "牵头和配合单位只从名单中选")
    parser.add_argument("--level", choices=LEVELS,
                        help="没有部门名单时所用内置目录的层级 (默认从发文机关推断)")
    parser.add_argument("--rows", choices=ROW_MODES, default="sentence",
                        help="任务的粒度: sentence 按句 (默认, 与督查室的任务分解表一致) 或 clause 按分句")
    parser.add_argument("--history", metavar="TABLE.xlsx",
                        help="以往的任务分解表 (本系统导出的, 或含 任务/工作内容、牵头单位、配合单位 列的表格): "
                             "相似任务优先沿用其中的牵头单位")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数: {value}")
    return int(value)


def render(report: Report, plan: Plan, fmt: str) -> bytes:
    """The plan in one output format (输出), as bytes.

    >>> from luoshi.document import Document
    >>> report = parse(Document("报告.txt", "txt", "一、推动产业发展\\n(一)加强平台建设。加大招商引资力度。"),
    ...                year=2025, issuer="水口镇人民政府")
    >>> data = json.loads(render(report, extract(report), "json"))
    >>> data["schema"], [t["text"] for t in data["tasks"]], data["tasks"][0]["lead"]
    ('plan/1', ['加大招商引资力度'], '经济发展办')
    """
    if fmt == "md":
        from luoshi.export.markdown import to_markdown

        return to_markdown(plan).encode("utf-8")
    if fmt == "xlsx":
        from luoshi.export.xlsx import to_xlsx

        return to_xlsx(plan, report.text)
    out: dict[str, Any] = plan.to_dict()
    # An unknown year or issuer is null in the JSON, as ``luoshi parse --json`` writes it.
    out["year"], out["issuer"] = plan.year or None, plan.issuer or None
    return (json.dumps(out, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def run(args: argparse.Namespace, out: BinaryIO | None = None) -> int:
    """Extract ``args.path`` (a file, ``-``, or a directory); a bad single file raises ``LuoshiError``."""
    path = Path(args.path)
    options = options_of(args)  # a bad list or table is refused before anything is read or written
    if args.path != "-" and path.is_dir():
        return _run_dir(path, args, options)
    report = parse(args.path, year=args.year, issuer=args.issuer)
    data = render(report, extract(report, options), args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        stream = out or sys.stdout.buffer
        stream.write(data)
        stream.flush()
    return 0


def options_of(args: argparse.Namespace) -> Options:
    """The extraction options of the command line (抽取选项); a bad --departments or --history raises
    ``LuoshiError`` naming the file and the problem."""
    departments = read_departments(args.departments) if getattr(args, "departments", None) else None
    history = None
    if getattr(args, "history", None):
        from luoshi.history import read_history

        history = read_history(args.history)
    return Options(rows=getattr(args, "rows", None) or "sentence", departments=departments,
                   level=getattr(args, "level", None), history=history)


def reports_in(directory: Path) -> list[Path]:
    """The report files of a directory (目录中的报告), sorted; plans written earlier are left out.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("水口.txt", "水口.plan.json", "说明.jpg", "广东.docx"):
    ...     _ = (d / name).write_text("")
    >>> [p.name for p in reports_in(d)]
    ['广东.docx', '水口.txt']
    """
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and p.suffix.lower() in FORMATS
                  and not any(p.name.endswith(ext) for ext in EXTENSIONS.values()))


def extract_one(source: str, target: str, fmt: str, year: int | None, issuer: str | None,
                options: Options | None = None) -> tuple[str, str]:
    """Worker: extract one file and write its plan (单个文件); returns (status line, error or "").

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "坏.pdf").write_text("不是PDF")
    >>> line, error = extract_one(str(d / "坏.pdf"), str(d / "坏.plan.json"), "json", 2025, None)
    >>> line, "坏.pdf" in error
    ('', True)
    """
    try:
        report = parse(source, year=year, issuer=issuer)
        plan = extract(report, options)
        Path(target).write_bytes(render(report, plan, fmt))
    except LuoshiError as e:
        return "", str(e)
    except Exception as e:  # a bug on one report must not stop the others; it is reported, not hidden
        return "", f"{source}: {type(e).__name__}: {e}"
    return (f"{source} → {target} (任务 {len(plan.tasks)}, 目标 {len(plan.targets)}, "
            f"项目 {len(plan.projects)})"), ""


def _run_dir(directory: Path, args: argparse.Namespace, options: Options) -> int:
    from concurrent.futures import ProcessPoolExecutor  # a directory only: one file starts without it

    files = reports_in(directory)
    if not files:
        raise LuoshiError(f"{directory}: 目录中没有可读取的报告 (.txt .docx .pdf .html)")
    out_dir = Path(args.output) if args.output else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    ext = EXTENSIONS[args.format]
    jobs = [(str(f), str((out_dir or f.parent) / (f.stem + ext))) for f in files]
    failed = 0
    workers = min(len(jobs), getattr(args, "jobs", None) or os.cpu_count() or 1)
    warm_up()  # forked workers inherit the loaded rules and readers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(extract_one, src, dst, args.format, args.year, args.issuer, options)
                   for src, dst in jobs]
        for future in futures:  # in file order, so the report reads the same every run
            line, error = future.result()
            if error:
                failed += 1
                print(f"失败 {error}", flush=True)
            else:
                print(f"完成 {line}", flush=True)
    return 2 if failed else 0
