"""A report read, normalised and structured (解析后的报告): the input of extraction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luoshi.document import Document
from luoshi.normalise import Normalised, normalise
from luoshi.plan import Warning, evolve
from luoshi.read import read
from luoshi.structure import Structure, parse_structure


@dataclass(frozen=True)
class Report:
    document: Document
    normalised: Normalised
    structure: Structure
    year: int
    issuer: str

    @property
    def text(self) -> str:
        return self.normalised.text

    @property
    def warnings(self) -> tuple[Warning, ...]:
        """Every warning, in text order: damage the normaliser found, doubts about the structure (结构存疑)."""
        doubts = tuple(evolve(w, source_offset=self.normalised.source_offset(w.offset))
                       for w in self.structure.doubts)
        return tuple(sorted(self.normalised.warnings + doubts, key=lambda w: w.offset))


def parse(source: str | Path | bytes | Document, *, year: int | None = None, issuer: str | None = None,
          name: str | None = None) -> Report:
    """Read (unless given a Document), normalise and structure a report; options override what the text says."""
    document = source if isinstance(source, Document) else read(source, name=name)
    normalised = normalise(document.text)
    structure = parse_structure(normalised.text)
    plan_year = year or structure.year or 0
    return Report(document, normalised, structure, plan_year, issuer or structure.issuer or "")
