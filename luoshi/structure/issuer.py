"""The issuer of a report (发文机关): the government that gives it, as the text names itself."""

from __future__ import annotations

import re
from collections import Counter

from luoshi import rx

_UNIT = r"(?:自治区|省|市|县|区|镇|乡)"
_HANZI = r"[\u4e00-\u9fff]"
# Places a report names itself: its title, the congress it is given to, its head's signature.
_NAMED = (
    rx.compile(rf"^\s*(?:20\d\d年)?(?P<name>{_HANZI}{{2,12}}?{_UNIT})(?:人民)?政府工作报告", re.M),
    rx.compile(rf"在(?P<name>{_HANZI}{{2,12}}?{_UNIT})第[一二三四五六七八九十]+届人民代表大会"),
    rx.compile(rf"^\s*(?P<name>{_HANZI}{{2,12}}?(?P<unit>[省市县区镇乡]))(?P=unit)长", re.M),
)
_SELF = rx.compile(r"我([省市县区镇乡])")  # 我镇, 我省: the report speaking of its own place
# Slogans that carry the bare place name: 平安水口, 法治广东, 水口样板, 贡献水口力量.
_SLOGAN = rx.compile(rf"(?:平安|法治|绿美|美丽|幸福|文明|活力)({_HANZI}{{2}})|({_HANZI}{{2}})(?:样板|力量)")
# Words those slogans also take that are no place (美丽乡村, 幸福生活, 中国力量).
_NOT_PLACES = frozenset({"中国", "乡村", "城市", "城乡", "经济", "社会", "发展", "生活", "家园", "校园", "庭院",
                         "人民"})


def find_issuer(text: str) -> str | None:
    """The government that gives the report (发文机关): 水口镇人民政府, 广东省人民政府."""
    levels = Counter(_SELF.findall(text)).most_common(1)
    level = levels[0][0] if levels else None
    for pattern in _NAMED:
        for found in pattern.finditer(text):
            name = _innermost(found["name"])
            if level is None or name.endswith(level):
                return f"{name}人民政府"
    if level is None:
        return None
    names = Counter(a or b for a, b in _SLOGAN.findall(text))
    names = Counter({n: c for n, c in names.items() if n not in _NOT_PLACES})
    best = names.most_common(1)
    return f"{best[0][0]}{level}人民政府" if best and best[0][1] >= 2 else None


def _innermost(name: str) -> str:
    """江门市开平市水口镇 → 水口镇: the report's own place is the last unit named."""
    while True:
        found = re.search(rf"^{_HANZI}{{2,}}?{_UNIT}(?={_HANZI}{{2,}})", name)
        if not found or not re.search(rf"{_UNIT}$", name[found.end():]):
            return name
        name = name[found.end():]
