"""The carts: one per dropship vendor, because each vendor ships and bills its own order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from secrets import token_hex

from app.domain.dropship import CatalogItem, DropshipOrder, OrderLine, ShipTo
from app.domain.money import ZERO


@dataclass(frozen=True)
class CartLine:
    """An item in a cart at the price the customer is charged (retail unless changed)."""

    item: CatalogItem
    quantity: int
    price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.price * self.quantity

    @property
    def cost(self) -> Decimal | None:
        return None if self.item.wholesale is None else self.item.wholesale * self.quantity

    @property
    def under_map(self) -> bool:
        return self.item.map_price is not None and self.price < self.item.map_price


@dataclass(frozen=True)
class Totals:
    """What the summary shows: items, what the customer pays, what the store pays, the margin."""

    items: int
    charged: Decimal
    cost: Decimal
    margin: Decimal
    cost_known: bool

    @property
    def margin_percent(self) -> Decimal | None:
        if not self.charged:
            return None
        return (self.margin / self.charged * 100).quantize(Decimal("0.1"))


def totals(lines: list[CartLine]) -> Totals:
    charged = sum((line.amount for line in lines), ZERO)
    costs = [line.cost for line in lines]
    cost = sum((c for c in costs if c is not None), ZERO)
    count = sum(line.quantity for line in lines)
    return Totals(count, charged, cost, charged - cost, all(c is not None for c in costs))


class Carts:
    """Lines per vendor, in the order they were added."""

    def __init__(self) -> None:
        self.lines: dict[str, list[CartLine]] = {}

    def of(self, vendor: str) -> list[CartLine]:
        return list(self.lines.get(vendor, []))

    def count(self, vendor: str) -> int:
        return sum(line.quantity for line in self.lines.get(vendor, []))

    def add(self, item: CatalogItem, quantity: int = 1) -> None:
        """Add an item at its retail price; adding it again raises the quantity."""
        lines = self.lines.setdefault(item.vendor, [])
        for index, line in enumerate(lines):
            if line.item.item_id == item.item_id:
                lines[index] = replace(line, quantity=line.quantity + quantity)
                return
        price = item.retail if item.retail is not None else (item.map_price or ZERO)
        lines.append(CartLine(item, quantity, price))

    def update(
        self, vendor: str, row: int, *, quantity: int | None = None, price: Decimal | None = None
    ) -> None:
        line = self.lines[vendor][row]
        self.lines[vendor][row] = replace(
            line,
            quantity=line.quantity if quantity is None else quantity,
            price=line.price if price is None else price,
        )

    def remove(self, vendor: str, row: int) -> None:
        del self.lines[vendor][row]

    def clear(self, vendor: str) -> None:
        self.lines.pop(vendor, None)

    def empty(self) -> bool:
        return not any(self.lines.values())


def new_reference(now: datetime | None = None) -> str:
    """A reference no other order has: the idempotency key the vendor sees (at most 32 chars)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"CP-{moment:%y%m%d-%H%M%S}-{token_hex(2).upper()}"


def build_order(
    reference: str, vendor: str, ship_to: ShipTo, lines: list[CartLine]
) -> DropshipOrder:
    order_lines = tuple(
        OrderLine(line.item.item_id, line.item.upc, line.quantity, line.price) for line in lines
    )
    return DropshipOrder(reference, vendor, ship_to, order_lines)
