"""Yodify's SKUs (stock and prices) and carriers in the cache, for the pricing view and exports.

A full pull replaces the whole set atomically: a reader sees yesterday's catalog or today's,
never half of each. The pull itself pages concurrently within the client's limits.
"""

from __future__ import annotations

import logging
from typing import Protocol, TypeVar

from app.domain.wholesale_catalog import Carrier, Sku
from app.services.cache import Cache
from app.services.wholesale_records import RecordError, from_record, to_record

log = logging.getLogger("counterpart.wholesale")
R = TypeVar("R")

VENDOR = "yodify"
SKUS = "skus"
CARRIERS = "carriers"


class CatalogClient(Protocol):
    async def list_skus(self) -> list[Sku]: ...

    async def get_sku(self, sku_id: int) -> Sku: ...

    async def list_carriers(self) -> list[Carrier]: ...


class SkuCatalog:
    """Cache-first SKUs and carriers of the Yodify store."""

    def __init__(self, cache: Cache, client: CatalogClient) -> None:
        self.cache = cache
        self.client = client

    async def pull_skus(self) -> int:
        """Every SKU, replacing the cached set; returns how many."""
        skus = await self.client.list_skus()
        await self.cache.replace(VENDOR, SKUS, {str(s.sku_id): to_record(s) for s in skus})
        return len(skus)

    async def pull_carriers(self) -> int:
        carriers = await self.client.list_carriers()
        records = {str(c.carrier_id): to_record(c) for c in carriers}
        await self.cache.replace(VENDOR, CARRIERS, records)
        return len(carriers)

    async def skus(self) -> list[Sku]:
        """The cached SKUs, by SKU code (no network)."""
        records = (await self.cache.read(VENDOR, SKUS)).records
        return sorted(_read_all(Sku, records), key=lambda s: (s.sku, s.sku_id))

    async def sku(self, sku_id: int) -> Sku | None:
        record = await self.cache.get(VENDOR, SKUS, str(sku_id))
        return None if record is None else from_record(Sku, record)

    async def refresh_sku(self, sku_id: int) -> Sku:
        """One SKU as Yodify has it now, saved to the cache."""
        sku = await self.client.get_sku(sku_id)
        await self.cache.upsert(VENDOR, SKUS, {str(sku.sku_id): to_record(sku)})
        return sku

    async def carriers(self) -> list[Carrier]:
        """Yodify's carriers for the shipment dialog: the cache, else asked once."""
        cached = (await self.cache.read(VENDOR, CARRIERS)).records
        if not cached:
            await self.pull_carriers()
            cached = (await self.cache.read(VENDOR, CARRIERS)).records
        return sorted(_read_all(Carrier, cached), key=lambda c: c.name.lower())


def _read_all(cls: type[R], records: dict[str, dict[str, object]]) -> list[R]:
    found: list[R] = []
    for key, record in records.items():
        try:
            found.append(from_record(cls, dict(record)))
        except (RecordError, KeyError, TypeError, ValueError):
            log.warning("skipping an unreadable cached %s %s", cls.__name__, key)
    return found
