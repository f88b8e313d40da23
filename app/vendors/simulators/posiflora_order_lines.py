"""Posiflora simulator: the lines of an order (stock items, then one bouquet), made from the seed.

posiflora.md §5.5 "Order lines": an order carries ``lines`` as ``{type: "order-lines", id}``
references; the attributes (money and quantity as 2-place decimal strings) come only when asked
for with ``include`` (undocumented for orders, inferred ``include=lines``). ``include_lines =
False`` makes the simulator ignore the include, as a server without it would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_data import SimOrder
from app.vendors.simulators.posiflora_inventory_data import (
    SimBouquet,
    SimItem,
    bouquet_resource,
    item_resource,
)
from app.vendors.simulators.posiflora_query import bad
from app.vendors.simulators.posiflora_state import PosifloraState
from app.vendors.simulators.posiflora_views import (
    api_response,
    error_document,
    order_resource,
    read_body,
    ref,
)

ORDER_INCLUDES = ("lines", "lines.item", "lines.bouquet")
CENT = Decimal("0.01")


@dataclass(slots=True)
class SimOrderLine:
    id: str
    qty: Decimal
    price: Decimal
    total: Decimal
    item_id: str | None = None
    bouquet_id: str | None = None


def make_lines(
    seed: int, order: SimOrder, items: list[SimItem], bouquets: list[SimBouquet]
) -> list[SimOrderLine]:
    """A few stems and wrapping, then a bouquet for the rest: the lines add up to the total."""
    rng = random.Random(f"{seed}:{order.id}:lines")
    lines: list[SimOrderLine] = []
    remaining = order.total_amount
    for index in range(rng.randrange(0, 3)):
        qty, price = Decimal(rng.randrange(1, 6)), Decimal(rng.randrange(3, 16) * 10)
        if not items or qty * price * 2 > remaining:
            break
        item = items[rng.randrange(len(items))]
        lines.append(SimOrderLine(f"{order.id[:8]}-l{index + 1}", qty, price, qty * price, item.id))
        remaining -= qty * price
    if remaining > 0:
        bouquet = bouquets[rng.randrange(len(bouquets))].id if bouquets else None
        ident = f"{order.id[:8]}-l{len(lines) + 1}"
        lines.append(SimOrderLine(ident, Decimal(1), remaining, remaining, None, bouquet))
    return lines


def two_places(amount: Decimal) -> str:
    return str(amount.quantize(CENT))


def line_resource(line: SimOrderLine) -> dict[str, Any]:
    """Shaped like the line in the order create example (posiflora.md §5.5)."""
    return {
        "type": "order-lines",
        "id": line.id,
        "attributes": {
            "amount": two_places(line.total),
            "discountPrice": two_places(line.price),
            "manualSetting": False,
            "price": two_places(line.price),
            "qty": two_places(line.qty),
            "totalAmount": two_places(line.total),
            "totalAmountWithDiscount": two_places(line.total),
        },
        "relationships": {
            "bouquet": ref("bouquets", line.bouquet_id),
            "item": ref("inventory-items", line.item_id),
        },
    }


def order_includes(req: SimRequest) -> list[str]:
    values = [v for v in req.query.get("include", "").split(",") if v]
    if any(v not in ORDER_INCLUDES for v in values):
        raise bad("include", "a comma-separated list of " + ", ".join(ORDER_INCLUDES))
    return values


def included(
    lines: list[SimOrderLine],
    includes: list[str],
    items: dict[str, SimItem],
    bouquets: dict[str, SimBouquet],
) -> list[dict[str, Any]]:
    """The ``included`` array for an order GET: its lines, and what they sell when asked."""
    found: list[dict[str, Any]] = [line_resource(line) for line in lines]
    for line in lines:
        item = items.get(line.item_id or "")
        bouquet = bouquets.get(line.bouquet_id or "")
        if item is not None and "lines.item" in includes:
            found.append(item_resource(item, None))
        if bouquet is not None and "lines.bouquet" in includes:
            found.append(bouquet_resource(bouquet))
    return found


class OrderDetailRoutes(PosifloraState):
    """``GET /v1/orders/{id}`` (with lines when included) and ``PATCH /v1/orders/{id}/return``.

    Needs ``items`` and ``bouquets`` (the inventory part) for the lines it makes.
    """

    items: dict[str, SimItem]
    bouquets: dict[str, SimBouquet]
    order_lines: dict[str, list[SimOrderLine]]  # made on first use, by order id
    include_lines: bool = True  # False: the include is ignored, as the documented API does

    def line_ids(self, order: SimOrder) -> list[str]:
        return [line.id for line in self.lines_for(order)]

    def lines_for(self, order: SimOrder) -> list[SimOrderLine]:
        if order.id not in self.order_lines:
            items, bouquets = list(self.items.values()), list(self.bouquets.values())
            self.order_lines[order.id] = make_lines(self.seed, order, items, bouquets)
        return self.order_lines[order.id]

    @route("GET", "/v1/orders/{id}")
    def get_order(self, req: SimRequest) -> Any:
        """posiflora.md §4 row 61: an unknown order answers 400, not 404."""
        order = self.orders.get(req.params["id"])
        if order is None:
            raise error_document(
                400, "Order not found", f"Order {req.params['id']} does not exist."
            )
        includes = order_includes(req)
        body: dict[str, Any] = {"data": order_resource(order, self.line_ids(order))}
        if includes and self.include_lines:
            body["included"] = included(self.lines_for(order), includes, self.items, self.bouquets)
        return api_response(body)

    @route("PATCH", "/v1/orders/{id}/return")
    def return_order(self, req: SimRequest) -> Any:
        """§5.5 "Return": only a done order can be returned; it answers ``status: returned``."""
        order = self.orders.get(req.params["id"])
        if order is None:
            raise error_document(
                400, "Order not found", f"Order {req.params['id']} does not exist."
            )
        read_body(req, "orders")
        if order.status != "done":
            raise error_document(
                400, "Cannot return", f"Only a done order can be returned (it is {order.status})."
            )
        self.mark_returned(order)
        return api_response({"data": order_resource(order, self.line_ids(order))})

    def mark_returned(self, order: SimOrder, at: datetime | None = None) -> None:
        order.status = "returned"
        order.updated_at, order.revision = at or self.now(), self.next_revision()
