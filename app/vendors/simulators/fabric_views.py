"""List helpers for the fabric simulator: DRF pages and the ``updated_at_*`` filters (§3.1-3.2)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from app.vendors.simulators.fabric_data import SimVariant
from app.vendors.simulators.harness import SimError, SimRequest

PUBLIC_URL = "https://marketplace-api-sandbox.fabric.inc"
_TIME_FILTERS = {
    "updated_at_lt": "<",
    "updated_at_lte": "<=",
    "updated_at_gt": ">",
    "updated_at_gte": ">=",
}


def drf_page(
    req: SimRequest, page_size: int, rows: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    """§3.1: count/next/previous/results; links are absolute and carry page=N (the sandbox host,
    whatever host was asked, as a real deployment behind a proxy may do)."""
    try:
        page = max(1, int(req.query.get("page", "1")))
    except ValueError:
        raise SimError(404, {"detail": "Invalid page."}) from None
    start = (page - 1) * page_size
    if start and start >= len(rows):
        raise SimError(404, {"detail": "Invalid page."})

    def link(number: int) -> str:
        query = {**req.query, "page": str(number)}
        return f"{PUBLIC_URL}{req.full_path}?{urlencode(query)}"

    more = start + page_size < len(rows)
    return {
        "count": len(rows),
        "next": link(page + 1) if more else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": rows[start : start + page_size],
        **extra,
    }


def by_time(req: SimRequest, variants: list[SimVariant]) -> list[SimVariant]:
    """§3.2: ``updated_at_{lt,lte,gt,gte}`` in epoch seconds (UTC)."""
    for name, op in _TIME_FILTERS.items():
        if name in req.query:
            limit = int(req.query[name])
            variants = [v for v in variants if _compare(int(v.updated_at.timestamp()), op, limit)]
    return variants


def inventory_row(v: SimVariant) -> dict[str, Any]:
    """§4.7: an inventory resource (VariantRef plus the inventory block)."""
    return {"variant": v.ref(), "inventory_policy": "managed", **v.inventory_block()}


def _compare(value: int, op: str, limit: int) -> bool:
    return {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit}[op]
