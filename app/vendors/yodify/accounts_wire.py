"""Accounts, store addresses, discount levels and discounts on the wire (§4.5-§4.11)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.trade_accounts import (
    BrandDiscount,
    DiscountLevel,
    PriceDiscount,
    QuantityDiscount,
    QuantityTier,
    StoreAddress,
    TradeAccount,
)
from app.domain.wholesale import PostalAddress
from app.vendors.yodify.orders_wire import address_from_wire
from app.vendors.yodify.wire import (
    JsonObject,
    number,
    opt_int,
    parse_time,
    req_int,
    text,
)

ZERO = Decimal(0)


def _obj(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def account_from_wire(raw: JsonObject) -> TradeAccount:
    level = _obj(raw.get("discount_level"))
    address = PostalAddress(
        street1=text(raw.get("street1")),
        street2=text(raw.get("street2")),
        city=text(raw.get("city")),
        state_code=text(raw.get("state_code")),
        postal_code=text(raw.get("postal_code")),
        country_code=text(raw.get("country_code")),
        name=text(raw.get("name")),
        phone=text(raw.get("phone_number")),
    )
    return TradeAccount(
        account_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        account_number=text(raw.get("account_number")),
        email=text(raw.get("email")),
        phone=text(raw.get("phone_number")),
        # §5.6: the enum says NET30, the description and examples say Net30; keep the text.
        payment_terms=text(raw.get("payment_terms")),
        customer_type=text(raw.get("customer_type")),
        industry=text(raw.get("industry")),
        discount_level_id=opt_int(raw.get("discount_level_id")) or opt_int(level.get("id")),
        discount_level_name=text(level.get("name")),
        address=address if address.one_line else None,
        created_at=parse_time(raw.get("created_on")),
    )


def store_address_from_wire(raw: JsonObject) -> StoreAddress:
    return StoreAddress(
        address_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        address=address_from_wire(raw) or PostalAddress(),
        is_primary=bool(raw.get("is_primary")),
        is_warehouse=bool(raw.get("is_warehouse")),
    )


def brand_discount_from_wire(raw: JsonObject) -> BrandDiscount:
    brand = _obj(raw.get("brand"))
    return BrandDiscount(
        discount_id=req_int(raw.get("id")),
        brand_id=opt_int(raw.get("brand_id")) or opt_int(brand.get("id")) or 0,
        brand_name=text(brand.get("name")),
        discount_level_id=opt_int(raw.get("discount_level_id")) or 0,
        percent=number(raw.get("percent_discount"), ZERO),
    )


def discount_level_from_wire(raw: JsonObject) -> DiscountLevel:
    brand_discounts = [
        brand_discount_from_wire(item)
        for item in raw.get("brand_discounts") or []
        if isinstance(item, dict) and item.get("id") is not None  # §2.5: [{}] placeholders
    ]
    return DiscountLevel(
        level_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        description=text(raw.get("description")),
        brand_discounts=tuple(brand_discounts),
    )


def price_discount_from_wire(raw: JsonObject, sku_id: int | None = None) -> PriceDiscount:
    return PriceDiscount(
        discount_id=req_int(raw.get("id")),
        discount_level_id=opt_int(raw.get("discount_level_id")) or 0,
        percent=number(raw.get("percent_discount"), ZERO),
        sku_id=sku_id if sku_id is not None else opt_int(raw.get("sku_id")),
    )


def _tiers(values: Any) -> tuple[QuantityTier, ...]:
    tiers = [
        QuantityTier(int(number(t.get("quantity"), ZERO)), number(t.get("percent_discount"), ZERO))
        for t in values or []
        if isinstance(t, dict) and t
    ]
    return tuple(sorted(tiers, key=lambda tier: tier.min_quantity))


def quantity_discount_from_wire(raw: JsonObject) -> QuantityDiscount:
    levels = {
        req_int(level.get("id")): _tiers(level.get("tiers"))
        for level in raw.get("discount_levels") or []
        if isinstance(level, dict) and level.get("id") is not None
    }
    return QuantityDiscount(
        discount_id=req_int(raw.get("id")),
        name=text(raw.get("name")),
        active=bool(raw.get("is_active")),
        tiers=_tiers(raw.get("tiers")),
        level_tiers=levels,
        calculation=text(raw.get("calculation")),
    )
