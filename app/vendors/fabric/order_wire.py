"""fabric purchase orders and shipments on the wire (fabric.md §4.8, §4.9)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.dropship import (
    DropshipOrder,
    Shipment,
    ShipTo,
    VendorOrder,
    VendorOrderLine,
    VendorOrderState,
)
from app.vendors.fabric.wire import VENDOR, money, timestamp, upc_text


@dataclass(frozen=True)
class FabricShipment:
    """A shipment (§4.9) with the order it belongs to."""

    shipment_id: str
    order_id: str
    purchase_order_number: str
    shipment: Shipment
    acknowledged: bool


def shipment(raw: Mapping[str, Any]) -> FabricShipment:
    method = raw.get("shipping_method") if isinstance(raw.get("shipping_method"), dict) else {}
    carrier = (method or {}).get("carrier")
    carrier_name = str(carrier.get("name") or "") if isinstance(carrier, dict) else ""
    acknowledged = bool(raw.get("is_acknowledged"))
    found = Shipment(
        tracking_number=str(raw.get("tracking_number") or ""),
        tracking_url=str(raw.get("tracking_url") or ""),
        carrier=carrier_name,
        shipped_at=timestamp(raw.get("shipped_at")),
        vendor_shipment_id=str(raw.get("id") or ""),
        acknowledged=acknowledged,
    )
    return FabricShipment(
        str(raw.get("id") or ""),
        str(raw.get("order_id") or ""),
        str(raw.get("purchase_order_number") or ""),
        found,
        acknowledged,
    )


def _state(raw: Mapping[str, Any]) -> VendorOrderState:
    # §4.8: only "open" is documented; the rest is read from the order's timestamps.
    if raw.get("canceled_at"):
        return VendorOrderState.CANCELED
    if raw.get("backordered_until"):
        return VendorOrderState.BACKORDERED
    if raw.get("fulfilled_at") or int(raw.get("shipment_count") or 0) > 0:
        return VendorOrderState.SHIPPED
    return VendorOrderState.PLACED


def _ship_to(raw: object) -> ShipTo | None:
    if not isinstance(raw, dict):
        return None
    first, _, last = str(raw.get("name1") or "").partition(" ")
    return ShipTo(
        first_name=first,
        last_name=last,
        address_line_1=str(raw.get("street1") or ""),
        address_line_2=str(raw.get("street2") or ""),
        city=str(raw.get("city") or ""),
        state=str(raw.get("province") or ""),
        zip=str(raw.get("postal_code") or ""),
        country=str(raw.get("country") or ""),
        phone=str(raw.get("phone1") or ""),
        email=str(raw.get("email") or ""),
    )


def parse_order(raw: Mapping[str, Any]) -> VendorOrder:
    lines = []
    for line in raw.get("order_lines") or []:
        variant = line.get("variant") if isinstance(line, dict) else None
        if isinstance(variant, dict):
            lines.append(
                VendorOrderLine(
                    str(variant.get("id") or ""),
                    upc_text(variant.get("upc")),
                    int(line.get("quantity") or 0),
                    money(line.get("price")),
                )
            )
    shipments = tuple(
        shipment(s).shipment for s in raw.get("shipments") or [] if isinstance(s, dict)
    )
    ship_to = _ship_to(raw.get("ship_to"))
    return VendorOrder(
        vendor=VENDOR,
        order_id=str(raw.get("id") or ""),
        state=_state(raw),
        status_label=str(raw.get("status") or ""),
        reference=str(raw.get("purchase_order_number") or ""),
        email=ship_to.email if ship_to else "",
        ship_to=ship_to,
        lines=tuple(lines),
        shipments=shipments,
        total=money(raw.get("subtotal_charged")),
        created_at=timestamp(raw.get("ordered_at")),
        updated_at=timestamp(raw.get("updated_at")),
    )


def order_body(order: DropshipOrder, ordered_at: datetime) -> dict[str, Any]:
    """The ``POST orders/`` body with the seed's fields (§4.8); the reference is the PO number."""
    ship = order.ship_to
    ship_to: dict[str, Any] = {
        "name1": ship.full_name,
        "street1": ship.address_line_1,
        "city": ship.city,
        "province": ship.state,
        "postal_code": ship.zip,
        "country": ship.country or "US",
    }
    extras = {"street2": ship.address_line_2, "phone1": ship.phone, "email": ship.email}
    ship_to |= {k: v for k, v in extras.items() if v}
    body: dict[str, Any] = {
        "purchase_order_number": order.reference,
        "customer_order_number": order.reference,
        "retailer_order_number": order.reference,
        "ship_to": ship_to,
        "ordered_at": ordered_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "order_lines": [
            {"quantity": ln.quantity, "price": f"{ln.price:.2f}", "variant": {"id": int(ln.item)}}
            for ln in order.lines
        ],
    }
    if order.shipping_method is not None:
        body["requested_shipping_method_id"] = order.shipping_method
    return body
