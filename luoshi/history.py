"""The office's memory (历史分工): leads it gave to rows before, followed for similar rows before any cue.

An office moves rows to other leads (提供给 A 的任务改由 B 牵头); next year, at the next import, or when a
report is imported again, a similar row should go where the office sent it, not where the built-in cues
point. ``History`` holds past rows (text, lead, cooperating units) and answers, for a new row, the lead of
the most similar past rows when they are similar enough (shared character pairs, rare ones weighing more).

It is read from a previous 任务分解表 (``luoshi extract --history TABLE.xlsx``): this project's own export,
or an office's sheet whose header names the columns 任务/工作内容/具体任务, 牵头单位 and 配合单位/责任单位.
The web app builds it from the issuer's stored tasks and its recorded moves.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from luoshi import rx
from luoshi.errors import ReadError

# A past row is followed outright when the new row shares at least this share of its (rarity-weighted)
# character pairs with it (the same row next year, or the report imported again); less similar rows still
# weigh in through ``evidence``. bench/bench_history.py shows what it buys on the Hebei gold.
SIMILAR = 0.6
NEIGHBOURS = 3  # the most similar past rows vote, each with its similarity
EVIDENCE_ROWS = 3  # a character pair says something about the office's habits once three past rows share it …
EVIDENCE_SHARE = 0.6  # … and most of them went to one unit
_NOISE = rx.compile(r"[\s，。；：、！？,.;:!?“”‘’\"'（）()《》【】\[\]—\-…·0-9０-９%％]+")
# Pairs too common in work reports to say what a row is about.
_COMMON = frozenset({"推进", "推动", "加强", "加快", "发展", "建设", "提升", "深化", "实施", "持续", "完善", "强化",
                     "提高", "全面", "深入", "工作", "体系", "机制", "开展", "做好", "抓好", "落实", "进一步",
                     "高质量", "质量", "一批", "积极", "大力", "着力", "不断", "水平", "能力", "服务"})
TASK_HEADERS = ("具体任务", "工作任务", "重点任务", "工作内容", "任务内容", "任务", "工作措施", "主要任务")
LEAD_HEADERS = ("牵头单位", "牵头部门", "主责单位", "责任单位", "责任部门")
COOPERATE_HEADERS = ("配合单位", "配合部门", "协办单位", "参与单位", "责任单位")
_UNIT_SEPARATORS = rx.compile(r"[、,，;；/\s]+")


class HistoryError(ReadError):
    """A history table that cannot be read (历史分工表无法读取): names the file and the problem."""


@dataclass(frozen=True)
class PastRow:
    """A row of a previous task table (历史任务) and the units the office gave it."""

    text: str
    lead: str
    cooperating: tuple[str, ...] = ()


def _pairs(text: str) -> set[str]:
    body = _NOISE.sub("", text)
    return {p for i in range(len(body) - 1) if (p := body[i:i + 2]) not in _COMMON}


@dataclass(frozen=True, eq=False)
class History:
    """Past rows and the leads the office gave them (历史分工), indexed for similarity look-ups."""

    rows: tuple[PastRow, ...]
    source: str = ""
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _weights: dict[str, float] = field(default_factory=dict, repr=False)
    _pair_sets: list[set[str]] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, rows: Iterable[PastRow], source: str = "") -> History:
        """A history from past rows (rows without a lead are left out).

        >>> h = History.of([PastRow("实施医疗卫生强基工程，推动医疗资源下沉", "县卫生健康局")])
        >>> h.lead_for("深化医疗卫生强基工程，推动优质医疗资源下沉到乡镇")
        ('县卫生健康局', 1.0)
        >>> h.lead_for("加快建设县级物流配送中心") is None
        True
        """
        kept = tuple(r for r in rows if r.text.strip() and r.lead.strip())
        history = cls(kept, source)
        sets = [_pairs(r.text) for r in kept]
        counts: dict[str, int] = {}
        for i, pairs in enumerate(sets):
            for p in pairs:
                history._index.setdefault(p, []).append(i)
                counts[p] = counts.get(p, 0) + 1
        n = max(len(kept), 1)
        history._weights.update({p: math.log(1 + n / c) for p, c in counts.items()})
        history._pair_sets.extend(sets)
        return history

    def __len__(self) -> int:
        return len(self.rows)

    def similar(self, text: str) -> list[tuple[float, PastRow]]:
        """Past rows with their similarity to ``text`` (0–1), most similar first."""
        pairs = _pairs(text)
        total = sum(self._weights.get(p, math.log(2 + len(self.rows))) for p in pairs)
        if not total:
            return []
        shared: dict[int, float] = {}
        for p in pairs:
            for i in self._index.get(p, ()):
                shared[i] = shared.get(i, 0.0) + self._weights[p]
        out = []
        for i, weight in shared.items():
            own = sum(self._weights[p] for p in self._pair_sets[i])
            out.append((2 * weight / (total + own), self.rows[i]))  # weighted Dice
        return sorted(out, key=lambda x: -x[0])

    def evidence(self, text: str) -> dict[str, float]:
        """How much the office's past leads speak for ``text`` (历史佐证): for each character pair the row shares
        with at least ``EVIDENCE_ROWS`` past rows, most of which one unit led, that unit's share of them.
        """
        out: dict[str, float] = {}
        for p in _pairs(text):
            rows = self._index.get(p)
            if not rows or len(rows) < EVIDENCE_ROWS:
                continue
            leads: dict[str, int] = {}
            for i in rows:
                leads[self.rows[i].lead] = leads.get(self.rows[i].lead, 0) + 1
            lead, n = max(leads.items(), key=lambda kv: kv[1])
            if n >= EVIDENCE_SHARE * len(rows):  # a word the office gives one unit most of the time
                out[lead] = out.get(lead, 0.0) + n / len(rows)
        return out

    def lead_for(self, text: str, departments: object | None = None) -> tuple[str, float] | None:
        """The lead the office gave the rows most like ``text``, with the similarity, or None.

        With the office's list (``departments``), only a lead that is on it counts.
        """
        names = set(getattr(departments, "names", ()) or ())
        votes: dict[str, float] = {}
        best = 0.0
        for similarity, row in self.similar(text)[:NEIGHBOURS]:
            if similarity < SIMILAR or (names and row.lead not in names):
                continue
            votes[row.lead] = votes.get(row.lead, 0.0) + similarity
            best = max(best, similarity)
        if not votes:
            return None
        lead = max(votes, key=lambda k: votes[k])
        return lead, round(min(1.0, best / SIMILAR / 2 + 0.5), 2)


def read_history(path: str | Path) -> History:
    """Read a previous 任务分解表 (.xlsx) as the office's memory; any problem is one ``HistoryError`` line."""
    label = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise HistoryError(label, f"无法读取历史分工表（{e.strerror or type(e).__name__}）") from None
    return parse_history(data, label)


