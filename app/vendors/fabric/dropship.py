"""fabric as a dropship source: a catalog kept in memory (no search or UPC filter is documented,
fabric.md §4.3), inventory synced incrementally, tracking from shipments, cancels [EXT]."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from app.domain.dropship import CatalogItem, VendorOrder
from app.vendors.fabric.client import FabricClient
from app.vendors.fabric.placement import FabricPlaceOrder
from app.vendors.fabric.wire import InventoryLevel


class FabricDropship:
    """What the dropship service needs from fabric."""

    vendor = "fabric"

    def __init__(self, client: FabricClient) -> None:
        self.client = client
        self.placement = FabricPlaceOrder(client)
        self.catalog: dict[str, CatalogItem] = {}
        self.levels: dict[str, InventoryLevel] = {}
        self.synced_until: datetime | None = None

    @property
    def is_production(self) -> bool:
        return self.client.is_production

    async def load_catalog(self) -> list[CatalogItem]:
        """Read every variant (the list documents no filters) and index it."""
        self.catalog = {item.item_id: item async for item in self.client.variants()}
        return list(self.catalog.values())

    async def sync_inventory(self) -> list[InventoryLevel]:
        """Inventory changed since the last sync (all of it the first time); returns the changes."""
        # §3.2: whole seconds, and "gte" includes the newest second already seen, so a change
        # made in that same second after the last sync is not missed (re-reading one is harmless).
        since = self.synced_until
        changed = [level async for level in self.client.inventory(since)]
        for level in changed:
            self.levels[level.variant_id] = level
            if level.updated_at and (
                self.synced_until is None or level.updated_at > self.synced_until
            ):
                self.synced_until = level.updated_at
        return changed

    def by_upc(self, upc: str) -> InventoryLevel | None:
        """Stock for a scanned UPC, from the synced inventory (no UPC filter exists, §6 #10)."""
        wanted = upc.strip().lstrip("0")
        return next((lv for lv in self.levels.values() if lv.upc.lstrip("0") == wanted), None)

    def _stocked(self, item: CatalogItem) -> CatalogItem:
        level = self.levels.get(item.item_id)
        return item if level is None else dataclasses.replace(item, stock=level.available)

    async def item(self, item_id: str) -> CatalogItem | None:
        """One variant with its current inventory, or None when fabric does not know it."""
        found = await self.client.variant(item_id)
        if found is not None:
            self.catalog[found.item_id] = found
        return found

    async def search(self, text: str, *, limit: int = 50) -> list[CatalogItem]:
        """By variant id, UPC or words in name/brand/variant, over the loaded catalog."""
        if not self.catalog:
            await self.load_catalog()
        text = text.strip().lower()
        found = [i for i in self.catalog.values() if _matches(i, text)]
        return [self._stocked(i) for i in found[:limit]]

    async def tracking(self, vendor_order_id: str, reference: str) -> VendorOrder:
        """The order (found by PO number, §3 O2) with its shipments; new shipments are
        acknowledged once read (§4.9 S2)."""
        order = await self.client.find_order(reference)
        if order is None:
            order = await self.client.order(vendor_order_id)
        shipments = [
            s for s in await self.client.shipments(new_only=False) if s.order_id == order.order_id
        ]
        for found in shipments:
            if not found.acknowledged:
                await self.client.acknowledge_shipment(found.shipment_id)
        if shipments:
            order = dataclasses.replace(order, shipments=tuple(s.shipment for s in shipments))
        return order

    async def cancel(self, vendor_order_id: str) -> VendorOrder | None:
        await self.client.cancel_order(vendor_order_id)
        return None


def _matches(item: CatalogItem, text: str) -> bool:
    if not text:
        return True
    if text.isdigit():
        return text in (item.item_id, item.upc) or item.upc.lstrip("0") == text.lstrip("0")
    haystack = f"{item.title} {item.brand} {item.variant}".lower()
    return all(word in haystack for word in text.split())
