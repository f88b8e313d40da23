"""Dropship orders: what the store asks a dropship vendor to ship straight to a customer.

The order file shape is the one promised in CONTRACT.md ("Dropship order file"); parsing and the
rules that refuse bad input live in :mod:`app.domain.dropship_validation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.money import ZERO

DROPSHIP_VENDORS = ("endless-aisles", "fabric")


@dataclass(frozen=True)
class ShipTo:
    """The customer's delivery address, as typed at the counter."""

    first_name: str
    last_name: str
    address_line_1: str
    city: str
    state: str
    zip: str
    address_line_2: str = ""
    country: str = "US"
    phone: str = ""
    email: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class OrderLine:
    """One item of the order: the vendor's own item id, its UPC, how many and at what price."""

    item: str
    upc: str
    quantity: int
    price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.price * self.quantity


@dataclass(frozen=True)
class DropshipOrder:
    """An order the store places with a dropship vendor; ``reference`` is its idempotency key."""

    reference: str
    vendor: str
    ship_to: ShipTo
    lines: tuple[OrderLine, ...]
    shipping_method: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    def to_payload(self) -> dict[str, Any]:
        """The order back in its file form (JSON-safe; prices as strings), e.g. for the outbox."""
        ship = self.ship_to
        payload: dict[str, Any] = {
            "reference": self.reference,
            "vendor": self.vendor,
            "ship_to": {
                "first_name": ship.first_name,
                "last_name": ship.last_name,
                "address_line_1": ship.address_line_1,
                "address_line_2": ship.address_line_2,
                "city": ship.city,
                "state": ship.state,
                "zip": ship.zip,
                "country": ship.country,
                "phone": ship.phone,
                "email": ship.email,
            },
            "lines": [
                {"item": ln.item, "upc": ln.upc, "quantity": ln.quantity, "price": str(ln.price)}
                for ln in self.lines
            ],
        }
        if self.shipping_method is not None:
            payload["shipping_method"] = self.shipping_method
        return payload


@dataclass(frozen=True)
class CatalogItem:
    """One orderable item (an Endless Aisles size or a fabric variant) with its prices and stock."""

    vendor: str
    item_id: str
    upc: str
    title: str
    brand: str = ""
    variant: str = ""
    image_url: str = ""
    wholesale: Decimal | None = None
    retail: Decimal | None = None
    map_price: Decimal | None = None
    stock: int | None = None
    product_id: str = ""
    orderable: bool = True

    @property
    def margin(self) -> Decimal | None:
        if self.retail is None or self.wholesale is None:
            return None
        return self.retail - self.wholesale


class VendorOrderState(StrEnum):
    """Where the order stands at the vendor, in the shop's words."""

    PLACED = "placed"  # accepted, waiting to ship (Endless Aisles "Scheduled", fabric "open")
    SHIPPED = "shipped"
    CANCELED = "canceled"
    BACKORDERED = "backordered"
    FAILED = "failed"


@dataclass(frozen=True)
class Shipment:
    """A parcel on its way, with what the customer needs to follow it."""

    tracking_number: str
    tracking_url: str = ""
    carrier: str = ""
    shipped_at: datetime | None = None
    vendor_shipment_id: str = ""
    acknowledged: bool = True


@dataclass(frozen=True)
class VendorOrderLine:
    """An order line as the vendor reports it (used to recognise our own order)."""

    item: str
    upc: str
    quantity: int
    price: Decimal | None = None


@dataclass(frozen=True)
class VendorOrder:
    """An order as the vendor sees it."""

    vendor: str
    order_id: str
    state: VendorOrderState
    status_label: str = ""
    reference: str = ""
    email: str = ""
    ship_to: ShipTo | None = None
    lines: tuple[VendorOrderLine, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    total: Decimal | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


def same_lines(order: DropshipOrder, lines: tuple[VendorOrderLine, ...]) -> bool:
    """True when the vendor's lines are exactly our order's items and quantities."""
    ours = sorted((ln.item, ln.quantity) for ln in order.lines)
    theirs = sorted((ln.item, ln.quantity) for ln in lines)
    return ours == theirs


def same_address(ours: ShipTo, theirs: ShipTo | None) -> bool:
    """True when the vendor's address is ours, ignoring case and spacing."""
    if theirs is None:
        return False

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    keys = ("last_name", "address_line_1", "city", "state", "zip")
    return all(norm(getattr(ours, k)) == norm(getattr(theirs, k)) for k in keys)
