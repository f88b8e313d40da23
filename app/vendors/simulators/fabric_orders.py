"""Purchase orders and shipments inside the fabric simulator (fabric.md §4.8, §4.9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.fabric_data import GROUND, RETAILER, SimVariant, iso

REVSHARE = Decimal("0.4000")  # §4.8: net_price = price x (1 - revshare_fraction)
ACKNOWLEDGE_AFTER = timedelta(hours=1)  # simulator choice: the brand acknowledges after an hour
SHIP_AFTER = timedelta(hours=3)  # simulator choice: shipped three hours after it was received
BACKORDER_FOR = timedelta(days=14)


@dataclass
class SimPOLine:
    variant: SimVariant
    quantity: int
    price: Decimal
    backordered: bool = False


@dataclass
class SimPO:
    id: int
    body: dict[str, Any]
    lines: list[SimPOLine]
    received_at: datetime
    ship_to_id: int
    canceled_at: datetime | None = None
    shipment_ids: list[int] = field(default_factory=list)

    @property
    def backordered(self) -> bool:
        return any(line.backordered for line in self.lines)

    def acknowledged_at(self, now: datetime) -> datetime | None:
        moment = self.received_at + ACKNOWLEDGE_AFTER
        return moment if now >= moment and self.canceled_at is None else None

    def due_to_ship(self, now: datetime) -> bool:
        waiting = self.canceled_at is None and not self.backordered and not self.shipment_ids
        return waiting and now >= self.received_at + SHIP_AFTER

    def _ship_to(self) -> dict[str, Any]:
        given = self.body.get("ship_to") or {}
        keys = (
            "name1",
            "name2",
            "street1",
            "street2",
            "city",
            "province",
            "postal_code",
            "country",
            "phone1",
            "phone2",
            "fax",
            "email",
            "federal_tax_id",
        )
        return {"id": self.ship_to_id, "type": None, **{k: given.get(k) for k in keys}}

    def _line(self, number: int, line: SimPOLine, shipped: bool) -> dict[str, Any]:
        price = line.price
        sub = price * line.quantity
        done = line.quantity if shipped else 0
        canceled = line.quantity if self.canceled_at else 0
        return {
            "id": self.id * 10 + number,
            "order_line_number": f"{number:05d}",
            "quantity": line.quantity,
            "quantity_open": line.quantity - done - canceled,
            "quantity_shipped": done,
            "quantity_returned": 0,
            "quantity_canceled": canceled,
            "quantity_invoiced": 0,
            "price": f"{price:.2f}",
            "locale_price": f"{price:.2f}",
            "net_price": f"{price * (1 - REVSHARE):.2f}",
            "subtotal": f"{sub:.2f}",
            "estimated_price": f"{price:.2f}",
            "shipping_charged": "0.00",
            "subtotal_charged": f"{sub:.2f}",
            "tax_charged": "0.00",
            "status": "open",
            "canceled_at": iso(self.canceled_at),
            "backordered_until": iso(self.received_at + BACKORDER_FOR)
            if line.backordered
            else None,
            "variant": {
                "id": line.variant.id,
                "name": line.variant.name,
                "identifier": line.variant.identifier,
                "upc": line.variant.upc,
                "brand_identifier": line.variant.identifier,
            },
            "metadata": [],
        }

    def wire(self, now: datetime) -> dict[str, Any]:
        shipped = bool(self.shipment_ids)
        total = sum((ln.price * ln.quantity for ln in self.lines), Decimal("0"))
        closed = self.canceled_at or (self.received_at + SHIP_AFTER if shipped else None)
        return {
            "id": self.id,
            "customer_order_number": self.body.get("customer_order_number"),
            "purchase_order_number": self.body.get("purchase_order_number"),
            "retailer_order_number": self.body.get("retailer_order_number"),
            "brand_identifier": None,
            "retailer": RETAILER,
            "connection_id": 4,
            "requested_shipping_method": GROUND,
            "shipment_count": len(self.shipment_ids),
            "invoice_count": 0,
            "bill_to": None,
            "sold_to": None,
            "ship_to": self._ship_to(),
            "subtotal_charged": f"{total:.2f}",
            "shipping_charged": "0.00",
            "is_gift": False,
            "status": "closed" if closed else "open",
            "is_acknowledged": self.acknowledged_at(now) is not None,
            "ordered_at": self.body.get("ordered_at"),
            "acknowledged_at": iso(self.acknowledged_at(now)),
            "fulfilled_at": iso(self.received_at + SHIP_AFTER) if shipped else None,
            "closed_at": iso(closed),
            "received_at": iso(self.received_at),
            "backordered_until": iso(self.received_at + BACKORDER_FOR)
            if self.backordered
            else None,
            "canceled_at": iso(self.canceled_at),
            "updated_at": iso(closed or self.received_at),
            "order_lines": [self._line(i + 1, ln, shipped) for i, ln in enumerate(self.lines)],
            "cancels": [],
            "shipments": [],
            "invoices": [],
            "rmas": [],
            "credits": [],
        }


@dataclass
class SimShipment:
    id: int
    order: SimPO
    shipped_at: datetime
    acknowledged_at: datetime | None = None

    def wire(self) -> dict[str, Any]:
        number = f"1Z999AA1{self.id:010d}"
        body = self.order.body
        return {
            "id": self.id,
            "order_id": self.order.id,
            "batch_number": None,
            "label_reference": None,
            "ordered_at": body.get("ordered_at"),
            "customer_order_number": body.get("customer_order_number"),
            "retailer_order_number": body.get("retailer_order_number"),
            "purchase_order_number": body.get("purchase_order_number"),
            "shipping_method": {
                "id": 7,
                "name": "UPS Ground",
                "code": "Ground",
                "type": "small_parcel",
                "carrier": {"id": 2, "name": "UPS", "code": "UPSN"},
                "generic_shipping_method": GROUND,
            },
            "tracking_number": number,
            "tracking_url": f"https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums={number}",
            "status": "closed",
            "is_acknowledged": self.acknowledged_at is not None,
            "canceled_at": None,
            "ship_to": self.order.wire(self.shipped_at)["ship_to"],
            "acknowledged_at": iso(self.acknowledged_at),
            "shipped_at": iso(self.shipped_at),
            "created_at": iso(self.shipped_at),
            "updated_at": iso(self.shipped_at),
            "shipment_lines": [
                {
                    "id": self.id * 10 + i,
                    "order_line_number": f"{i + 1:05d}",
                    "quantity": ln.quantity,
                    "part": 1,
                    "variant": ln.variant.ref(),
                }
                for i, ln in enumerate(self.order.lines)
            ],
        }
