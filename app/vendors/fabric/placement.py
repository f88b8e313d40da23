"""Outbox handler placing a dropship purchase order at fabric, and finding it by PO number."""

from __future__ import annotations

import logging

from app.domain.dropship_validation import parse_order
from app.vendors.fabric.client import FabricClient
from app.vendors.writes import PendingWrite

log = logging.getLogger("counterpart.dropship.fabric")


class FabricPlaceOrder:
    """``send`` posts the purchase order; ``reconcile`` looks for its PO number (fabric.md §5)."""

    vendor = "fabric"
    operation = "place_order"

    def __init__(self, client: FabricClient) -> None:
        self.client = client

    async def send(self, entry: PendingWrite) -> str:
        order = parse_order(entry.payload)
        # §4.8: ordered_at is when the customer ordered, i.e. when the write was recorded.
        placed = await self.client.place_order(order, entry.created_at)
        return placed.order_id

    async def reconcile(self, entry: PendingWrite) -> str | None:
        """The fabric order id carrying our PO number, None if there is none; VendorError if the
        orders list could not be read."""
        order = parse_order(entry.payload)
        found = await self.client.find_order(order.reference)
        if found is None:
            return None
        log.info("found PO %s at fabric as order %s", order.reference, found.order_id)
        return found.order_id
