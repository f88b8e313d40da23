"""Posiflora on the live orders board: a row per flower shop, a column per Posiflora status.

Cache-first: the orders the plug syncs into the cache (resource ``orders``) are the board's
source; when that copy is older than ``max_age`` the source asks for a fresh pull first, so the
board never lags the shop by more than a refresh or two. Stores are read once and kept.

Lateness is by delivery time (:func:`posiflora_status_groups`): a florist works toward the
delivery (or pickup) time, so an order still **new** one hour before it (the bouquet should be
in work by then), or still **assembled** half an hour before it or any time after (it should be
with the courier), is late. Internally the clock starts ``DELIVERY_WINDOW`` (2 h) before that
time, which is why the alert does not say "new for 60 min" but names the time itself ("still
new; delivery at 14:00, in 59 min", :func:`due_of`). An order without a delivery or pickup time
is timed from when it was taken. Orders with the courier and the closed statuses are not timed;
closed ones (done, canceled, returned) stay on the board for ``CLOSED_WINDOW`` after their last
change. The order lines are fetched per order, on demand (``live_orders_posiflora_lines``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.customers import Customer
from app.domain.flower_orders import STATUS_LABELS, FlowerOrder, FlowerOrderStatus
from app.domain.orders import Delivery, Order, OrderStatus, OrderTimes
from app.domain.orders import OrderTotals as BoardTotals
from app.domain.orders_board import OrderPosition, StatusGroup, StoreRef
from app.services.cache import Cache
from app.services.customers import CUSTOMERS, to_customer
from app.services.live_orders import BoardSnapshot, LiveOrdersService
from app.services.live_orders_alerts import Deadline, LateAlerter
from app.services.live_orders_sources import LiveFetch
from app.services.sync import SyncScheduler
from app.vendors.errors import VendorUnavailable
from app.vendors.posiflora import wire_orders
from app.vendors.posiflora.jsonapi import parse_resource
from app.vendors.posiflora.orders import PosifloraOrders

if TYPE_CHECKING:
    from app.services.live_orders_posiflora_lines import LinesAnswer, PosifloraOrderLinesSource

VENDOR = "posiflora"
ORDERS = "orders"
DELIVERY_WINDOW = timedelta(hours=2)
CLOSED_WINDOW = timedelta(hours=24)  # done, canceled and returned orders stay this long
S = FlowerOrderStatus

# The board-neutral status of each Posiflora status (what the drill-down and alerts read).
BOARD_STATUS = {
    S.NOT_ACCEPTED: OrderStatus.PENDING,
    S.NEW: OrderStatus.PENDING,
    S.ASSEMBLED: OrderStatus.PREPARING,
    S.COURIER: OrderStatus.READY,
    S.DONE: OrderStatus.COMPLETED,
    S.CANCELED: OrderStatus.CANCELED,
    S.RETURNED: OrderStatus.CANCELED,
}
TIMED = {S.NEW: timedelta(hours=1), S.ASSEMBLED: timedelta(minutes=90)}
# Timed from two hours before delivery, so a florist reads the cells by the time left.
CELL_LABELS = {
    S.NEW: ("New", "< 1h left"),
    S.ASSEMBLED: ("Assembled", "< 30m left"),
}
BOARD_ORDER = (S.NOT_ACCEPTED, S.NEW, S.ASSEMBLED, S.COURIER, S.DONE, S.CANCELED, S.RETURNED)


def posiflora_status_groups() -> list[StatusGroup]:
    """One column per Posiflora status, in the order a bouquet goes through them.

    ``new`` is late after 1 h and ``assembled`` after 90 min of the 2 h delivery window, i.e.
    1 h and 30 min before the delivery time.
    """
    return [
        StatusGroup(
            s.value, STATUS_LABELS[s], i, TIMED.get(s), frozenset({s.value}), CELL_LABELS.get(s)
        )
        for i, s in enumerate(BOARD_ORDER)
    ]


Pull = Callable[[], Awaitable[object]]


def scheduler_pull(scheduler: SyncScheduler, source_name: str) -> Pull:
    """A pull through the scheduler's (coalesced) sync run, raising when that run failed."""

    async def pull() -> None:
        result = await scheduler.refresh_now(source_name)
        if not result.ok:
            raise VendorUnavailable(VENDOR, result.error or "Posiflora did not answer.")

    return pull


