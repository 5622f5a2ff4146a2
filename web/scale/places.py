"""The organisation a province's data hangs on (行政区划): a province, its cities, counties and towns."""

from __future__ import annotations

import random
from dataclasses import dataclass

PROVINCE = "示范省人民政府"
TOWNS_PER_COUNTY = 15
COUNTIES_PER_CITY = 6
PLACE_CHARS = "安宁平和东西南清溪桥山河湖岭泉阳江城林石水云龙凤华兴新福德永泰长丰明珠金玉春秋白青黄红沙田塘坪洲"


@dataclass
class Place:
    """A generated issuer with the ids of its people and offices (a plan holder has a supervisor and staff)."""

    pk: int
    name: str
    short: str
    kind: str  # province | city | county | town
    holds_plan: bool
    supervisor: int = 0
    leader: int = 0
    departments: tuple[int, ...] = ()
    staff: tuple[int, ...] = ()  # one per department, same order


def _names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    out = []
    while len(out) < n:
        name = rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS)
        if name[0] != name[1] and name not in taken:
            taken.add(name)
            out.append(name)
    return out


def layout(issuers: int, rng: random.Random) -> list[tuple[str, str, int | None, bool]]:
    """(name, kind, parent index, holds a plan) for the province, its cities, counties and towns.

    ``issuers`` counts the plan holders: one county per ``TOWNS_PER_COUNTY`` towns holds a plan too;
    fewer than 16 issuers are all towns under one county (which then holds no plan).
    """
    counties = issuers // (TOWNS_PER_COUNTY + 1)
    towns = issuers - counties
    county_plans = counties > 0
    counties = max(counties, 1)
    cities = -(-counties // COUNTIES_PER_CITY)
    taken: set[str] = set()
    out: list[tuple[str, str, int | None, bool]] = [(PROVINCE, "province", None, False)]
    for short in _names(rng, cities, taken):
        out.append((f"{short}市人民政府", "city", 0, False))
    for i, short in enumerate(_names(rng, counties, taken)):
        out.append((f"{short}县人民政府", "county", 1 + i // COUNTIES_PER_CITY, county_plans))
    first_county = 1 + cities
    for i, short in enumerate(_names(rng, towns, taken)):
        out.append((f"{short}镇人民政府", "town", first_county + i % counties, True))
    return out
