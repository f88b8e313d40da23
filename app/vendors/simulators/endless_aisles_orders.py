"""Orders inside the Endless Aisles simulator: lifecycle on the simulator clock and wire shapes.

An order is "Scheduled" when placed, can be cancelled until it is packed (B4.9: "typically within
30 minutes"), and ships a while later with a FedEx tracking number (B4.2 shipped sample).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.endless_aisles_data import SimProduct, SimSize

CANCEL_WINDOW = timedelta(minutes=30)  # E:532 "typically within 30 minutes of ordering"
SHIP_AFTER = timedelta(hours=2)  # simulator choice: packed and shipped two hours after ordering
_TRACKING_URL = (
    "https://www.fedex.com/apps/fedextrack/?action=track&trackingnumber={}&cntry_code=us"
)


@dataclass
class SimLine:
    size: SimSize
    product: SimProduct
    quantity: int
    price: Decimal


@dataclass
class SimOrder:
    id: int
    created_at: datetime
    email: str
    shipping: dict[str, Any]
    lines: list[SimLine]
    custom_order_id: str = ""
    shipping_cost: Decimal = Decimal("0")
    discount: Decimal = Decimal("0")
    canceled_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def status(self, now: datetime) -> str:
        if self.canceled_at is not None:
            return "Canceled"
        return "Shipped" if now - self.created_at >= SHIP_AFTER else "Scheduled"

    def cancellable(self, now: datetime) -> bool:
        return self.canceled_at is None and now - self.created_at < CANCEL_WINDOW

    @property
    def tracking_number(self) -> str:
        return f"7{self.id:011d}"

    def _money(self) -> dict[str, Decimal]:
        subtotal = sum((ln.price * ln.quantity for ln in self.lines), Decimal("0"))
        wholesale = sum((ln.size.wholesale * ln.quantity for ln in self.lines), Decimal("0"))
        weight = sum(Decimal(str(ln.size.weight)) * ln.quantity for ln in self.lines)
        freight = (Decimal("2") + weight * Decimal("0.25")).quantize(Decimal("0.01"))
        pick_pack = Decimal("2")
        total = subtotal + self.shipping_cost - self.discount
        margin = total - wholesale - freight - pick_pack
        return {
            "wholesale": wholesale,
            "freight": freight,
            "pick_pack": pick_pack,
            "margin": margin,
            "total": total,
            "subtotal": subtotal,
        }

    def _shipping(self) -> dict[str, Any]:
        stamp = self.created_at.strftime("%Y-%m-%d %H:%M:%S")  # B4.3: Y-m-d H:i:s
        ship = self.shipping
        return {
            "id": self.id - 10000,
            "first_name": ship.get("first_name", ""),
            "last_name": ship.get("last_name", ""),
            # B9 #11: the answer says line_1/line_2 for the request's address_line_1/2.
            "line_1": ship.get("address_line_1", ""),
            "line_2": ship.get("address_line_2", ""),
            "city": ship.get("city", ""),
            "zip": ship.get("zip", ""),
            "state": ship.get("state", ""),
            "phone": ship.get("phone"),
            "created_at": stamp,
            "updated_at": stamp,
            "full_name": f"{ship.get('first_name', '')} {ship.get('last_name', '')}",
        }

    def list_item(self, now: datetime) -> dict[str, Any]:
        """B4.1: the list item has no lines, no shipments; created_at is m-d-Y."""
        money = self._money()
        return {
            "id": self.id,
            "status": self.status(now),
            "customer": {"email": self.email},
            "shipping": self._shipping(),
            **{k: money[k] for k in ("wholesale", "freight", "pick_pack", "margin", "total")},
            "created_at": self.created_at.strftime("%m-%d-%Y"),
        }

    def put_answer(self) -> dict[str, Any]:
        """B5: the PUT answer's short lines (no title/image/sizes) and no shipments."""
        money = self._money()
        item = self.list_item(self.created_at)
        item["line_items"] = [_short_line(ln, 0) for ln in self.lines]
        item |= {
            "shipping_cost": self.shipping_cost,
            "discount": self.discount,
            "subtotal": money["subtotal"],
            "tax": Decimal("0"),
        }
        return item

    def detail(self, now: datetime) -> dict[str, Any]:
        """B4.2: lines with product data, shipments, ship_date/placed_on (Y-m-d), last_updated."""
        status = self.status(now)
        shipped = status == "Shipped"
        item = self.put_answer()
        item["status"] = status
        item["line_items"] = [_full_line(ln, ln.quantity if shipped else None) for ln in self.lines]
        ship_day = self.created_at + SHIP_AFTER
        changed = self.canceled_at or (ship_day if shipped else self.created_at)
        item |= {
            "ship_date": ship_day.strftime("%Y-%m-%d"),  # B9 #22: present even when unshipped
            "placed_on": self.created_at.strftime("%Y-%m-%d"),
            "shipments": [self._shipment()] if shipped else [],
            "last_updated": changed.strftime("%Y-%m-%d %H:%M:%S"),
        }
        return item

    def _shipment(self) -> dict[str, str]:
        number = self.tracking_number
        return {"url": _TRACKING_URL.format(number), "number": number}


def _short_line(line: SimLine, shipped: int | None) -> dict[str, Any]:
    return {
        "id": line.size.id,  # B9 #14: read as the size id, as in sample order 10028
        "product_id": line.product.id,
        "upc": line.size.upc,
        "quantity": line.quantity,
        "quantity_shipped": shipped,
        "price": line.price,
        "margin": line.price - line.size.wholesale,
        "wholesale": line.size.wholesale,
        "tax": Decimal("0"),
        "discount": Decimal("0"),
        "is_shipping": False,
    }


def _full_line(line: SimLine, shipped: int | None) -> dict[str, Any]:
    product = line.product.wire()
    sizes = [
        {
            "id": s.id,
            "upc": s.upc,
            "price": s.price,
            "name": s.description,  # B9 #17: "name"
            "wholesale": s.wholesale,
            "purchasability": s.purchasable,
            "shipping_weight_lbs": s.weight,
        }
        for s in line.product.sizes
    ]
    return {
        **_short_line(line, shipped),
        "title": line.product.title,
        # B9 #19: order-line images have no scheme.
        "image": f"stage-img.petflow.com/images/default/products/large/{line.product.id}-10.jpg",
        "size": line.size.description,
        "sizes": sizes,
        "metadata": product["metadata"],
        "brand": line.product.brand,
    }