@dataclass
class PosifloraLiveSource:
    """A :class:`LiveOrderSource` over the cached Posiflora orders (pulled when stale)."""

    cache: Cache
    client: PosifloraOrders
    pull: Pull  # refreshes the cached orders (the plug's orders sync)
    max_age: timedelta = timedelta(minutes=2)  # the orders sync's own interval
    closed_window: timedelta = CLOSED_WINDOW
    store_names: dict[str, str] = field(default_factory=dict)
    vendor: str = field(default=VENDOR, init=False)

    async def fetch(self, now: datetime) -> LiveFetch:
        flower = await self._cached_orders(now)
        if not self.store_names:
            self.store_names = {s.id: s.title for s in await self.client.stores()}
        customers = await self._customers()
        shown = [o for o in flower if self._on_board(o, now)]
        orders = {key(o): board_order(o, customers.get(o.customer_id or "")) for o in shown}
        positions = [position(o) for o in shown]
        return LiveFetch(positions, orders, list(self.store_names))

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        """The orders behind a board cell, from the cache (kept fresh as :meth:`fetch` does)."""
        cached = {key(o): o for o in await self._cached_orders(now)}
        customers = await self._customers()
        wanted = [cached[i] for i in order_ids if i in cached]
        return [board_order(o, customers.get(o.customer_id or "")) for o in wanted]

    async def _cached_orders(self, now: datetime) -> list[FlowerOrder]:
        cached = await self.cache.read(VENDOR, ORDERS)
        if cached.fetched_at is None or now - cached.fetched_at >= self.max_age:
            await self.pull()  # a VendorError here leaves the board stale, not empty
            cached = await self.cache.read(VENDOR, ORDERS)
        return [flower_order(r) for r in cached.records.values()]

    async def _customers(self) -> dict[str, Customer]:
        records = (await self.cache.read(VENDOR, CUSTOMERS)).records
        return {key: to_customer(r) for key, r in records.items()}

    def _on_board(self, order: FlowerOrder, now: datetime) -> bool:
        if order.known_status is None or not order.store_id:
            return False
        if order.is_open:
            return True
        moment = order.updated_at or order.created_at
        return moment is not None and now - moment <= self.closed_window


class PosifloraBoard(LiveOrdersService):
    """The board service with Posiflora's own columns and its stores' names.

    The board settings' thresholds are Vroom's pending/preparing/ready minutes; they do not
    apply to Posiflora's statuses, so :meth:`set_groups` keeps this board's own groups.
    """

    def __init__(
        self,
        source: PosifloraLiveSource,
        lines: PosifloraOrderLinesSource | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("alerter", LateAlerter(due_of=due_of))
        super().__init__(source, groups=posiflora_status_groups(), **kwargs)
        self.posiflora = source
        self.lines = lines

    async def order_lines(self, order: Order) -> LinesAnswer | None:
        """One order of a drill-down with its lines (asked when a person opens that order);
        None when this board was made without a lines source."""
        return None if self.lines is None else await self.lines.with_lines(order)

    def set_groups(self, groups: Sequence[StatusGroup]) -> None:
        return None

    def _build(self, fetched: LiveFetch, now: datetime) -> BoardSnapshot:
        named = self.posiflora.store_names
        known = {s.store_id for s in self.stores}
        self.stores = [
            StoreRef(s.store_id, named.get(s.store_id, s.store_name))
            if s.store_name == s.store_id
            else s
            for s in self.stores
        ] + [StoreRef(i, named.get(i, i)) for i in fetched.store_ids if i not in known]
        return super()._build(fetched, now)


def flower_order(record: Mapping[str, Any]) -> FlowerOrder:
    """A cached ``orders`` resource (as the plug stores it) back as an order."""
    return wire_orders.order(parse_resource(dict(record)))


def key(order: FlowerOrder) -> str:
    """The order's id on the board: its document number, as the shop's receipts print it."""
    return order.doc_no or order.id


def delivery_time(order: FlowerOrder) -> datetime | None:
    return order.delivery_time_from or order.due_time


def due_of(order: Order | None) -> Deadline | None:
    """What a late alert names: the delivery (or pickup) time the order is timed toward."""
    if order is None or order.times.scheduled_for is None:
        return None  # no delivery time: timed from when it was taken, "has been new for …"
    kind = "delivery" if (order.order_type or "").startswith("Delivery") else "pickup"
    return Deadline(kind, order.times.scheduled_for)


def position(order: FlowerOrder) -> OrderPosition:
    """The order on the board: grouped by its own status, timed as the module says."""
    status = order.known_status
    assert status is not None  # only known statuses reach the board
    due = delivery_time(order)
    since = None
    if status in TIMED:
        since = due - DELIVERY_WINDOW if due is not None else order.created_at
    return OrderPosition(
        key(order), order.store_id or "", BOARD_STATUS[status], since, vendor_status=status.value
    )


def board_order(order: FlowerOrder, customer: Customer | None = None) -> Order:
    """The vendor-neutral record of a flower order for the drill-down and alerts.

    Posiflora's order list carries no order lines (posiflora.md §5.5), so ``items`` stays empty.
    """
    status = order.known_status
    due = delivery_time(order)
    kind = "Delivery" if order.delivery else "Pickup"
    return Order(
        id=key(order),
        vendor=VENDOR,
        store_id=order.store_id or "",
        status=BOARD_STATUS.get(status, OrderStatus.PENDING) if status else OrderStatus.PENDING,
        times=OrderTimes(created_at=order.created_at, scheduled_for=due),
        customer_name=(customer.name if customer else None) or order.delivery_contact or None,
        customer_email=(customer.email or None) if customer else None,
        customer_phone=(customer.phone or None) if customer else None,
        order_type=f"{kind} · {order.status_label}",
        sales_channel="Posiflora",
        external_order_id=None,  # the id is the document number already
        totals=BoardTotals(total=order.total_amount, merchandise=order.total_amount),
        delivery=Delivery(address=order.delivery_address or None),
        canceled=status in (S.CANCELED, S.RETURNED),
    )
