"""The live orders board: refresh, keep the last good numbers, announce late orders once.

Vendor-neutral: a :class:`LiveOrderSource` supplies positions and order details; the column set
is a list of StatusGroup. No Qt: the orders view subscribes to snapshots and alerts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TypeVar

from app.domain.orders import Order
from app.domain.orders_board import (
    BoardColumn,
    BoardRow,
    StatusGroup,
    StoreRef,
    board_columns,
    build_board,
    late_positions,
    portal_status_groups,
)
from app.services.live_orders_alerts import LateAlerter, LateOrderAlert, QuietHours
from app.services.live_orders_sources import LiveFetch, LiveOrderSource
from app.services.live_orders_vroom import VroomLiveSource
from app.vendors.errors import VendorError

__all__ = [
    "BoardSnapshot",
    "LateAlerter",
    "LateOrderAlert",
    "LiveOrdersService",
    "QuietHours",
    "VroomLiveSource",
]

log = logging.getLogger("counterpart.live_orders")
Clock = Callable[[], datetime]
L = TypeVar("L")


@dataclass(frozen=True)
class BoardSnapshot:
    """What the board shows: rows as of ``as_of``; ``stale`` when the last refresh failed."""

    rows: tuple[BoardRow, ...] = ()
    columns: tuple[BoardColumn, ...] = ()
    as_of: datetime | None = None
    stale: bool = False
    error: VendorError | None = None
    orders: dict[str, Order] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.as_of is not None


SnapshotListener = Callable[[BoardSnapshot], None]
AlertListener = Callable[[list[LateOrderAlert]], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LiveOrdersService:
    """Coalesced refreshes of one source into board snapshots, plus once-per-order alerts."""

    def __init__(
        self,
        source: LiveOrderSource,
        *,
        stores: Sequence[StoreRef] = (),
        groups: Sequence[StatusGroup] | None = None,
        alerter: LateAlerter | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        self.source = source
        self.stores = list(stores)  # names and order from settings; others appear after
        self.groups = list(groups) if groups is not None else portal_status_groups()
        self.alerter = alerter or LateAlerter()
        self.clock = clock
        self.snapshot = BoardSnapshot(columns=tuple(board_columns(self.groups)))
        self._snapshot_listeners: list[SnapshotListener] = []
        self._alert_listeners: list[AlertListener] = []
        self._task: asyncio.Task[BoardSnapshot] | None = None
        self._dirty = False

    def on_snapshot(self, listener: SnapshotListener) -> Callable[[], None]:
        self._snapshot_listeners.append(listener)
        return lambda: _discard(self._snapshot_listeners, listener)

    def on_alerts(self, listener: AlertListener) -> Callable[[], None]:
        """``listener(alerts)`` once per refresh that found newly late orders (one sound)."""
        self._alert_listeners.append(listener)
        return lambda: _discard(self._alert_listeners, listener)

    def set_groups(self, groups: Sequence[StatusGroup]) -> None:
        """New thresholds or columns; they apply from the next refresh."""
        self.groups = list(groups)

    async def refresh(self) -> BoardSnapshot:
        """Refresh now. A call during a refresh waits for exactly one more run after it."""
        if self._task is not None and not self._task.done():
            self._dirty = True
            return await asyncio.shield(self._task)
        self._task = asyncio.ensure_future(self._run())
        return await asyncio.shield(self._task)

    async def run(
        self, interval: float = 30.0, sleep: Callable[[float], Awaitable[object]] | None = None
    ) -> None:
        """Refresh every ``interval`` seconds until cancelled."""
        pause = sleep or asyncio.sleep
        while True:
            await self.refresh()
            await pause(interval)

    async def aclose(self) -> None:
        """Stop a refresh in flight (on quit); the source's client is closed by its owner."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def order_details(self, row: BoardRow, column: BoardColumn) -> list[Order]:
        """The orders behind one cell, with details; fetched when the snapshot lacks them."""
        ids = row.cell_order_ids(column)
        known = [self.snapshot.orders[i] for i in ids if i in self.snapshot.orders]
        if len(known) == len(ids) and all(o.items for o in known):
            return known
        fetched = await self.source.order_details(row.store_id, ids, self.clock())
        named = [replace(o, store_name=row.store_name) for o in fetched]
        by_id = {o.id: o for o in named}
        return [by_id[i] for i in ids if i in by_id]

    async def _run(self) -> BoardSnapshot:
        while True:
            self._dirty = False
            await self._refresh_once()
            if not self._dirty:
                return self.snapshot

    async def _refresh_once(self) -> None:
        now = self.clock()
        try:
            fetched = await self.source.fetch(now)
        except VendorError as error:
            log.warning("live orders refresh failed: %s", error.message)
            self._publish(replace(self.snapshot, stale=True, error=error))
            return
        self._publish(self._build(fetched, now))

    def _build(self, fetched: LiveFetch, now: datetime) -> BoardSnapshot:
        stores = self.stores + [
            StoreRef(s, s) for s in fetched.store_ids if s not in {r.store_id for r in self.stores}
        ]
        names = {s.store_id: s.store_name for s in stores}
        rows = build_board(stores, fetched.positions, self.groups, now)
        orders = {
            i: replace(o, store_name=names.get(o.store_id, o.store_id))
            for i, o in fetched.orders.items()
        }
        # Only a position with a clock or the vendor's "late" can be late (is_late): a day's
        # completed orders need not be looked at again.
        timed = [p for p in fetched.positions if p.since is not None or p.vendor_late]
        late = late_positions(timed, self.groups, now)
        seen = {p.order_id for p in fetched.positions}
        alerts = self.alerter.newly_late(late, seen, now, names, orders)
        if alerts:
            for listener in list(self._alert_listeners):
                listener(alerts)
        columns = tuple(board_columns(self.groups))
        return BoardSnapshot(tuple(rows), columns, now, False, None, orders)

    def _publish(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        for listener in list(self._snapshot_listeners):
            listener(snapshot)


def _discard(items: list[L], item: L) -> None:
    if item in items:
        items.remove(item)
