"""Outbox handlers for every Yodify write: how to send it, and how to tell whether it arrived.

Absolute writes (set stock, set price) may be resent: the second copy changes nothing.
Order actions and shipments are looked up before anything is sent again. A relative stock
adjustment is never retried by the runtime; it is reconciled by reading the SKU and comparing it
with the stock recorded before the adjustment was queued.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

from app.domain.wholesale import CONFIRMABLE, TradeOrderStatus
from app.domain.wholesale_catalog import Sku
from app.vendors import display_name
from app.vendors.errors import VendorUncertain
from app.vendors.writes import PendingWrite
from app.vendors.yodify.base import VENDOR
from app.vendors.yodify.client import YodifyClient
from app.vendors.yodify.wire import parse_time

CONFIRM_ORDER = "confirm_order"
CANCEL_ORDER = "cancel_order"
ADD_SHIPMENT = "add_shipment"
SET_INVENTORY = "set_inventory"
ADJUST_INVENTORY = "adjust_inventory"
SET_PRICE = "set_price"


def _dec(value: object) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _order_ref(order_id: int) -> str:
    return f"order:{order_id}"


def _sku_ref(sku: Sku) -> str:
    return f"sku:{sku.sku_id}"


class YodifyWriteHandler(Protocol):
    async def send(self, entry: PendingWrite) -> str: ...

    async def reconcile(self, entry: PendingWrite) -> str | None: ...


class _Handler:
    def __init__(self, client: YodifyClient) -> None:
        self.client = client


class ConfirmOrderHandler(_Handler):
    """Payload: ``order_id``, ``confirm_stock``."""

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        order = await self.client.confirm_order(
            int(p["order_id"]), confirm_stock=bool(p.get("confirm_stock", True))
        )
        return _order_ref(order.order_id)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        order = await self.client.get_order(int(entry.payload["order_id"]))
        confirmed = order.status not in CONFIRMABLE and order.status not in {
            TradeOrderStatus.CANCELLED,
            TradeOrderStatus.UNKNOWN,
        }
        return _order_ref(order.order_id) if confirmed else None


class CancelOrderHandler(_Handler):
    """Payload: ``order_id``, ``message`` (sent to the customer)."""

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        order = await self.client.cancel_order(int(p["order_id"]), str(p.get("message", "")))
        return _order_ref(order.order_id)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        order = await self.client.get_order(int(entry.payload["order_id"]))
        cancelled = order.status is TradeOrderStatus.CANCELLED
        return _order_ref(order.order_id) if cancelled else None


class AddShipmentHandler(_Handler):
    """Payload: ``order_id``, ``carrier``, ``tracking_number``, ``shipment_type``, ``shipped_at``.

    The idempotency key travels as ``client_identifier``, which Yodify echoes (§5.9), so the
    shipment can be recognised later even if two parcels share a tracking number.
    """

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        shipment = await self.client.add_shipment(
            int(p["order_id"]),
            carrier=str(p["carrier"]),
            tracking_number=str(p["tracking_number"]),
            shipment_type=str(p.get("shipment_type") or "Tracked"),
            shipped_at=parse_time(p.get("shipped_at")),
            client_identifier=entry.idempotency_key,
        )
        return str(shipment.shipment_id)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        p = entry.payload
        shipments = await self.client.list_shipments(int(p["order_id"]))
        tracking = str(p["tracking_number"]).strip().lower()
        for shipment in shipments:
            if tracking and shipment.tracking_number.strip().lower() == tracking:
                return str(shipment.shipment_id)
        return None


class SetInventoryHandler(_Handler):
    """Payload: ``sku_id``, ``inventory`` (absolute, as text)."""

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        target = _dec(p["inventory"]) or Decimal(0)
        sku = await self.client.set_inventory(
            int(p["sku_id"]), target, idempotency_key=entry.idempotency_key
        )
        return _sku_ref(sku)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        sku = await self.client.get_sku(int(entry.payload["sku_id"]))
        return _sku_ref(sku) if sku.inventory == _dec(entry.payload["inventory"]) else None


class SetPriceHandler(_Handler):
    """Payload: ``sku_id``, ``list_price``, ``sale_price``, ``on_sale``, ``sale_start``/``end``."""

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        sku = await self.client.set_price(
            int(p["sku_id"]),
            _dec(p.get("list_price")),
            sale_price=_dec(p.get("sale_price")),
            on_sale=bool(p.get("on_sale")),
            sale_start=parse_time(p.get("sale_start")),
            sale_end=parse_time(p.get("sale_end")),
            idempotency_key=entry.idempotency_key,
        )
        return _sku_ref(sku)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        p = entry.payload
        sku = await self.client.get_sku(int(p["sku_id"]))
        same = (
            sku.list_price == _dec(p.get("list_price"))
            and sku.sale_price == _dec(p.get("sale_price"))
            and sku.on_sale == bool(p.get("on_sale"))
        )
        return _sku_ref(sku) if same else None


class AdjustInventoryHandler(_Handler):
    """Payload: ``sku_id``, ``delta`` and ``before`` (the stock when it was queued), as text."""

    async def send(self, entry: PendingWrite) -> str:
        p = entry.payload
        delta = _dec(p["delta"]) or Decimal(0)
        sku = await self.client.adjust_inventory(int(p["sku_id"]), delta)
        return _sku_ref(sku)

    async def reconcile(self, entry: PendingWrite) -> str | None:
        """Applied if the stock is now before+delta; not applied if it is still ``before``.

        Anything else means someone else moved the stock meanwhile: Counterpart cannot tell, so
        it says so and a person decides; it never adds the delta a second time on a guess.
        """
        p = entry.payload
        before, delta = _dec(p["before"]), _dec(p["delta"]) or Decimal(0)
        sku = await self.client.get_sku(int(p["sku_id"]))
        if before is not None and sku.inventory == before + delta:
            return _sku_ref(sku)
        if before is not None and sku.inventory == before:
            return None
        name = display_name(VENDOR)
        raise VendorUncertain(
            VENDOR,
            f"The stock of {sku.sku or sku.sku_id} at {name} changed while this adjustment of "
            f"{delta:+} was pending (it was {before}, it is now {sku.inventory}), so Counterpart "
            f"cannot tell whether it arrived. Check the SKU in {name}, then retry or discard it.",
        )


def adjust_inventory_payload(sku: Sku, delta: Decimal) -> dict[str, Any]:
    """What to queue for a relative change: the stock as read now goes along as ``before``."""
    return {"sku_id": sku.sku_id, "delta": str(delta), "before": str(sku.inventory)}


def yodify_outbox_handlers(client: YodifyClient) -> dict[str, YodifyWriteHandler]:
    """Operation name -> handler, for ``Outbox.register("yodify", operation, handler)``."""
    return {
        CONFIRM_ORDER: ConfirmOrderHandler(client),
        CANCEL_ORDER: CancelOrderHandler(client),
        ADD_SHIPMENT: AddShipmentHandler(client),
        SET_INVENTORY: SetInventoryHandler(client),
        ADJUST_INVENTORY: AdjustInventoryHandler(client),
        SET_PRICE: SetPriceHandler(client),
    }
