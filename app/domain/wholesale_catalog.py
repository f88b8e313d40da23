"""The wholesale catalog: SKUs with stock and prices, products, brands, carriers, shipping rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Brand:
    brand_id: int
    name: str
    alias: str = ""


@dataclass(frozen=True, slots=True)
class Product:
    product_id: int
    name: str
    short_name: str = ""
    description: str = ""
    brand_id: int | None = None
    brand_name: str = ""
    quantity_discount_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Sku:
    """A stock-keeping unit: what the shop sells by the stem, bunch or box, and how many it has.

    Inventory is a Decimal because Yodify keeps it as a number that may be fractional
    (yodify.md §5.8), e.g. 12.5 boxes.
    """

    sku_id: int
    sku: str
    product_id: int | None
    product_name: str
    list_price: Decimal | None
    sale_price: Decimal | None
    on_sale: bool
    sale_start: datetime | None
    sale_end: datetime | None
    inventory: Decimal
    description: str = ""
    brand_id: int | None = None
    brand_name: str = ""
    unit_of_measure: str = ""
    allow_backorders: bool = False
    always_in_stock: bool = False
    modified_at: datetime | None = None

    def sale_applies(self, now: datetime) -> bool:
        """yodify.md §4.3: the sale price shows only if it is below the list price and today
        falls inside the (optional) sale window."""
        if not self.on_sale or self.sale_price is None:
            return False
        if self.list_price is not None and self.sale_price >= self.list_price:
            return False
        if self.sale_start is not None and self.sale_start > now:
            return False
        return not (self.sale_end is not None and self.sale_end <= now)

    def price_at(self, now: datetime) -> Decimal | None:
        """The price a trade customer sees before discounts."""
        return self.sale_price if self.sale_applies(now) else self.list_price

    @property
    def in_stock(self) -> bool:
        return self.always_in_stock or self.inventory > 0


@dataclass(frozen=True, slots=True)
class Carrier:
    carrier_id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class ShippingRate:
    """The shop's own shipping price table (not a carrier quote), yodify.md §4.13."""

    rate_id: int
    name: str
    economy: Decimal | None
    economy_additional: Decimal | None
    free_economy: bool
    priority: Decimal | None
    priority_additional: Decimal | None
    free_priority: bool
    economy_days: tuple[int | None, int | None] = (None, None)
    priority_days: tuple[int | None, int | None] = (None, None)
    is_default: bool = False

    def economy_cost(self, items: int) -> Decimal | None:
        """First item at the base price, each further one at the additional price."""
        if self.free_economy:
            return Decimal(0)
        if self.economy is None or items <= 0:
            return None
        extra = self.economy_additional or Decimal(0)
        return self.economy + extra * (items - 1)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One answer of the vendor's global search."""

    hit_id: int
    kind: str
    name: str
    short_name: str = ""
    description: str = ""
    brand_name: str = ""
