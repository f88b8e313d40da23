"""Trade accounts and their price tiers (discount levels with brand, SKU and quantity discounts).

Yodify has no loyalty points: a trade customer's "bonus" is the discount level of the account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.domain.wholesale import PostalAddress

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class TradeAccount:
    """A shop's B2B customer account (``Account`` at the vendor)."""

    account_id: int
    name: str
    account_number: str = ""
    email: str = ""
    phone: str = ""
    payment_terms: str = ""
    customer_type: str = ""
    industry: str = ""
    discount_level_id: int | None = None
    discount_level_name: str = ""
    address: PostalAddress | None = None
    created_at: datetime | None = None

    def matches(self, text: str) -> bool:
        """Looked up by name, account number or email, ignoring case."""
        needle = text.strip().lower()
        if not needle:
            return False
        hay = (self.name, self.account_number, self.email)
        return any(needle in value.lower() for value in hay if value)


@dataclass(frozen=True, slots=True)
class StoreAddress:
    """One of the shop's own addresses: office, warehouse or pickup point."""

    address_id: int
    name: str
    address: PostalAddress
    is_primary: bool = False
    is_warehouse: bool = False


@dataclass(frozen=True, slots=True)
class BrandDiscount:
    discount_id: int
    brand_id: int
    brand_name: str
    discount_level_id: int
    percent: Decimal

    def applied_to(self, price: Decimal) -> Decimal:
        return price * (HUNDRED - self.percent) / HUNDRED


@dataclass(frozen=True, slots=True)
class PriceDiscount:
    """A per-SKU percentage for one discount level ("SKU discount")."""

    discount_id: int
    discount_level_id: int
    percent: Decimal
    sku_id: int | None = None


@dataclass(frozen=True, slots=True)
class QuantityTier:
    min_quantity: int
    percent: Decimal


@dataclass(frozen=True, slots=True)
class QuantityDiscount:
    discount_id: int
    name: str
    active: bool
    tiers: tuple[QuantityTier, ...]
    level_tiers: dict[int, tuple[QuantityTier, ...]]
    calculation: str = ""

    def percent_for(self, quantity: int, discount_level_id: int | None = None) -> Decimal:
        """The best tier reached by ``quantity`` (a level's own tiers win over the general)."""
        tiers = self.tiers
        if discount_level_id is not None and discount_level_id in self.level_tiers:
            tiers = self.level_tiers[discount_level_id]
        if not self.active:
            return Decimal(0)
        reached = [tier.percent for tier in tiers if quantity >= tier.min_quantity]
        return max(reached, default=Decimal(0))


@dataclass(frozen=True, slots=True)
class DiscountLevel:
    """A price tier for trade customers; brand discounts give it effect (yodify.md §4.8)."""

    level_id: int
    name: str
    description: str = ""
    brand_discounts: tuple[BrandDiscount, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountDiscounts:
    """What a trade account gets: its level and every discount attached to that level."""

    account: TradeAccount
    level: DiscountLevel | None
    brand_discounts: tuple[BrandDiscount, ...]
    price_discounts: tuple[PriceDiscount, ...]
    quantity_discounts: tuple[QuantityDiscount, ...]

    @property
    def summary(self) -> str:
        if self.level is None:
            return f"{self.account.name} has no discount level."
        count = len(self.brand_discounts) + len(self.price_discounts)
        return f"{self.account.name}: {self.level.name}, {count} discount(s)."


def discounts_for(
    account: TradeAccount,
    levels: list[DiscountLevel],
    brand_discounts: list[BrandDiscount],
    price_discounts: list[PriceDiscount],
    quantity_discounts: list[QuantityDiscount],
) -> AccountDiscounts:
    """Gather the discounts that apply to ``account`` through its discount level."""
    level_id = account.discount_level_id
    level = next((lv for lv in levels if lv.level_id == level_id), None)
    brands = {d.discount_id: d for d in brand_discounts if d.discount_level_id == level_id}
    if level is not None:
        brands.update({d.discount_id: d for d in level.brand_discounts})
    prices = tuple(d for d in price_discounts if d.discount_level_id == level_id)
    quantities = tuple(
        q
        for q in quantity_discounts
        if q.active and (not q.level_tiers or level_id in q.level_tiers)
    )
    return AccountDiscounts(account, level, tuple(brands.values()), prices, quantities)
