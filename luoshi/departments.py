"""The office's own list of departments (部门名单): the only names its leads and cooperating units may have.

A list file has one department a line, optionally with aliases and keywords after tabs::

    经济发展办<TAB>经发办、镇经济发展办公室<TAB>招商、外贸
    财政所

Aliases are other names the report or a spreadsheet uses for it; keywords are words that send a row to it
before any built-in cue (an office that gives 农村供水 to 水务站 writes the word there). An empty file, one
that is not UTF-8, or one that names a department twice is refused with one line naming the file and the
problem (exit 2 in the CLI; the web app shows the same in Chinese).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from luoshi import rx
from luoshi.errors import ReadError
from luoshi.rules.words import word_alternation

_SEPARATORS = rx.compile(r"[、,，;；]+")
# What a department's name may carry that a row's text leaves out: the level (省/市/县…) and 办公室 → 办.
_AREA_COMMITTEE = rx.compile(r"^((.{2,}?)(?:新区|开发区|高新区|经开区|园区|片区|示范区|合作区)?)(?:管委会|管理委员会)$")
_YOUTH_LEAGUE = rx.compile(r"^(?:共青团|团).{0,8}委$")
_LEVEL_PREFIX = rx.compile(r"^(?:本镇|镇|乡|街道|县|区|市|省|自治区|旗)(?=.{2,})")


class DepartmentListError(ReadError):
    """A department list that cannot be used (部门名单有误): names the file and the problem."""


@dataclass(frozen=True)
class Department:
    """One department of the office's list (部门): its name, other names, and its own keywords."""

    name: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Departments:
    """The office's list of departments (部门名单), in the office's order."""

    units: tuple[Department, ...]
    source: str = ""

    @classmethod
    def of(cls, names: Iterable[str | Department], source: str = "") -> Departments:
        """A list from names (or departments), e.g. a gold file's ``departments`` or the web app's.

        >>> Departments.of(["党政办", "财政所"]).names
        ('党政办', '财政所')
        """
        return cls(tuple(n if isinstance(n, Department) else Department(n) for n in names), source)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.units)

    def named_in(self, text: str) -> list[str]:
        """The departments a row names itself (发挥工会、共青团、妇联等作用), in list order.

        >>> Departments.of(["省总工会", "团省委", "省妇联"]).named_in("发挥工会、共青团、妇联等人民团体作用")
        ['省总工会', '团省委', '省妇联']
        """
        pattern, owners = self._short_forms
        if pattern is None:
            return []
        found = {unit for short in pattern.findall(text) for unit in owners[short]}
        return [d.name for d in self.units if d.name in found]

    @cached_property
    def _short_forms(self) -> tuple[re.Pattern[str] | None, dict[str, set[str]]]:
        """One pattern for every short name of the list, and the departments each short name stands for."""
        owners: dict[str, set[str]] = {}
        for d in self.units:
            for short in _short_names(d):
                owners.setdefault(short, set()).add(d.name)
        # Shorter names inside longer ones (工会 in 总工会) are found too: each is its own alternative.
        inner = {s: {o for o in owners if o != s and o in s} for s in owners}
        for longer, shorter in inner.items():
            for s in shorter:
                owners[longer] |= owners[s]
        return (rx.compile(word_alternation(owners)) if owners else None), owners


def _short_names(department: Department) -> set[str]:
    """The names a row may write for a department: without its level, its 办公室/委员会, its last character."""
    out = set()
    for name in department.names:
        if _YOUTH_LEAGUE.match(name):  # 团省委, 团区委: the row writes 共青团
            out.add("共青团")
        area = _AREA_COMMITTEE.match(name)  # 雄安新区管委会: the row writes 雄安新区 or 雄安
        if area:
            out.update(s for s in area.groups() if s and len(s) >= 2)
        short = _LEVEL_PREFIX.sub("", re.sub(r"[(（][^()（）]*[)）]$", "", name.strip()))
        short = re.sub(r"(?:办公室|委员会|管理局|事务局)$", "", short)
        short = re.sub(r"^(?:总|委)", "", short)
        short = re.sub(r"[办局厅委所站队部]$", "", short) if len(short) > 3 else short
        if len(short) >= 2:
            out.add(short)
    return out


def parse_departments(text: str, source: str = "部门名单") -> Departments:
    """A department list from its text (解析部门名单): one a line, ``name<TAB>aliases<TAB>keywords``.

    >>> d = parse_departments("经济发展办\\t经发办、镇经济发展办公室\\t招商\\n\\n财政所\\n")
    >>> d.names, d.units[0].aliases, d.units[0].keywords
    (('经济发展办', '财政所'), ('经发办', '镇经济发展办公室'), ('招商',))
    >>> parse_departments("财政所\\n财政所\\n", "名单.txt")
    Traceback (most recent call last):
    luoshi.departments.DepartmentListError: 名单.txt: 部门“财政所”重复出现（第 1 行和第 2 行）
    """
    units: list[Department] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        name = cells[0]
        if not name:
            raise DepartmentListError(source, f"第 {number} 行没有部门名称")
        if name in seen:
            raise DepartmentListError(source, f"部门“{name}”重复出现（第 {seen[name]} 行和第 {number} 行）")
        seen[name] = number
        aliases = tuple(a for a in _SEPARATORS.split(cells[1]) if a) if len(cells) > 1 else ()
        keywords = tuple(k for k in _SEPARATORS.split(cells[2]) if k) if len(cells) > 2 else ()
        units.append(Department(name, aliases, keywords))
    if not units:
        raise DepartmentListError(source, "部门名单是空的：每行写一个部门名称")
    return Departments(tuple(units), source)


def read_departments(path: str | Path) -> Departments:
    """Read a department list file (读取部门名单); any problem is one ``DepartmentListError`` line."""
    label = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise DepartmentListError(label, f"无法读取部门名单（{e.strerror or type(e).__name__}）") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DepartmentListError(label, "部门名单不是 UTF-8 编码的文本，请另存为 UTF-8") from None
    return parse_departments(text, label)
