"""Posiflora's stock items for ``export inventory``: one row per item and store.

Plugged into ``app.services.exports.inventory.PROVIDERS`` by :func:`register`, which the
Posiflora pricing wiring calls.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.services.exports import ReportRequest
from app.services.exports.inventory import PROVIDERS, InventoryRow, ProvidedRows
from app.services.exports.pricing_common import refresh_note, store_matches
from app.services.pricing_rows import Source
from app.services.pricing_source import INVENTORY_PRICES, POSIFLORA, load_rows

if TYPE_CHECKING:
    from app.services.runtime import Runtime


async def posiflora_rows(runtime: Runtime, request: ReportRequest) -> ProvidedRows:
    notes = await refresh_note(runtime, POSIFLORA, "inventory", INVENTORY_PRICES)
    rows = await load_rows(runtime.cache, datetime.now(UTC))
    found = [
        InventoryRow(
            vendor=POSIFLORA,
            sku=row.code,
            product=row.title,
            brand=row.category,
            unit=row.store,
            list_price=row.price,
            inventory=row.stock,
            cost=row.cost,
            price=row.price,
        )
        for row in rows
        if row.source is Source.ITEM and store_matches(request.store, row.store_id, row.store)
    ]
    return ProvidedRows(found, notes)


def register() -> None:
    PROVIDERS.setdefault(POSIFLORA, posiflora_rows)