def parse_history(data: bytes, label: str = "历史分工表") -> History:
    """The past rows of an .xlsx task table (解析历史分工表): header found by its column names.

    >>> parse_history(b"not a workbook", "旧表.xlsx")
    Traceback (most recent call last):
    luoshi.history.HistoryError: 旧表.xlsx: 不是可读取的 Excel 表格（.xlsx）
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file; all mean the same here
        raise HistoryError(label, "不是可读取的 Excel 表格（.xlsx）") from None
    rows: list[PastRow] = []
    found = False
    for sheet in book.worksheets:
        values = [[("" if v is None else str(v)).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
        header = _header(values)
        if header is None:
            continue
        found = True
        at, (task, lead, cooperate) = header
        for row in values[at + 1:]:
            text = row[task] if task < len(row) else ""
            units = [u for u in _UNIT_SEPARATORS.split(row[lead]) if u] if lead < len(row) else []
            others = [u for u in _UNIT_SEPARATORS.split(row[cooperate]) if u] \
                if cooperate is not None and cooperate < len(row) and cooperate != lead else units[1:]
            if text and units:
                rows.append(PastRow(text.lstrip("'"), units[0], tuple(u for u in others if u != units[0])))
    book.close()
    if not found:
        raise HistoryError(label, "找不到表头：需要“任务”（或“工作内容”）和“牵头单位”（或“责任单位”）两列")
    if not rows:
        raise HistoryError(label, "表中没有填写了牵头单位的任务")
    return History.of(rows, label)


def _header(values: list[list[str]]) -> tuple[int, tuple[int, int, int | None]] | None:
    """(row index, (task column, lead column, cooperating column)) of the first header in the first rows."""
    for at, row in enumerate(values[:10]):
        task = _column(row, TASK_HEADERS)
        lead = _column(row, LEAD_HEADERS)
        if task is not None and lead is not None:
            return at, (task, lead, _column(row, COOPERATE_HEADERS, skip=lead))
    return None


def _column(row: list[str], names: tuple[str, ...], skip: int | None = None) -> int | None:
    for name in names:  # in the order of preference: 具体任务 before 任务, 牵头单位 before 责任单位
        for i, cell in enumerate(row):
            if i != skip and cell.replace(" ", "") == name:
                return i
    return None
