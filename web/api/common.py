"""Small helpers the endpoint modules share: a page of a list, references to departments."""

from __future__ import annotations

import math


def page(items, pagination) -> dict:
    """``{count, limit, offset, items}`` for a queryset or a list; the slice is taken before serialising."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    start = pagination.offset
    return {"count": count, "limit": pagination.limit, "offset": start,
            "items": list(items[start:start + pagination.limit])}


def department_ref(department) -> dict | None:
    return {"id": department.pk, "name": department.name} if department is not None else None


def finite(value: float | None) -> float | None:
    """A float JSON can carry: NaN and infinities (a forecast from odd figures) become null."""
    return value if value is None or math.isfinite(value) else None
