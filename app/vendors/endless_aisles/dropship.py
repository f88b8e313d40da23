"""Endless Aisles as a dropship source: find items with live stock, track and cancel orders."""

from __future__ import annotations

import dataclasses

from app.domain.dropship import CatalogItem, VendorOrder
from app.vendors.endless_aisles.client import EndlessAislesClient
from app.vendors.endless_aisles.placement import EndlessAislesPlaceOrder


class EndlessAislesDropship:
    """What the dropship service needs from Endless Aisles."""

    vendor = "endless-aisles"

    def __init__(self, client: EndlessAislesClient) -> None:
        self.client = client
        self.placement = EndlessAislesPlaceOrder(client)

    @property
    def is_production(self) -> bool:
        return self.client.is_production

    async def _with_stock(self, items: list[CatalogItem]) -> list[CatalogItem]:
        if not items:
            return []
        levels = await self.client.stock([i.item_id for i in items])
        # B4.8: a SKU missing from the answer is unknown to the stock service: none to sell.
        return [dataclasses.replace(i, stock=levels.get(i.item_id, 0)) for i in items]

    async def item(self, item_id: str) -> CatalogItem | None:
        """One size with its live stock, or None when Endless Aisles does not know it."""
        found = await self.client.item(item_id)
        if found is None:
            return None
        return (await self._with_stock([found]))[0]

    async def search(self, text: str, *, limit: int = 50) -> list[CatalogItem]:
        """Search by words (B3 #5 ``term``) or, for a number, by size id; with live stock."""
        text = text.strip()
        if text.isdigit():
            by_id = await self.item(text)
            if by_id is not None:
                return [by_id]
        items, _page = await self.client.search_products(text, per_page=min(limit, 100))
        return await self._with_stock(items[:limit])

    async def tracking(self, vendor_order_id: str, reference: str) -> VendorOrder:
        order = await self.client.order(vendor_order_id)
        return dataclasses.replace(order, reference=order.reference or reference)

    async def cancel(self, vendor_order_id: str) -> VendorOrder | None:
        return await self.client.cancel_order(vendor_order_id)
