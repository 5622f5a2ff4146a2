"""``luoshi parse FILE``: read, normalise and structure one report (解析报告), and show what was found.

The default view is for a person checking a report: its format and encoding, the plan year, the
issuer, every warning and the section tree. ``--json`` gives the ``sections`` and ``warnings`` of
the plan JSON (``plan/1``); ``--text`` gives the normalised text alone, for diffing and piping.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from luoshi.plan import Plan, Section
from luoshi.report import Report, parse

HELP = "读取一份工作报告, 显示规范化文本的章节结构、编码、警告和计划年度"

PARTS = {"preface": "前言", "review": "回顾", "plan": "计划", "appendix": "附件", "glossary": "名词解释"}
PREVIEW_CHARS = 24  # how much of each section's own text the tree shows after its title


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``luoshi parse`` (解析命令的参数)."""
    parser.add_argument("file", metavar="FILE", help="报告文件 (.txt .docx .pdf .html), 或 - 表示标准输入")
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--json", action="store_true", help="输出计划 JSON (plan/1) 的 sections 和 warnings")
    view.add_argument("--text", action="store_true", help="只输出规范化后的文本")
    parser.add_argument("--year", type=int, metavar="Y", help="计划年度, 覆盖从文本中识别的年度")
    parser.add_argument("--issuer", metavar="NAME", help="发文机关, 如 水口镇人民政府, 覆盖从文本中识别的名称")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Parse the report named by ``args.file`` and print it; a bad file raises ``ReadError``.

    >>> import argparse, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "报告.txt")
    >>> _ = open(path, "w", encoding="utf-8").write("2025年是关键一年。\\n一、推动产业发展")
    >>> run(argparse.Namespace(file=path, json=False, text=True, year=None, issuer=None))
    2025年是关键一年。
    一、推动产业发展
    0
    """
    out = out or sys.stdout
    report = parse(args.file, year=args.year, issuer=args.issuer)
    if args.text:
        out.write(report.text if report.text.endswith("\n") else report.text + "\n")
    elif args.json:
        out.write(json.dumps(plan_json(report), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(describe(report))
    return 0


def plan_json(report: Report) -> dict[str, Any]:
    """The plan JSON of a parsed report with only its sections and warnings (章节和警告).

    >>> from luoshi.document import Document
    >>> d = plan_json(parse(Document("报告.txt", "txt", "一、推动产业发展\\n(一)加强平台建设。")))
    >>> d["schema"], [s["id"] for s in d["sections"]], d["year"]
    ('plan/1', ['1', '1.1'], None)
    """
    doc = report.document
    plan = Plan(issuer=report.issuer, year=report.year, sections=report.structure.sections,
                warnings=report.warnings, source=doc.source, encoding=doc.encoding, format=doc.format)
    out = plan.to_dict()
    out["normalisation"] = normalisation_report(report)
    # An unknown year or issuer is null in the JSON, not 0 or "": a reader should see it is missing.
    out["year"], out["issuer"] = report.year or None, report.issuer or None
    return out


def normalisation_report(report: Report) -> dict[str, int]:
    """What the normaliser changed (规范化报告): annotations removed, punctuation restored, damage found."""
    n = report.normalised
    return {"annotations_removed": n.annotations_removed, "punctuation_restored": n.punctuation_restored,
            "damage_warnings": len(n.warnings)}


def describe(report: Report) -> str:
    """The readable view (报告概览): file, format, encoding, year, issuer, warnings, section tree.

    >>> from luoshi.document import Document
    >>> text = "2025年是关键一年。\\n一、推动产业发展\\n(一)加强平台建设。按布局推进。\\n(二)强化项目带动。"
    >>> print(describe(parse(Document("报告.txt", "txt", text))))
    文件: 报告.txt
    格式: txt
    编码: -
    计划年度: 2025
    发文机关: (未识别)
    规范化: 去除拼音注音 0 处, 恢复全角标点 0 处
    警告: 0
    章节: 4
      0  前言  [计划]  2025年是关键一年。
      1  一、推动产业发展  [计划]
        1.1  (一)加强平台建设  [计划]  按布局推进。
        1.2  (二)强化项目带动  [计划]
    <BLANKLINE>
    """
    doc, structure, n = report.document, report.structure, report.normalised
    encoding = f"{doc.encoding} ({doc.encoding_note})" if doc.encoding and doc.encoding_note else doc.encoding
    lines = [
        f"文件: {doc.source}",
        f"格式: {doc.format}",
        f"编码: {encoding or '-'}",
        f"计划年度: {report.year or '(未识别)'}",
        f"发文机关: {report.issuer or '(未识别)'}",
        f"规范化: 去除拼音注音 {n.annotations_removed} 处, 恢复全角标点 {n.punctuation_restored} 处",
        f"警告: {len(report.warnings)}",
    ]
    lines += [f"  [{w.kind}] 第 {w.offset} 字 {w.message if w.reason else repr(w.text)}: …{w.context}…"
              for w in report.warnings]
    lines.append(f"章节: {len(structure.sections)}")
    lines += [_tree_line(report.text, s) for s in structure.sections]
    return "\n".join(lines) + "\n"


def _tree_line(text: str, section: Section) -> str:
    depth = section.id.count(".") + 1
    # An appendix with no title of its own is titled by its number: print it once.
    heading = section.title if section.number in ("", section.title) else f"{_marker(section)}{section.title}"
    line = f"{'  ' * depth}{section.id}  {heading}  [{PARTS.get(section.part, section.part)}]"
    preview = _preview(text, section)
    return f"{line}  {preview}" if preview else line


def _marker(section: Section) -> str:
    # Printed as in the report: 一 as 一、, 一是 and (一) as they are, 附件1 followed by its title.
    if section.number and section.number[0] in "一二三四五六七八九十" and not section.number.endswith("是"):
        return f"{section.number}、"
    return f"{section.number} " if section.number.startswith("附") else section.number


def _preview(text: str, section: Section) -> str:
    """The first characters of a section's own text after its heading's title."""
    own = text[section.start:section.end]
    if section.id != "0":
        at = own.find(section.title)
        own = own[at + len(section.title):] if at >= 0 else own
    own = " ".join(own.replace("\u3000", " ").split()).lstrip("。 ")
    return own[:PREVIEW_CHARS] + ("…" if len(own) > PREVIEW_CHARS else "")
