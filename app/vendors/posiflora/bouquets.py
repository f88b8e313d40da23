"""Posiflora bouquets on the showcase (posiflora.md §5.6): list them, change their sale amount.

The OpenAPI schemas for bouquets are a copy of the category's and the request example is a list
response (§5.6, §8 item 13); what is read and written here follows the examples.
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.pricing_items import Bouquet
from app.vendors.errors import VendorProtocolError
from app.vendors.posiflora import wire_inventory as wire
from app.vendors.posiflora.base import PosifloraApi, segment
from app.vendors.posiflora.jsonapi import VENDOR


class PosifloraBouquets(PosifloraApi):
    async def bouquets(self) -> list[Bouquet]:
        """``GET /v1/bouquets``, every page (meta is ``page{}`` plus totals, §5.6)."""
        found: dict[str, Bouquet] = {}
        async for document, _ in self.pages("/v1/bouquets"):
            for resource in document.many():
                found[resource.id] = wire.bouquet(resource)
        return list(found.values())

    async def set_sale_amount(self, bouquet_id: str, sale_amount: Decimal) -> Bouquet:
        """``PATCH /v1/bouquets/{id}``; absolute, so safe to send again.

        §5.6: the answer may be the object or (like the example) a one-element list.
        """
        body = wire.bouquet_price_body(bouquet_id, sale_amount)
        document = await self.patch(f"/v1/bouquets/{segment(bouquet_id)}", body, retry=True)
        for resource in document.many():
            if resource.id == bouquet_id:
                return wire.bouquet(resource)
        raise VendorProtocolError(VENDOR, "Posiflora did not send the bouquet back after a change.")

    async def bouquet(self, bouquet_id: str) -> Bouquet | None:
        """There is no ``GET /v1/bouquets/{id}`` (§5.6): look it up in the list."""
        return next((b for b in await self.bouquets() if b.id == bouquet_id), None)
