"""Endless Aisles wire shapes <-> domain objects (vroom-and-endless-aisles.md B4, B5).

Tolerant readers: unknown keys are ignored, money may be a number or a string, UPCs stay strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, tzinfo
from decimal import Decimal
from typing import Any

from app.domain.dropship import (
    CatalogItem,
    DropshipOrder,
    Shipment,
    ShipTo,
    VendorOrder,
    VendorOrderLine,
    VendorOrderState,
)
from app.domain.money import MoneyFormatError, parse_optional_money
from app.vendors.endless_aisles.dates import parse_ea_datetime

VENDOR = "endless-aisles"

# B6: the filter speaks PENDING/SCHEDULED/SHIPPED/CANCELED/FAILED, responses use Title case;
# B9 #10: "cancelled" also appears in the text.
_STATES = {
    "pending": VendorOrderState.PLACED,
    "scheduled": VendorOrderState.PLACED,
    "shipped": VendorOrderState.SHIPPED,
    "canceled": VendorOrderState.CANCELED,
    "cancelled": VendorOrderState.CANCELED,
    "failed": VendorOrderState.FAILED,
    "backordered": VendorOrderState.BACKORDERED,
}


def money(value: object) -> Decimal | None:
    try:
        return parse_optional_money(value)
    except MoneyFormatError:
        return None


def upc_text(value: object) -> str:
    """B4.7/B9 #13: UPCs are strings with leading zeros, sometimes with a leading apostrophe."""
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip().lstrip("'")


def image_url(value: object) -> str:
    """B9 #19: order-line images come without a scheme."""
    text = str(value or "").strip()
    if text and "://" not in text:
        return "https://" + text.lstrip("/")
    return text


def product_items(product: Mapping[str, Any]) -> list[CatalogItem]:
    """One catalog item per size (option/SKU) of a product (B4.5)."""
    items: list[CatalogItem] = []
    for size in product.get("sizes") or []:
        if not isinstance(size, dict) or size.get("id") is None:
            continue
        # B9 #17: product sizes say "description", order-line sizes say "name".
        label = size.get("description") or size.get("name") or ""
        orderable = size.get("purchasability", True) is not False and not size.get("discontinued")
        items.append(
            CatalogItem(
                vendor=VENDOR,
                item_id=str(size["id"]),
                upc=upc_text(size.get("upc")),
                title=str(product.get("title") or ""),
                brand=str(product.get("brand") or ""),
                variant=str(label),
                image_url=image_url(product.get("image_url") or product.get("image")),
                wholesale=money(size.get("wholesale")),
                # B9 #18: price and msrp disagree; `price` is the selling price the samples use.
                retail=money(size.get("price")),
                map_price=money(size.get("minimum_advertised_price")),
                product_id=str(product.get("id") or ""),
                orderable=orderable,
            )
        )
    return items


def option_item(option: Mapping[str, Any]) -> CatalogItem:
    """A product option (B4.7): ``sku``/``retail`` instead of the sizes' ``id``/``price``."""
    return CatalogItem(
        vendor=VENDOR,
        item_id=str(option.get("sku") or option.get("id") or ""),
        upc=upc_text(option.get("upc")),
        title=str(option.get("title") or ""),
        brand=str(option.get("brand") or ""),
        variant=str(option.get("size") or ""),
        wholesale=money(option.get("wholesale")),
        retail=money(option.get("retail", option.get("price"))),
        map_price=money(option.get("minimum_advertised_price")),
        product_id=str(option.get("product_id") or ""),
    )


def stock_levels(body: object) -> dict[str, int]:
    """B4.8/B9 #24: ``data`` is an object keyed by SKU string, or ``[]`` when nothing matched."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        return {}
    levels: dict[str, int] = {}
    for sku, qty in data.items():
        try:
            levels[str(sku)] = int(qty)
        except (TypeError, ValueError):
            continue
    return levels


def _ship_to(raw: object, email: str) -> ShipTo | None:
    if not isinstance(raw, dict):
        return None
    return ShipTo(
        first_name=str(raw.get("first_name") or ""),
        last_name=str(raw.get("last_name") or ""),
        # B9 #11: the response says line_1/line_2 where the request said address_line_1/2.
        address_line_1=str(raw.get("line_1") or raw.get("address_line_1") or ""),
        address_line_2=str(raw.get("line_2") or raw.get("address_line_2") or ""),
        city=str(raw.get("city") or ""),
        state=str(raw.get("state") or ""),
        zip=str(raw.get("zip") or ""),
        phone=str(raw.get("phone") or ""),
        email=email,
    )


def _lines(raw: object) -> tuple[VendorOrderLine, ...]:
    lines: list[VendorOrderLine] = []
    for line in raw if isinstance(raw, list) else []:
        if not isinstance(line, dict) or line.get("is_shipping"):
            continue  # B4.4: the shipping pseudo line is not an item
        # B9 #14: the line id is read as the size (option) id, as in sample order 10028.
        lines.append(
            VendorOrderLine(
                item=str(line.get("id") or ""),
                upc=upc_text(line.get("upc")),
                quantity=int(line.get("quantity") or 0),
                price=money(line.get("price")),
            )
        )
    return tuple(lines)


def _shipments(raw: object) -> tuple[Shipment, ...]:
    found: list[Shipment] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            number = str(item.get("number") or "")
            found.append(Shipment(tracking_number=number, tracking_url=str(item.get("url") or "")))
    return tuple(found)


def parse_order(raw: Mapping[str, Any], tz: tzinfo = UTC) -> VendorOrder:
    """An order from the list (B4.1), the detail (B4.2) or the PUT answer (B5)."""
    status = str(raw.get("status") or "")
    customer = raw.get("customer")
    email = str(customer.get("email") or "") if isinstance(customer, dict) else ""
    shipments = _shipments(raw.get("shipments"))
    state = _STATES.get(status.strip().lower(), VendorOrderState.PLACED)
    return VendorOrder(
        vendor=VENDOR,
        order_id=str(raw.get("id") or ""),
        state=state,
        status_label=status,
        reference=str(raw.get("custom_order_id") or ""),
        email=email,
        ship_to=_ship_to(raw.get("shipping"), email),
        lines=_lines(raw.get("line_items")),
        shipments=shipments,
        total=money(raw.get("total")),
        created_at=parse_ea_datetime(raw.get("created_at"), tz),
        updated_at=parse_ea_datetime(raw.get("last_updated"), tz),
    )


def order_body(order: DropshipOrder) -> dict[str, Any]:
    """The ``PUT /api/orders`` body (B5); ``custom_order_id`` carries the reference."""
    ship = order.ship_to
    shipping: dict[str, Any] = {
        "first_name": ship.first_name,
        "last_name": ship.last_name,
        "address_line_1": ship.address_line_1,
        "city": ship.city,
        "state": ship.state,
        "zip": ship.zip,
    }
    optional = {"address_line_2": ship.address_line_2, "phone": ship.phone}
    optional["country"] = ship.country
    shipping |= {k: v for k, v in optional.items() if v}
    body: dict[str, Any] = {
        "custom_order_id": order.reference,
        "shipping": shipping,
        # B5: id is "Numeric" (the sample sends a number); upc is "Numeric" yet sent as a string
        # with its leading zero (B9 #13), so prices go the same way: a numeric string, never float.
        "line_items": [
            {"id": int(ln.item), "upc": ln.upc, "quantity": ln.quantity, "price": str(ln.price)}
            for ln in order.lines
        ],
    }
    if ship.email:
        body["customer"] = {"email": ship.email}
    return body
