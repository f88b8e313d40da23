"""An order's lines, fetched one order at a time (posiflora.md §5.5 "Order lines").

The order list and ``GET /v1/orders/{id}`` answer only ``{type: "order-lines", id}`` references;
no ``include`` is documented for orders. posiflora.md infers ``include=lines`` [inf], and
third-party code uses nested includes elsewhere (§3 "include" [T]), so the client asks
``include=lines,lines.item,lines.bouquet`` and reports ``lines=None`` when the server ignores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.flower_orders import FlowerOrder
from app.vendors.posiflora.jsonapi import Document, Resource
from app.vendors.posiflora.wire import money, text

LINE_INCLUDES = "lines,lines.item,lines.bouquet"


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One line: a stock item or a bouquet; money and quantity are 2-place decimals (§5.5)."""

    id: str
    title: str  # the item's or bouquet's name when Posiflora included it, else ""
    quantity: Decimal
    price: Decimal  # per unit after the line's discount (``discountPrice``, else ``price``)
    total: Decimal  # ``totalAmountWithDiscount``, else ``totalAmount``
    item_id: str | None = None
    bouquet_id: str | None = None


@dataclass(frozen=True, slots=True)
class OrderWithLines:
    order: FlowerOrder
    lines: tuple[OrderLine, ...] | None  # None: the order names lines Posiflora did not include


def _amount(attrs: Mapping[str, Any], *keys: str) -> Decimal:
    for key in keys:
        if attrs.get(key) not in (None, ""):
            return money(attrs[key])
    return Decimal(0)


def order_line(resource: Resource, document: Document) -> OrderLine:
    a = resource.attributes
    named = document.related(resource, "item") or document.related(resource, "bouquet")
    return OrderLine(
        id=resource.id,
        title=text(named.attributes, "title") if named is not None else "",
        quantity=_amount(a, "qty"),
        price=_amount(a, "discountPrice", "price"),
        total=_amount(a, "totalAmountWithDiscount", "totalAmount", "amount"),
        item_id=resource.related_id("item"),
        bouquet_id=resource.related_id("bouquet"),
    )


def lines_of(resource: Resource, document: Document) -> tuple[OrderLine, ...] | None:
    """The included lines in the order's own order; None if any referenced line is missing."""
    refs = resource.relationships.get("lines")
    if refs is None:
        return ()
    found = document.related_many(resource, "lines")
    if isinstance(refs, tuple) and len(found) < len([r for r in refs if isinstance(r, tuple)]):
        return None
    return tuple(order_line(line, document) for line in found)
