"""Orders and shipments on Yodify's wire (yodify.md §4.1, §4.2) and their domain records."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from app.domain.wholesale import (
    OrderTotals,
    PostalAddress,
    Shipment,
    TradeCustomer,
    TradeOrder,
    TradeOrderLine,
    TradeOrderStatus,
)
from app.vendors.yodify.wire import (
    JsonObject,
    format_time,
    number,
    opt_int,
    optional_number,
    parse_time,
    req_int,
    require_time,
    text,
)

ZERO = Decimal(0)
SHIPMENT_TYPES = ("Tracked", "Custom", "Pickup")


def order_from_wire(raw: JsonObject) -> TradeOrder:
    """An ``Order`` object; unknown fields ignored, an undocumented status kept as text."""
    status_raw = text(raw.get("order_status"))
    totals = _totals(raw, "", text(raw.get("currency_code")))
    seller = _totals(raw, "seller_", text(raw.get("seller_currency_code")) or totals.currency)
    info = raw.get("additional_information") or {}
    return TradeOrder(
        order_id=req_int(raw.get("id")),
        number=text(raw.get("order_number")) or str(raw.get("id")),
        account=customer_from_wire(raw.get("customer") or {}, raw.get("customer_id")),
        status=TradeOrderStatus.from_wire(status_raw),
        status_raw=status_raw,
        created_at=require_time(raw.get("ordered_date")),
        lines=tuple(_line(item) for item in _dicts(raw.get("items"))),
        totals=totals,
        seller_totals=seller if _differs(totals, seller) else None,
        exchange_rate=optional_number(raw.get("exchange_rate")),
        shipments=tuple(shipment_from_wire(s) for s in _dicts(raw.get("shipments")) if s),
        payment_method=text(raw.get("payment_method")),
        shipping_method=text(raw.get("shipping_method")),
        purchase_order_number=text(info.get("purchase_order_number"))
        if isinstance(info, dict)
        else "",
        ship_to=address_from_wire(raw.get("shipping_address")),
        comments=text(info.get("comments")) if isinstance(info, dict) else "",
    )


def _obj(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[JsonObject]:
    # yodify.md §2.5: unexpanded children arrive as ``[{}]`` placeholders; skip empty ones.
    return [item for item in value or [] if isinstance(item, dict) and item]


def _totals(raw: JsonObject, prefix: str, currency: str) -> OrderTotals:
    def amount(name: str) -> Decimal:
        return number(raw.get(prefix + name), ZERO)

    return OrderTotals(
        currency=currency,
        subtotal=amount("subtotal"),
        freight=amount("freight"),
        tax=amount("tax"),
        discount=amount("discount"),
        transaction_fee=amount("transaction_fee"),
        total=amount("total"),
    )


def _differs(customer: OrderTotals, seller: OrderTotals) -> bool:
    """Show the shop's currency only when it tells staff something new (§5.8)."""
    return customer.currency != seller.currency or customer.total != seller.total


def _line(raw: JsonObject) -> TradeOrderLine:
    sku = _obj(raw.get("sku"))
    product = _obj(raw.get("product"))
    description = (
        text(product.get("name"))
        or text(sku.get("short_description"))
        or text(sku.get("sku_identifier"))
        or text(raw.get("model_number"))
    )
    return TradeOrderLine(
        line_id=req_int(raw.get("id")),
        sku_id=opt_int(raw.get("sku_id")),
        product_id=opt_int(raw.get("product_id")),
        description=description,
        model_number=text(raw.get("model_number")),
        quantity=int(number(raw.get("quantity"), ZERO)),
        unit_price=number(raw.get("price_per_unit"), ZERO),
        seller_unit_price=number(raw.get("seller_price_per_unit"), ZERO),
        unit_of_measure=text(raw.get("unit_of_measure")),
    )


def customer_from_wire(raw: Any, customer_id: Any = None) -> TradeCustomer:
    raw = raw if isinstance(raw, dict) else {}
    name = " ".join(p for p in (text(raw.get("first_name")), text(raw.get("last_name"))) if p)
    return TradeCustomer(
        customer_id=text(raw.get("id") or customer_id),
        name=name,
        company=text(raw.get("company_name")),
        email=text(raw.get("email_address")),
        phone=text(raw.get("phone_number")),
        account_id=opt_int(raw.get("account_id")),
        account_name=text(raw.get("account_name")),
        account_number=text(raw.get("account_number")),
        discount_level_id=opt_int(raw.get("discount_level_id")),
        discount_level_name=text(raw.get("discount_level_name")),
    )


def address_from_wire(raw: Any) -> PostalAddress | None:
    if not isinstance(raw, dict) or not raw:
        return None
    person = " ".join(p for p in (text(raw.get("first_name")), text(raw.get("last_name"))) if p)
    return PostalAddress(
        street1=text(raw.get("street1")),
        street2=text(raw.get("street2")),
        city=text(raw.get("city")),
        state_code=text(raw.get("state_code")),
        postal_code=text(raw.get("postal_code")),
        country_code=text(raw.get("country_code")),
        name=person or text(raw.get("name")),
        company=text(raw.get("company_name")),
        phone=text(raw.get("phone_number")),
    )


def shipment_from_wire(raw: JsonObject) -> Shipment:
    return Shipment(
        shipment_id=req_int(raw.get("id")),
        order_id=opt_int(raw.get("order_id")) or 0,
        carrier=text(raw.get("carrier")),
        tracking_number=text(raw.get("tracking_number")),
        status=text(raw.get("status")) or "Unknown",
        shipment_type=text(raw.get("shipment_type")),
        tracking_url=text(raw.get("tracking_url")),
        shipped_at=parse_time(raw.get("shipped_date")),
        created_at=parse_time(raw.get("created_on")),
    )


def confirm_body(confirm_stock: bool = True) -> JsonObject:
    """``OrderConfirmOptions``: confirming stock also captures card payments (§5.2)."""
    return {"expand": [], "confirm_stock": confirm_stock}


def cancel_body(message: str) -> JsonObject:
    """``OrderCancelOptions``: the message goes to the customer (§5.2)."""
    return {"expand": [], "message": message}


def shipment_body(
    order_id: int,
    *,
    carrier: str,
    tracking_number: str,
    shipment_type: str = "Tracked",
    shipped_at: datetime | None = None,
    tracking_url: str = "",
    send_email: bool = True,
    client_identifier: str = "",
) -> JsonObject:
    """``ShipmentRequest``; no items means "all remaining items" (§4.2)."""
    if shipment_type not in SHIPMENT_TYPES:
        raise ValueError(f"shipment type must be one of {', '.join(SHIPMENT_TYPES)}")
    body: JsonObject = {
        "order_id": order_id,
        "carrier": carrier,
        "tracking_number": tracking_number,
        "tracking_url": tracking_url,
        "shipment_type": shipment_type,
        "send_email": send_email,
        "items": [],
    }
    if shipped_at is not None:
        body["shipped_date"] = format_time(shipped_at)
    if client_identifier:
        body["client_identifier"] = client_identifier
    return body
