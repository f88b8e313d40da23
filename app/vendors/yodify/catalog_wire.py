"""SKUs, products, brands, carriers, shipping rates and search hits on the wire (§4.3, §4.4)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from app.domain.wholesale_catalog import Brand, Carrier, Product, SearchHit, ShippingRate, Sku
from app.vendors.yodify.wire import (
    JsonObject,
    format_time,
    number,
    opt_int,
    optional_number,
    parse_time,
    req_int,
    text,
    wire_number,
)

ZERO = Decimal(0)


def _obj(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def sku_from_wire(raw: JsonObject) -> Sku:
    product = _obj(raw.get("product"))
    brand = _obj(raw.get("brand"))
    return Sku(
        sku_id=req_int(raw.get("id")),
        sku=text(raw.get("sku_identifier")),
        product_id=opt_int(raw.get("store_product_id")) or opt_int(product.get("id")),
        product_name=text(product.get("name")) or text(raw.get("short_description")),
        list_price=optional_number(raw.get("list_price")),
        sale_price=optional_number(raw.get("sale_price")),
        on_sale=bool(raw.get("is_on_sale")),
        sale_start=parse_time(raw.get("sale_start_date")),
        sale_end=parse_time(raw.get("sale_end_date")),
        # §5.8: inventory is a double, so fractional stock is possible.
        inventory=number(raw.get("inventory"), ZERO),
        description=text(raw.get("short_description")) or text(raw.get("description")),
        brand_id=opt_int(brand.get("id")) or opt_int(product.get("brand_id")),
        brand_name=text(brand.get("name")),
        unit_of_measure=text(raw.get("unit_of_measure")),
        allow_backorders=bool(raw.get("allow_backorders")),
        always_in_stock=bool(raw.get("always_in_stock")),
        modified_at=parse_time(raw.get("modified_on")),
    )


def product_from_wire(raw: JsonObject) -> Product:
    brand = _obj(raw.get("brand"))
    return Product(
        product_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        short_name=text(raw.get("short_name")),
        description=text(raw.get("short_description")),
        brand_id=opt_int(raw.get("brand_id")) or opt_int(brand.get("id")),
        brand_name=text(brand.get("name")),
        quantity_discount_id=opt_int(raw.get("quantity_discount_id")),
        created_at=parse_time(raw.get("created_on")),
    )


def brand_from_wire(raw: JsonObject) -> Brand:
    return Brand(req_int(raw.get("id")), text(raw.get("name")), text(raw.get("alias")))


def carrier_from_wire(raw: JsonObject) -> Carrier:
    return Carrier(req_int(raw.get("id")), text(raw.get("slug")), text(raw.get("name")))


def shipping_rate_from_wire(raw: JsonObject) -> ShippingRate:
    return ShippingRate(
        rate_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        economy=optional_number(raw.get("shipping_economy")),
        economy_additional=optional_number(raw.get("shipping_economy_additional")),
        free_economy=bool(raw.get("is_free_shipping")),
        priority=optional_number(raw.get("shipping_priority")),
        priority_additional=optional_number(raw.get("shipping_priority_additional")),
        free_priority=bool(raw.get("is_free_shipping_priority")),
        economy_days=(opt_int(raw.get("economy_days_from")), opt_int(raw.get("economy_days_to"))),
        priority_days=(
            opt_int(raw.get("priority_days_from")),
            opt_int(raw.get("priority_days_to")),
        ),
        is_default=bool(raw.get("is_default")),
    )


def search_hit_from_wire(raw: JsonObject) -> SearchHit:
    return SearchHit(
        hit_id=req_int(raw.get("id")),
        kind=text(raw.get("type")),
        name=text(raw.get("name")),
        short_name=text(raw.get("short_name")),
        description=text(raw.get("short_description")),
        brand_name=text(raw.get("brand_name")),
    )


def adjust_inventory_body(delta: Decimal) -> JsonObject:
    """``SkuAdjustInventoryOptions``: positive adds stock, negative removes it (§4.3)."""
    return {"inventory_adjustment": wire_number(delta)}


def update_inventory_body(inventory: Decimal) -> JsonObject:
    """``SkuUpdateInventoryOptions`` with only the count: other fields stay as they are."""
    return {"inventory": wire_number(inventory)}


def update_price_body(
    list_price: Decimal | None,
    sale_price: Decimal | None = None,
    on_sale: bool = False,
    sale_start: datetime | None = None,
    sale_end: datetime | None = None,
) -> JsonObject:
    """``SkuUpdatePriceOptions``; the whole price state is sent, so resending is harmless."""
    return {
        "list_price": None if list_price is None else wire_number(list_price),
        "sale_price": None if sale_price is None else wire_number(sale_price),
        "is_on_sale": on_sale,
        "sale_start_date": None if sale_start is None else format_time(sale_start),
        "sale_end_date": None if sale_end is None else format_time(sale_end),
    }
