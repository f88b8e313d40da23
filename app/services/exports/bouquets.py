"""``export bouquets``: Posiflora's showcase bouquets with cost, price and margin (§5.6)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.services.exports import ReportRequest, ReportTable
from app.services.exports.pricing_common import margin_cells, money, refresh_note, store_matches
from app.services.pricing_rows import Source
from app.services.pricing_source import POSIFLORA, load_rows

if TYPE_CHECKING:
    from app.services.runtime import Runtime

HEADERS = (
    "store",
    "bouquet",
    "doc no",
    "on the showcase since",
    "cost",
    "price",
    "margin",
    "margin %",
)


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    notes: list[str] = []
    if POSIFLORA in runtime.links:
        notes = await refresh_note(runtime, POSIFLORA, "bouquets", "bouquets")
    rows = await load_rows(runtime.cache, datetime.now(UTC))
    table = [
        [
            row.store,
            row.title,
            row.code,
            row.since.isoformat() if row.since else "",
            money(row.cost),
            money(row.price),
            *margin_cells(row.margin),
        ]
        for row in rows
        if row.source is Source.BOUQUET and store_matches(request.store, row.store_id, row.store)
    ]
    return ReportTable(HEADERS, table, notes)
