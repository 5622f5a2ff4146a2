"""Every report in ../shared/corpus, gold or not: each extracts without error, and the ones whose section tree
was checked by eye give that tree's shape, their plan year, and no structure_doubt."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from luoshi.extract import extract
from luoshi.report import parse

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir()) if CORPUS.is_dir() else []

# Checked by eye against the report (luoshi parse FILE): plan year and sections per part.
CHECKED = {
    "anhui-prov-2025.docx": (2025, {"preface": 1, "review": 9, "plan": 13}),
    "beijing-prov-2025.docx": (2025, {"preface": 1, "review": 1, "plan": 12}),
    "guangdong-prov-2025.docx": (2025, {"preface": 1, "review": 1, "plan": 13, "appendix": 11, "glossary": 1}),
    "guangdong-prov-2026.txt": (2026, {"preface": 1, "review": 7, "plan": 21, "appendix": 11, "glossary": 1}),
    "guangxi-prov-2025.docx": (2025, {"preface": 1, "review": 10, "plan": 11}),
    "hebei-prov-2025.docx": (2025, {"preface": 1, "review": 7, "plan": 9}),
    "hebei-prov-2026.txt": (2026, {"preface": 1, "review": 1, "plan": 13}),
    "heilongjiang-prov-2025.docx": (2025, {"preface": 1, "review": 1, "plan": 13}),
    "shaanxi-prov-2025.docx": (2025, {"preface": 1, "review": 8, "plan": 10}),
    "shaanxi-prov-2026.txt": (2026, {"preface": 1, "review": 7, "plan": 11}),
    "shuikou-2025.txt": (2025, {"plan": 19}),
}

pytestmark = pytest.mark.skipif(not FILES, reason="../shared is not beside the repository")


@pytest.mark.parametrize("name", FILES)
def test_every_corpus_report_extracts(name: str) -> None:
    plan = extract(parse(CORPUS / name))
    assert plan.year and plan.sections and plan.tasks


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_a_report_checked_by_eye_gives_its_year_and_parts_without_doubt(name: str) -> None:
    if name not in FILES:
        pytest.skip(f"{name} is not in the corpus")
    report = parse(CORPUS / name)
    parts = Counter(s.part for s in report.structure.sections)
    assert (report.year, dict(parts)) == CHECKED[name]
    assert [w.message for w in report.structure.doubts] == []


def test_every_corpus_report_has_been_checked_by_eye() -> None:
    assert set(FILES) <= set(CHECKED), "a new corpus report: check its tree by eye, then add it to CHECKED"
