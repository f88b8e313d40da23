"""Outbox handler placing a dropship order at Endless Aisles, and finding it again after a doubt.

B10: ``custom_order_id`` is neither echoed nor searchable, so an order whose answer was lost is
recognised by what the list can be searched on (the customer's email or last name, since the day
it was sent), then by address and lines; ``custom_order_id`` is compared too when it shows up.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from app.domain.dropship import DropshipOrder, VendorOrder, same_address, same_lines
from app.domain.dropship_validation import parse_order
from app.vendors.endless_aisles.client import EndlessAislesClient
from app.vendors.writes import PendingWrite

log = logging.getLogger("counterpart.dropship.endless_aisles")
# B8/B10: `since` is a date without a timezone; look back a day so no zone can hide the order.
LOOKBACK = timedelta(days=1)


class EndlessAislesPlaceOrder:
    """``send`` places the order; ``reconcile`` says whether Endless Aisles already has it."""

    vendor = "endless-aisles"
    operation = "place_order"

    def __init__(self, client: EndlessAislesClient) -> None:
        self.client = client

    async def send(self, entry: PendingWrite) -> str:
        placed = await self.client.place_order(parse_order(entry.payload))
        return placed.order_id

    async def reconcile(self, entry: PendingWrite) -> str | None:
        """The vendor order id if the order is there, None if surely not; VendorError if the
        lookup itself failed."""
        order = parse_order(entry.payload)
        since = entry.created_at - LOOKBACK
        query = order.ship_to.email or order.ship_to.last_name
        async for candidate in self.client.all_orders(query=query, since=since):
            if await self._is_ours(order, candidate, since):
                log.info(
                    "found %s at Endless Aisles as order %s", order.reference, candidate.order_id
                )
                return candidate.order_id
        return None

    async def _is_ours(self, order: DropshipOrder, candidate: VendorOrder, since: datetime) -> bool:
        if candidate.reference:
            return candidate.reference == order.reference
        # B3: a wrong `since` is silently ignored, so check the date here as well.
        if candidate.created_at is not None and candidate.created_at.date() < since.date():
            return False
        if not same_address(order.ship_to, candidate.ship_to):
            return False
        detail = await self.client.order(candidate.order_id)  # B4.1: the list has no lines
        if detail.reference:
            return detail.reference == order.reference
        return same_lines(order, detail.lines)
