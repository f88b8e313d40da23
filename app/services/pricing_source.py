"""Reading the three priced sources from the cache, and writing a sent price back into it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from app.services.cache import Cache
from app.services.outbox import OutboxEntry
from app.services.pricing_rows import PriceRow, bouquet_rows, item_rows, sku_rows

POSIFLORA = "posiflora"
YODIFY = "yodify"
INVENTORY_PRICES = "inventory-prices"
BOUQUETS = "bouquets"
STORES = "stores"
CATEGORIES = "categories"
SKUS = "skus"


def _titles(records: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {
        key: str(r.get("title") or (r.get("attributes") or {}).get("title") or key)
        for key, r in records.items()
    }


async def load_rows(cache: Cache, now: datetime) -> list[PriceRow]:
    """Bouquets, then stock items per store, then wholesale SKUs: what the cache holds now."""
    stores = _titles((await cache.read(POSIFLORA, STORES)).records)
    categories = _titles((await cache.read(POSIFLORA, CATEGORIES)).records)
    items = (await cache.read(POSIFLORA, INVENTORY_PRICES)).records
    bouquets = (await cache.read(POSIFLORA, BOUQUETS)).records
    skus = (await cache.read(YODIFY, SKUS)).records
    stock_rows = item_rows(items, stores, categories)
    # A wholesale SKU's cost is the stock item's cost under the same code, when there is one.
    costs = {code: r.cost for r in stock_rows if r.cost is not None for code in r.barcodes}
    return [*bouquet_rows(bouquets, stores, now), *stock_rows, *sku_rows(skus, costs)]


async def apply_sent(cache: Cache, entry: OutboxEntry) -> None:
    """Put a sent price into the cached record so the row shows it before the next sync."""
    p = entry.payload
    if entry.vendor == POSIFLORA and "item_id" in p:
        key = f"{p['item_id']}:{p['store_id']}"
        record = await cache.get(POSIFLORA, INVENTORY_PRICES, key)
        if record is not None:
            record["price"] = str(p["price"])
            await cache.upsert(POSIFLORA, INVENTORY_PRICES, {key: record})
    elif entry.vendor == POSIFLORA and "bouquet_id" in p:
        record = await cache.get(POSIFLORA, BOUQUETS, str(p["bouquet_id"]))
        if record is not None:
            record.setdefault("attributes", {})["saleAmount"] = str(Decimal(str(p["sale_amount"])))
            await cache.upsert(POSIFLORA, BOUQUETS, {str(p["bouquet_id"]): record})
    elif entry.vendor == YODIFY and "sku_id" in p:
        record = await cache.get(YODIFY, SKUS, str(p["sku_id"]))
        if record is not None:
            for name in ("list_price", "sale_price", "on_sale", "sale_start", "sale_end"):
                record[name] = p.get(name)
            await cache.upsert(YODIFY, SKUS, {str(p["sku_id"]): record})
