"""Outbox handlers for Posiflora price changes; both carry absolute prices, so a resend is safe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.vendors.posiflora.bouquets import PosifloraBouquets
from app.vendors.posiflora.inventory import PosifloraInventory
from app.vendors.writes import PendingWrite

ITEM_PRICE = "item.price"
BOUQUET_PRICE = "bouquet.price"


def item_price_payload(item_id: str, store_id: str, price: Decimal) -> dict[str, Any]:
    return {"item_id": item_id, "store_id": store_id, "price": str(price)}


def bouquet_price_payload(bouquet_id: str, sale_amount: Decimal) -> dict[str, Any]:
    return {"bouquet_id": bouquet_id, "sale_amount": str(sale_amount)}


class ItemPriceHandler:
    """Sets one item's price at one store (``POST /v1/inventory-items/{id}/prices``)."""

    def __init__(self, client: PosifloraInventory) -> None:
        self._client = client

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        saved = await self._client.set_store_price(
            str(p["item_id"]), str(p["store_id"]), Decimal(str(p["price"]))
        )
        return f"{saved.item_id}-{saved.store_id}"

    async def reconcile(self, entry: PendingWrite) -> str | None:
        p = entry.payload
        now = await self._client.store_price(str(p["item_id"]), str(p["store_id"]))
        same = now is not None and now == Decimal(str(p["price"]))
        return f"{p['item_id']}-{p['store_id']}" if same else None


class BouquetPriceHandler:
    """Sets a bouquet's sale amount (``PATCH /v1/bouquets/{id}``)."""

    def __init__(self, client: PosifloraBouquets) -> None:
        self._client = client

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        saved = await self._client.set_sale_amount(
            str(p["bouquet_id"]), Decimal(str(p["sale_amount"]))
        )
        return saved.id

    async def reconcile(self, entry: PendingWrite) -> str | None:
        p = entry.payload
        found = await self._client.bouquet(str(p["bouquet_id"]))
        same = found is not None and found.sale_amount == Decimal(str(p["sale_amount"]))
        return found.id if found is not None and same else None
