"""One search over every dropship catalog, with a local index so a scanned UPC is found.

Neither vendor documents a search by UPC (Endless Aisles B3 searches words; fabric §4.3 has no
filter), so the plugs keep what is needed in the cache: Endless Aisles' catalog (resource
"catalog", refreshed daily as B1 advises) and fabric's inventory (resource "inventory").
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.dropship import CatalogItem
from app.domain.money import parse_optional_money
from app.services.cache import Cache
from app.services.dropship import DropshipService, DropshipSource
from app.vendors import display_name
from app.vendors.errors import VendorError

CATALOG = "catalog"
INVENTORY = "inventory"
# Where each vendor's UPC index lives in the cache: (resource, field holding the item id).
UPC_INDEX = {"endless-aisles": (CATALOG, "item_id"), "fabric": (INVENTORY, "variant_id")}
_MONEY = ("wholesale", "retail", "map_price")


@dataclass(frozen=True)
class CatalogResults:
    """Items found, and one sentence per vendor that could not be searched live."""

    items: list[CatalogItem]
    notes: list[str]


def item_record(item: CatalogItem) -> dict[str, Any]:
    record = dataclasses.asdict(item)
    for key in _MONEY:
        record[key] = None if record[key] is None else str(record[key])
    return record


def item_from_record(record: dict[str, Any]) -> CatalogItem:
    names = {f.name for f in dataclasses.fields(CatalogItem)}
    values = {k: v for k, v in record.items() if k in names}
    for key in _MONEY:
        values[key] = parse_optional_money(values.get(key))
    return CatalogItem(**values)


def looks_like_upc(text: str) -> bool:
    return text.isdigit() and len(text) >= 8


class DropshipCatalog:
    """Search both catalogs side by side; a vendor that fails leaves a note, not an error."""

    def __init__(
        self,
        service: DropshipService,
        cache: Cache,
        index_refresh: Mapping[str, Callable[[], Awaitable[object]]] | None = None,
    ) -> None:
        """``index_refresh[vendor]`` fills that vendor's UPC index when it was never synced."""
        self.service = service
        self.cache = cache
        self.index_refresh = dict(index_refresh or {})

    async def search(self, text: str, *, limit: int = 60) -> CatalogResults:
        text = text.strip()
        vendors = list(self.service.sources.items())
        found = await asyncio.gather(*(self._search(v, s, text, limit) for v, s in vendors))
        return _merge(found)

    async def featured(self, *, per_vendor: int = 12) -> CatalogResults:
        """What to show before anyone searches: items in stock, a few from each catalog."""
        vendors = list(self.service.sources.items())
        found = await asyncio.gather(*(self._search(v, s, "", per_vendor * 3) for v, s in vendors))
        trimmed = [
            ([i for i in items if i.orderable and (i.stock or 0) > 0][:per_vendor], note)
            for items, note in found
        ]
        return _merge(trimmed)

    async def _search(
        self, vendor: str, source: DropshipSource, text: str, limit: int
    ) -> tuple[list[CatalogItem], str | None]:
        try:
            items = await source.search(text, limit=limit)
            if not items and looks_like_upc(text):
                items = await self._live_by_upc(vendor, source, text)
        except VendorError as exc:
            return [], f"{display_name(vendor)} could not be searched: {exc.message}"
        return items, None

    async def _live_by_upc(
        self, vendor: str, source: DropshipSource, upc: str
    ) -> list[CatalogItem]:
        ids = await self.item_ids_for_upc(vendor, upc)
        resource = UPC_INDEX.get(vendor, (CATALOG, ""))[0]
        refresh = self.index_refresh.get(vendor)
        if not ids and refresh and await self.cache.fetched_at(vendor, resource) is None:
            await refresh()  # a scan before the first sync: build the index now, once
            ids = await self.item_ids_for_upc(vendor, upc)
        items = [await source.item(item_id) for item_id in ids]
        return [i for i in items if i is not None]

    async def item_ids_for_upc(self, vendor: str, upc: str) -> list[str]:
        """Item ids whose UPC is ``upc`` (leading zeros ignored), from the local index."""
        resource, id_field = UPC_INDEX.get(vendor, (CATALOG, "item_id"))
        cached = await self.cache.read(vendor, resource)
        wanted = upc.lstrip("0")
        return [
            str(r.get(id_field))
            for r in cached.records.values()
            if str(r.get("upc") or "").lstrip("'").lstrip("0") == wanted
        ]


def _merge(found: list[tuple[list[CatalogItem], str | None]]) -> CatalogResults:
    items = [item for vendor_items, _note in found for item in vendor_items]
    notes = [note for _items, note in found if note]
    return CatalogResults(items, notes)
