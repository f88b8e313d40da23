"""The lines of one Posiflora order, for the board's drill-down: cache first, fetched on demand.

Posiflora's order list carries no lines (posiflora.md §5.5), and asking for them for every order
on every refresh would cost one request per order. So lines are fetched only when a person opens
one order in the drill-down, with ``GET /v1/orders/{id}?include=lines…`` (undocumented, see
:mod:`app.vendors.posiflora.order_lines`), and kept in the cache (resource ``order-lines``) with
the order's ``revision``: while the synced order still has that revision the cached lines are
shown without a request. Records of orders that left the synced set are pruned on each store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from app.domain.orders import LineItem, Order
from app.services.cache import Cache
from app.services.live_orders_posiflora import ORDERS, VENDOR, flower_order, key
from app.vendors.errors import VendorError
from app.vendors.posiflora.order_lines import OrderLine
from app.vendors.posiflora.orders import PosifloraOrders

ORDER_LINES = "order-lines"
BOUQUETS = "bouquets"  # cached by the pricing sync: names for lines Posiflora sent unnamed
INVENTORY_PRICES = "inventory-prices"
NOT_SENT = "Posiflora did not send this order's lines (its API does not document them)."
GONE = "Posiflora no longer lists this order, so its lines cannot be fetched."


@dataclass(frozen=True)
class LinesAnswer:
    """The order with its lines as items when known; ``note`` tells the person why not."""

    order: Order
    note: str | None = None


def line_record(line: OrderLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "title": line.title,
        "qty": str(line.quantity),
        "price": str(line.price),
        "total": str(line.total),
        "item_id": line.item_id,
        "bouquet_id": line.bouquet_id,
    }


def line_item(order_id: str, record: dict[str, Any], names: dict[str, str]) -> LineItem:
    """A cached line as the drill-down's item; a fractional quantity (ribbon by the metre) is
    kept in the title, with the line's total as one unit, since items count whole units."""
    ident = record.get("item_id") or record.get("bouquet_id") or ""
    kind = "Bouquet" if record.get("bouquet_id") else "Stock item"
    title = record.get("title") or names.get(ident) or kind
    qty, price = Decimal(record["qty"]), Decimal(record["price"])
    if qty == qty.to_integral_value():
        return LineItem(order_id, title=title, unit_price=price, original_quantity=int(qty))
    return LineItem(
        order_id,
        title=f"{title} ({qty.normalize()})",
        unit_price=Decimal(record["total"]),
        original_quantity=1,
    )


@dataclass
class PosifloraOrderLinesSource:
    cache: Cache
    client: PosifloraOrders

    async def with_lines(self, order: Order) -> LinesAnswer:
        """``order`` (a board order, id = document number) with its lines as items."""
        orders = (await self.cache.read(VENDOR, ORDERS)).records
        flower = next((f for f in map(flower_order, orders.values()) if key(f) == order.id), None)
        if flower is None:
            return LinesAnswer(order, GONE)
        cached = await self.cache.get(VENDOR, ORDER_LINES, flower.id)
        unchanged = flower.revision is not None and cached is not None
        if unchanged and cached is not None and cached.get("revision") == flower.revision:
            return LinesAnswer(await self._with_items(order, cached["lines"]))
        try:
            fetched = await self.client.order_with_lines(flower.id)
        except VendorError as error:
            if cached is None:
                raise
            note = f"Lines as last fetched: {error.message}"
            return LinesAnswer(await self._with_items(order, cached["lines"]), note)
        if fetched.lines is None:
            return LinesAnswer(order, NOT_SENT)
        lines = [line_record(line) for line in fetched.lines]
        record = {"revision": fetched.order.revision, "lines": lines}
        await self.cache.upsert(VENDOR, ORDER_LINES, {flower.id: record})
        await self._prune(set(orders))
        return LinesAnswer(await self._with_items(order, lines))

    async def _with_items(self, order: Order, lines: list[dict[str, Any]]) -> Order:
        names = await self._names() if any(not line.get("title") for line in lines) else {}
        return replace(order, items=tuple(line_item(order.id, line, names) for line in lines))

    async def _names(self) -> dict[str, str]:
        """Item and bouquet names the pricing syncs cached, by id."""
        names: dict[str, str] = {}
        for record in (await self.cache.read(VENDOR, INVENTORY_PRICES)).records.values():
            names.setdefault(str(record.get("item_id")), str(record.get("title") or ""))
        for ident, record in (await self.cache.read(VENDOR, BOUQUETS)).records.items():
            names[ident] = str((record.get("attributes") or {}).get("title") or "")
        return {k: v for k, v in names.items() if v}

    async def _prune(self, synced: set[str]) -> None:
        kept = (await self.cache.read(VENDOR, ORDER_LINES)).records
        gone = [ident for ident in kept if ident not in synced]
        if gone:
            await self.cache.delete(VENDOR, ORDER_LINES, gone)
