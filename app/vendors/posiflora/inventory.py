"""Posiflora stock items, categories, per-store prices and costs (posiflora.md §5.3, §5.4).

There is no GET for prices (§5.3, §8 item 16): a store's price is read from the item list asked
with ``filter[store]`` (``priceMin``/``priceMax`` then describe that store [inf]); costs and stock
come from the two cost searches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.pricing_items import Category, InventoryItem, ItemCost, StorePrice
from app.vendors.posiflora import wire_inventory as wire
from app.vendors.posiflora.base import WRITE_HEADERS, PosifloraApi, segment
from app.vendors.posiflora.jsonapi import Document, encode, parse_document
from app.vendors.posiflora.queries import wire_datetime

COST_BATCH = 200


class PosifloraInventory(PosifloraApi):
    """Reads stock items and costs, and sets per-store prices."""

    async def post(self, path: str, body: dict[str, Any], *, retry: bool = False) -> Document:
        response = await self.http.request(
            "POST", path, content=encode(body), headers=WRITE_HEADERS, retry=retry
        )
        return parse_document(self.http.parse_json(response))

    async def categories(self) -> list[Category]:
        found: list[Category] = []
        async for document, _ in self.pages("/v1/categories"):
            found.extend(wire.category(item) for item in document.many())
        return found

    async def items(self, store_id: str | None = None) -> list[InventoryItem]:
        """``GET /v1/inventory-items`` (every page), for one store when ``store_id`` is given."""
        params = [("type", "item")]
        if store_id is not None:
            params.append(("filter[store]", store_id))
        found: dict[str, InventoryItem] = {}
        async for document, _ in self.pages("/v1/inventory-items", params):
            for resource in document.many():
                found[resource.id] = wire.inventory_item(document, resource)
        return list(found.values())

    async def store_price(self, item_id: str, store_id: str) -> Decimal | None:
        """An item's price at one store as the list reports it (no GET for prices, §5.3)."""
        params = [("filter[id][]", item_id), ("filter[store]", store_id)]
        document = await self.get("/v1/inventory-items", params)
        for resource in document.many():
            if resource.id == item_id:
                return wire.inventory_item(document, resource).price_max
        return None

    async def last_costs(
        self, store_id: str, item_ids: Sequence[str], at: datetime | None = None
    ) -> list[ItemCost]:
        """``POST /v1/inventory-items/last-costs`` in batches; a search, so safe to retry."""
        moment = wire_datetime(at or datetime.now(UTC))
        found: list[ItemCost] = []
        for start in range(0, len(item_ids), COST_BATCH):
            batch = list(item_ids[start : start + COST_BATCH])
            body = _search("search-last-costs", store_id, {"dateTime": moment, "items": batch})
            document = await self.post("/v1/inventory-items/last-costs", body, retry=True)
            found.extend(wire.last_cost(item) for item in document.many())
        return found

    async def net_costs(
        self, store_id: str, item_ids: Sequence[str], on: date | None = None
    ) -> list[ItemCost]:
        """``POST /v1/inventory-items/net-costs``: cost of one unit and the stock left."""
        day = (on or datetime.now(UTC).date()).isoformat()
        found: list[ItemCost] = []
        for start in range(0, len(item_ids), COST_BATCH):
            batch = list(item_ids[start : start + COST_BATCH])
            attributes = {"qty": [1] * len(batch), "date": day, "items": batch}
            body = _search("search-net-costs", store_id, attributes)
            document = await self.post("/v1/inventory-items/net-costs", body, retry=True)
            found.extend(wire.net_cost(item) for item in document.many())
        return found

    async def set_store_price(
        self, item_id: str, store_id: str, price: Decimal, *, status: str = "on"
    ) -> StorePrice:
        """``POST /v1/inventory-items/{id}/prices``: an absolute price, so a resend is harmless."""
        body = {"data": wire.price_body(store_id, price, status)}
        path = f"/v1/inventory-items/{segment(item_id)}/prices"
        document = await self.post(path, body, retry=True)
        return wire.store_price(document.one())

    async def set_store_prices(
        self, item_id: str, prices: Sequence[tuple[str, Decimal]], *, status: str = "on"
    ) -> list[StorePrice]:
        """``POST /v1/inventory-items/{id}/bulk-prices``: one item, many stores."""
        body = {"data": [wire.price_body(store, price, status) for store, price in prices]}
        path = f"/v1/inventory-items/{segment(item_id)}/bulk-prices"
        document = await self.post(path, body, retry=True)
        return [wire.store_price(item) for item in document.many()]


def _search(kind: str, store_id: str, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {
            "type": kind,
            "attributes": attributes,
            "relationships": {"store": {"data": {"id": store_id, "type": "stores"}}},
        }
    }
