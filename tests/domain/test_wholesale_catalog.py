"""SKU prices as trade customers see them, and discounts that apply to a trade account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.domain.trade_accounts import (
    BrandDiscount,
    DiscountLevel,
    PriceDiscount,
    QuantityDiscount,
    QuantityTier,
    TradeAccount,
    discounts_for,
)
from app.domain.wholesale_catalog import ShippingRate, Sku

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def sku(**changes: object) -> Sku:
    base: dict[str, object] = {
        "sku_id": 1, "sku": "ROS-1", "product_id": 2, "product_name": "Rose Red 50cm",
        "list_price": Decimal("20.00"), "sale_price": Decimal("15.00"), "on_sale": True,
        "sale_start": NOW - timedelta(days=1), "sale_end": NOW + timedelta(days=1),
        "inventory": Decimal("12.5"),
    }  # fmt: skip
    base.update(changes)
    return Sku(**base)  # type: ignore[arg-type]


def test_sale_price_applies_inside_the_window() -> None:
    assert sku().price_at(NOW) == Decimal("15.00")


def test_sale_price_ignored_before_start_after_end_or_when_not_cheaper() -> None:
    assert sku(sale_start=NOW + timedelta(hours=1)).price_at(NOW) == Decimal("20.00")
    assert sku(sale_end=NOW - timedelta(hours=1)).price_at(NOW) == Decimal("20.00")
    assert sku(sale_price=Decimal("25.00")).price_at(NOW) == Decimal("20.00")
    assert sku(on_sale=False).price_at(NOW) == Decimal("20.00")


def test_fractional_stock_counts_as_in_stock() -> None:
    assert sku(inventory=Decimal("0.5")).in_stock
    assert not sku(inventory=Decimal(0)).in_stock


def test_shipping_rate_charges_first_item_then_additional() -> None:
    rate = ShippingRate(4, "Cold", Decimal("24.00"), Decimal("6.00"), False, None, None, False)
    assert rate.economy_cost(3) == Decimal("36.00")


def test_account_discounts_come_from_its_level_only() -> None:
    account = TradeAccount(12, "Bloom & Bough", discount_level_id=14)
    mine = BrandDiscount(1, 92590, "Andes", 14, Decimal(5))
    other = BrandDiscount(2, 92591, "Green", 15, Decimal(10))
    level = DiscountLevel(14, "Retail Florist")
    tiers = (QuantityTier(10, Decimal(5)), QuantityTier(25, Decimal(10)))
    case = QuantityDiscount(8, "Case Pricing", True, tiers, {})
    found = discounts_for(
        account, [level], [mine, other], [PriceDiscount(5, 14, Decimal(20), 99089)], [case]
    )
    assert found.level == level
    assert found.brand_discounts == (mine,)
    assert [d.sku_id for d in found.price_discounts] == [99089]
    assert found.summary == "Bloom & Bough: Retail Florist, 2 discount(s)."
    assert case.percent_for(30) == Decimal(10)
    assert case.percent_for(9) == Decimal(0)
    assert mine.applied_to(Decimal("100")) == Decimal("95")


def test_account_lookup_by_name_number_or_email() -> None:
    account = TradeAccount(12, "Bloom & Bough", account_number="TA-1001", email="o@bloom.example")
    assert account.matches("bloom")
    assert account.matches("ta-1001")
    assert not account.matches("petal")
    assert not account.matches("  ")
