"""Vroom's live orders for the board: counts every refresh, order details only when new.

A refresh costs one ``/analytics/order_statuses`` call (counts, order ids and Vroom's own
10 min / 1 h verdicts, vroom-and-endless-aisles.md §A3.2) and, only when needed, ONE small
``/analytics/orders`` call. Pulling every busy store's last three hours of orders each time
(the old way) moved megabytes to learn what was already known.

What the board needs from an order's details is the moment it entered its current status:
lateness under the shop's own thresholds, the cell colours ("late soon", "very late") and the
"waited" texts. Only open orders (pending, preparing, ready) have one that matters; completed
and canceled cells are plain counts whose orders a drill-down fetches when opened. And a
milestone, once reached, never changes: so each open order's details are remembered, and a
refresh asks only for orders that are new to the board, or that moved to a status whose start
we do not know yet (pending -> preparing needs ``confirm_time``, preparing -> ready
``ready_time``). Orders that left the board are forgotten, so the memory is the board's size.

``/analytics/orders`` filters only by store and time window (§A2 #6), so the call names just
the stores concerned and starts at the earliest moment a wanted order can have been placed:

- an order seen before: its own placed time, known exactly;
- a new order that Vroom counts as pending for under 10 minutes: 10 minutes ago;
- anything else (the first refresh, or after a long outage): ``detail_window`` ago.

Each start is moved back by ``CLOCK_MARGIN`` for the difference between our clock and Vroom's.
Vroom documents that window as "when the action was made" (sic, §A2): read as the placed time,
or as the order's latest action, a window starting at or before the placed time holds the order
either way.

An open order the details do not show (placed before ``detail_window``; or Vroom has not
listed it yet) keeps Vroom's own verdict for lateness, as before. Such an order is not asked for
again until its status changes, so one old order cannot make every refresh expensive; a new
pending order is the exception, asked for again next time (cheap: a ten-minute window).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.orders import Order, OrderStatus
from app.domain.orders_board import OrderPosition
from app.services.live_orders_sources import ACTIVE, LiveFetch
from app.vendors.vroom.client import VroomClient

PENDING_SPLIT = timedelta(minutes=10)  # Vroom's "pending less than ten mins" (§A3.2)
CLOCK_MARGIN = timedelta(minutes=5)  # our clock against Vroom's, plus the request's own time
DEFAULT_LOOKBACK = timedelta(hours=24)  # order_statuses' default window (§A2)


@dataclass
class VroomLiveSource:
    """Vroom: counts from /analytics/order_statuses, remembered times from /analytics/orders."""

    client: VroomClient
    site_ids: Sequence[str] | None = None
    detail_window: timedelta = timedelta(hours=3)
    include_line_items: bool = False  # the drill-down fetches items for its cell
    lookback: timedelta | None = None  # None: Vroom's default, the last 24 hours
    vendor: str = field(default="vroom", init=False)
    # Open orders' details by id: their milestones are what the board's clocks run from.
    known: dict[str, Order] = field(default_factory=dict, init=False, repr=False)
    # Orders looked for and not found, with the status they were in: not asked for again
    # until they move on (they keep Vroom's verdict meanwhile).
    unfound: dict[str, OrderStatus] = field(default_factory=dict, init=False, repr=False)

    async def fetch(self, now: datetime) -> LiveFetch:
        since = now - self.lookback if self.lookback else None
        rows = await self.client.order_statuses(site_ids=self.site_ids, from_time=since)
        positions = [p for row in rows for p in row.positions()]
        # Orders counted without an id ("") cannot be looked up; they keep Vroom's verdict.
        open_now = {p.order_id: p for p in positions if p.status in ACTIVE and p.order_id}
        self.known = {i: o for i, o in self.known.items() if i in open_now}
        self.unfound = {i: s for i, s in self.unfound.items() if i in open_now}
        wanted = [p for p in open_now.values() if self._needs(p)]
        if wanted:
            await self._fetch_details(wanted, now)
        orders = {
            i: o
            for i, p in open_now.items()
            if (o := self.known.get(i)) is not None and o.entered(p.status) is not None
        }
        timed = [self._timed(p) for p in positions]
        return LiveFetch(timed, orders, [r.store_id for r in rows])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        """Orders behind a board cell, with their line items (always fresh: stores adjust them).

        For an open cell every order's placed time is known, so the window starts at the oldest
        of them; otherwise (completed, canceled) it is the board's whole lookback.
        """
        wanted = set(order_ids)
        placed = [t for i in wanted if i in self.known and (t := self.known[i].placed_at)]
        if placed and len(placed) == len(wanted):
            start = min(placed) - CLOCK_MARGIN
        else:
            start = now - (self.lookback or DEFAULT_LOOKBACK)
        found = await self.client.orders(
            site_ids=[store_id], from_time=start, include_line_items=True
        )
        return [o for o in found if o.id in wanted]

    # -- which details to ask for ---------------------------------------------------------------

    def _needs(self, pos: OrderPosition) -> bool:
        order = self.known.get(pos.order_id)
        if order is not None and order.entered(pos.status) is not None:
            return False  # its clock for this status is known and cannot change
        return self.unfound.get(pos.order_id) != pos.status

    def _earliest_placed(self, pos: OrderPosition, now: datetime) -> datetime:
        order = self.known.get(pos.order_id)
        if order is not None and order.placed_at is not None:
            return order.placed_at - CLOCK_MARGIN
        if _new_pending(pos):
            return now - PENDING_SPLIT - CLOCK_MARGIN
        return now - self.detail_window

    async def _fetch_details(self, wanted: list[OrderPosition], now: datetime) -> None:
        """One /analytics/orders call for the stores of ``wanted``, from the earliest start."""
        stores = sorted({p.store_id for p in wanted})
        start = min(self._earliest_placed(p, now) for p in wanted)
        fetched = await self.client.orders(
            site_ids=stores, from_time=start, include_line_items=self.include_line_items
        )
        ids = {p.order_id for p in wanted}
        self.known.update((o.id, o) for o in fetched if o.id in ids)
        for pos in wanted:
            order = self.known.get(pos.order_id)
            if order is not None and order.entered(pos.status) is not None:
                continue
            if order is None and _new_pending(pos):
                continue  # just placed: Vroom may not list it yet; next time is cheap
            self.unfound[pos.order_id] = pos.status

    def _timed(self, pos: OrderPosition) -> OrderPosition:
        """The position with the time the order entered its status, when known.

        Completed and canceled ones (most of a day's) pass as they are: they are never late.
        """
        order = self.known.get(pos.order_id) if pos.status in ACTIVE else None
        since = order.entered(pos.status) if order is not None else None
        if since is None:
            return pos
        return OrderPosition(pos.order_id, pos.store_id, pos.status, since, pos.vendor_late)


def _new_pending(pos: OrderPosition) -> bool:
    """Vroom says placed under 10 minutes ago: its details lie in a ten-minute window."""
    return pos.status is OrderStatus.PENDING and pos.vendor_late is False
