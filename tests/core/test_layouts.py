"""Real layouts made from the gold reports (../shared/eval/gold): the same report printed another way must
give the same sections, plan year and targets.

Each layout rewrites the normalised text of a gold report the way other provinces print theirs: top-level
headings without numerals (2024年工作回顾 as a bare line), second-level headings as 一是 lines standing
alone, 附件 and its title on separate lines, a review heading in words, headings broken over two lines or
with their numeral alone. The bars: section accuracy >= 0.95 and target F1 >= 0.95 on every one, the gold
plan year, and no structure_doubt.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from luoshi.document import Document
from luoshi.extract import extract
from luoshi.plan import Section
from luoshi.report import Report, parse

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD_DIR = SHARED / "eval" / "gold"
GOLDS = sorted(p.stem for p in GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []
WORDED_REVIEW = "牢记殷殷嘱托，奋力推动高质量发展取得新成效"
BARS = {"section_accuracy": 0.95, "target_f1": 0.95}

pytestmark = pytest.mark.skipif(not GOLDS, reason="../shared is not beside the repository")


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("luoshi_layout_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def gold(name: str) -> dict[str, Any]:
    return json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def original(name: str) -> Report:
    return parse(SHARED / gold(name)["document"])


def _rewrite(report: Report, heading: Callable[[Section, str], str | None]) -> str:
    """The report's text with each heading line replaced by what ``heading`` makes of it (None: unchanged)."""
    text = report.text
    pieces, pos = [], 0
    for s in report.structure.sections:
        if s.id == "0":
            continue
        end = text.find("\n", s.start)
        end = len(text) if end < 0 else end
        new = heading(s, text[s.start:end])
        if new is not None:
            pieces += [text[pos:s.start], new]
            pos = end
    return "".join(pieces) + text[pos:]


def _top(s: Section) -> bool:
    return s.parent is None and not s.id.startswith("A")


def unnumbered(report: Report) -> str:
    """一、2024年工作回顾 → 2024年工作回顾: the top level printed without numerals."""
    return _rewrite(report, lambda s, line: re.sub(r"^[一二三四五六七八九十]+、", "", line) if _top(s) else None)


def enumerated(report: Report) -> str:
    """（一）扩大内需。实施… → 一是扩大内需 / 实施…: the second level as 一是 lines standing alone."""
    def heading(s: Section, line: str) -> str | None:
        m = re.match(r"^[(（]([一二三四五六七八九十]+)[)）](.*)$", line)
        if s.parent is None or s.id.startswith("A") or not m:
            return None
        title, _, body = m[2].partition("。")
        return f"{m[1]}是{title}" + (f"\n{body}" if body.strip() else "")
    return _rewrite(report, heading)


def split_appendix(report: Report) -> str:
    """附件1 / 附件1：title → 附件 then the title on its own line."""
    def heading(s: Section, line: str) -> str | None:
        m = re.match(r"^附件\s?[:：]?\s?\d+\s?[:：]?\s*(.*)$", line)
        if not s.id.startswith("A") or "." in s.id or not m:
            return None
        return "附件" + (f"\n{m[1]}" if m[1] else "")
    return _rewrite(report, heading)


def worded_review(report: Report) -> str:
    """一、2024年工作回顾 → 一、牢记殷殷嘱托，奋力推动高质量发展取得新成效."""
    def heading(s: Section, line: str) -> str | None:
        return line.replace(s.title, WORDED_REVIEW, 1) if _top(s) and s.part == "review" else None
    return _rewrite(report, heading)


def broken(report: Report) -> str:
    """A top-level title with a comma broken after it, one without one with its numeral alone."""
    def heading(s: Section, line: str) -> str | None:
        if not _top(s) or "。" in line:
            return None
        cut = line.find("，")
        if cut > 0:
            return f"{line[:cut + 1]}\n{line[cut + 1:]}"
        return re.sub(r"^([一二三四五六七八九十]+、)", r"\1\n", line)
    return _rewrite(report, heading)


def unnumbered_and_enumerated(report: Report) -> str:
    return unnumbered(parse(Document("x.txt", "txt", enumerated(report))))


def unnumbered_worded_review(report: Report) -> str:
    """The review heading in words on a bare line, the other parts unnumbered too."""
    return unnumbered(parse(Document("x.txt", "txt", worded_review(report))))


LAYOUTS = {f.__name__: f for f in (unnumbered, enumerated, split_appendix, worded_review, broken,
                                    unnumbered_and_enumerated, unnumbered_worded_review)}


def expected_gold(name: str, layout: str) -> dict[str, Any]:
    """The gold of a layout: the same, but a reworded review heading has its new title."""
    g = json.loads(json.dumps(gold(name)))
    if layout in ("worded_review", "unnumbered_worded_review"):
        review = {s.id for s in original(name).structure.sections if _top(s) and s.part == "review"}
        for s in g["sections"]:
            s["title"] = WORDED_REVIEW if s["id"] in review else s["title"]
    return g


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", GOLDS)
def test_a_gold_report_in_another_layout_keeps_its_sections_year_and_targets(name: str, layout: str) -> None:
    text = LAYOUTS[layout](original(name))
    assert text != original(name).text or layout in ("split_appendix", "worded_review"), "the layout changed nothing"
    report = parse(Document(f"{name}-{layout}.txt", "txt", text))
    plan = extract(report)
    scores = scorer().score(expected_gold(name, layout), plan.to_dict())
    low = {k: round(scores[k], 3) for k, bar in BARS.items() if scores[k] < bar}
    assert not low, f"{name} as {layout}: {low}\nmissed {scores['missed']}\nspurious {scores['spurious']}"
    assert report.year == gold(name)["year"]
    assert [w.message for w in report.structure.doubts] == []
