"""Staff actions on Yodify: confirm, cancel and ship trade orders; set SKU prices and stock.

Each action checks the shop's rule first (a refusal is a sentence naming the rule, raised as
:class:`TradeOrderRuleError` or :class:`SkuChangeError`), then records the write in the outbox.
The key is stable while the same write is on its way: pressing Confirm twice queues one write;
once it was sent (or given up), asking again queues a new one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.domain.trade_order_rules import cancel_refusal, confirm_refusal, shipment_refusal
from app.domain.wholesale import TradeOrder, TradeOrderRuleError
from app.domain.wholesale_catalog import Sku
from app.services.messages import MessageBus
from app.services.outbox import Outbox, OutboxEntry, OutboxState
from app.services.trade_orders import TradeOrderBook
from app.services.wholesale_catalog import SkuCatalog
from app.vendors import display_name
from app.vendors.errors import VendorError
from app.vendors.yodify.outbox import (
    ADD_SHIPMENT,
    ADJUST_INVENTORY,
    CANCEL_ORDER,
    CONFIRM_ORDER,
    SET_INVENTORY,
    SET_PRICE,
    adjust_inventory_payload,
)

VENDOR = "yodify"
ON_ITS_WAY = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNCERTAIN)
ORDER_OPERATIONS = frozenset({CONFIRM_ORDER, CANCEL_ORDER, ADD_SHIPMENT})


class SkuChangeError(ValueError):
    """A price or stock change that makes no sense; the message says which value and why."""


@dataclass(frozen=True)
class QueuedWrite:
    """What an action did: the outbox entry, and whether it is new or was already on its way."""

    entry: OutboxEntry
    summary: str
    new: bool


class WholesaleService:
    def __init__(
        self,
        outbox: Outbox,
        orders: TradeOrderBook,
        catalog: SkuCatalog,
        messages: MessageBus | None = None,
    ) -> None:
        self.outbox = outbox
        self.orders = orders
        self.catalog = catalog
        self.messages = messages
        outbox.on_change(self._changed)

    # -- trade orders ---------------------------------------------------------------------------

    async def confirm_trade_order(
        self, order: TradeOrder, *, confirm_stock: bool = True
    ) -> QueuedWrite:
        _refuse(confirm_refusal(order))
        payload = {"order_id": order.order_id, "confirm_stock": confirm_stock}
        summary = f"Confirm trade order {order.number} for {order.account.display_name}"
        return await self._queue(CONFIRM_ORDER, f"order:{order.order_id}", payload, summary)

    async def cancel_trade_order(self, order: TradeOrder, reason: str) -> QueuedWrite:
        reason = " ".join(reason.split())
        if not reason:
            _refuse(
                f"Give a reason to cancel order {order.number}; Yodify sends it to the customer."
            )
        _refuse(cancel_refusal(order))
        payload = {"order_id": order.order_id, "message": reason}
        summary = f"Cancel trade order {order.number} ({reason})"
        return await self._queue(CANCEL_ORDER, f"order:{order.order_id}", payload, summary)

    async def add_shipment(self, order: TradeOrder, carrier: str, tracking: str) -> QueuedWrite:
        carrier, tracking = carrier.strip(), tracking.strip()
        if not carrier or not tracking:
            missing = "carrier" if not carrier else "tracking number"
            _refuse(f"A shipment for order {order.number} needs a {missing}.")
        _refuse(shipment_refusal(order))
        payload = {"order_id": order.order_id, "carrier": carrier, "tracking_number": tracking}
        summary = f"Ship trade order {order.number} with {carrier}, tracking {tracking}"
        base = f"order:{order.order_id}:{tracking.lower()}"
        return await self._queue(ADD_SHIPMENT, base, payload, summary)

    # -- SKU prices and stock (the pricing view) ------------------------------------------------

    async def set_sku_price(
        self,
        sku: Sku,
        list_price: Decimal | None,
        *,
        sale_price: Decimal | None = None,
        on_sale: bool = False,
        sale_start: datetime | None = None,
        sale_end: datetime | None = None,
    ) -> QueuedWrite:
        for name, value in (("list price", list_price), ("sale price", sale_price)):
            if value is not None and value < 0:
                raise SkuChangeError(f"The {name} of {sku.sku} cannot be below zero.")
        if on_sale and sale_price is None:
            raise SkuChangeError(f"{sku.sku} is marked on sale but has no sale price.")
        if sale_start and sale_end and sale_end <= sale_start:
            raise SkuChangeError(f"The sale of {sku.sku} must end after it starts.")
        payload = {
            "sku_id": sku.sku_id,
            "list_price": _text(list_price),
            "sale_price": _text(sale_price),
            "on_sale": on_sale,
            "sale_start": sale_start.isoformat() if sale_start else None,
            "sale_end": sale_end.isoformat() if sale_end else None,
        }
        summary = f"Set the price of {sku.sku} to {_text(list_price) or 'none'}"
        if on_sale:
            summary += f", on sale at {_text(sale_price)}"
        return await self._queue(
            SET_PRICE, f"sku:{sku.sku_id}:{_digest(payload)}", payload, summary
        )

    async def set_sku_stock(self, sku: Sku, inventory: Decimal) -> QueuedWrite:
        if inventory < 0:
            raise SkuChangeError(f"The stock of {sku.sku} cannot be set below zero.")
        payload = {"sku_id": sku.sku_id, "inventory": str(inventory)}
        summary = f"Set the stock of {sku.sku} to {inventory}"
        return await self._queue(SET_INVENTORY, f"sku:{sku.sku_id}:{inventory}", payload, summary)

    async def adjust_sku_stock(
        self, sku: Sku, delta: Decimal, *, reference: str | None = None
    ) -> QueuedWrite:
        """Add or remove stock. Each call is its own change (two sales of one remove two), so
        the key is ``reference`` (e.g. the sale's id) or a new one; the stock read now goes along
        so an unclear send can be checked without adding the delta twice."""
        if delta == 0:
            raise SkuChangeError(f"An adjustment of {sku.sku} needs a quantity other than zero.")
        try:
            current = await self.catalog.refresh_sku(sku.sku_id)
        except VendorError:
            current = sku  # queued anyway; a lookup after an unclear send then asks a person
        payload = adjust_inventory_payload(current, delta)
        summary = f"Adjust the stock of {sku.sku} by {delta:+}"
        base = f"sku:{sku.sku_id}:{reference or uuid.uuid4().hex}"
        return await self._queue(ADJUST_INVENTORY, base, payload, summary)

    # -- the outbox -----------------------------------------------------------------------------

    async def _queue(
        self, operation: str, base: str, payload: dict[str, Any], summary: str
    ) -> QueuedWrite:
        stem = f"{VENDOR}:{operation}:{base}"
        for generation in itertools.count():
            key = stem if generation == 0 else f"{stem}#{generation}"
            existing = await self.outbox.find(key)
            if existing is None:
                entry = await self.outbox.enqueue(VENDOR, operation, payload, key, summary)
                return QueuedWrite(entry, summary, new=True)
            if existing.state in ON_ITS_WAY:
                return QueuedWrite(existing, existing.summary, new=False)
        raise AssertionError("unreachable")

    def _changed(self, entry: OutboxEntry) -> None:
        """Tell the person how a Yodify write ended, in Yodify's own words when it refused."""
        if entry.vendor != VENDOR or self.messages is None:
            return
        name = display_name(VENDOR)
        if entry.state is OutboxState.FAILED:
            reason = entry.last_message or "no reason was given"
            self.messages.error(f"{name} refused “{entry.summary}”: {reason}", vendor=VENDOR)
        elif entry.state is OutboxState.SENT and entry.operation in ORDER_OPERATIONS:
            self.messages.info(f"Done in {name}: {entry.summary}.", vendor=VENDOR)


def _refuse(reason: str | None) -> None:
    if reason is not None:
        raise TradeOrderRuleError(reason)


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
