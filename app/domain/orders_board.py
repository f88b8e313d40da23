"""The live orders board: status groups as data, per-store counts, and which orders are late.

The column set is a list of :class:`StatusGroup`; a group with ``late_after`` shows two cells
(on time / late), as the Vroom portal's "Pend < 10m | > 10m". Other vendors join by mapping their
orders to :class:`OrderPosition`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.orders import Order, OrderStatus


@dataclass(frozen=True)
class StatusGroup:
    """One group of the board: which statuses it holds and when its orders count as late."""

    key: str
    label: str
    order: int  # position on the board, left to right
    late_after: timedelta | None
    # Board statuses, or a vendor's own (OrderPosition.vendor_status) for a board in its terms.
    statuses: frozenset[str] = frozenset()
    # The on-time and late cells' headers when "< 10m" / "> 10m" would mislead: a group timed
    # against a deadline (a delivery time) rather than from when the order arrived.
    cell_labels: tuple[str, str] | None = None


@dataclass(frozen=True)
class BoardColumn:
    """One cell column: a group, split into on-time (late=False) and late (late=True) if timed."""

    group_key: str
    late: bool | None
    label: str


@dataclass(frozen=True)
class OrderPosition:
    """Where one order sits on the board, with what is known about its age.

    ``vendor_late`` is the vendor's own verdict (Vroom splits its groups at 10 min / 1 h); it is
    used only when the order's own timestamps are not known.
    """

    order_id: str
    store_id: str
    status: OrderStatus
    since: datetime | None = None
    vendor_late: bool | None = None
    vendor_status: str | None = None  # grouped by this when set (a vendor's own columns)

    @property
    def group_status(self) -> str:
        return self.vendor_status or self.status


@dataclass(frozen=True)
class StoreRef:
    store_id: str
    store_name: str


@dataclass(frozen=True)
class BoardRow:
    """One store's row: order counts per group and how many of them are late."""

    store_id: str
    store_name: str
    group_counts: dict[str, int]
    late_counts: dict[str, int]
    order_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    late_order_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cell(self, column: BoardColumn) -> int:
        total = self.group_counts.get(column.group_key, 0)
        late = self.late_counts.get(column.group_key, 0)
        if column.late is None:
            return total
        return late if column.late else total - late

    def cell_order_ids(self, column: BoardColumn) -> tuple[str, ...]:
        """The orders behind a cell, for the drill-down."""
        every = self.order_ids.get(column.group_key, ())
        late = self.late_order_ids.get(column.group_key, ())
        if column.late is None:
            return every
        if column.late:
            return late
        return tuple(o for o in every if o not in set(late))


def short_duration(span: timedelta) -> str:
    """``10m``, ``1h``, ``1h30m``: the portal's way of naming a threshold."""
    minutes = int(span.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest}m"
    return f"{hours}h" if hours else f"{minutes}m"


def portal_status_groups(
    *,
    pending_late_after: timedelta | None = timedelta(minutes=10),
    preparing_late_after: timedelta | None = timedelta(hours=1),
    ready_late_after: timedelta | None = timedelta(hours=1),
) -> list[StatusGroup]:
    """The Vroom portal's Stores > Orders groups (vroom-and-endless-aisles.md §A3.2, §A5)."""
    return [
        StatusGroup("pending", "Pending", 0, pending_late_after, frozenset({OrderStatus.PENDING})),
        StatusGroup(
            "preparing", "Preparing", 1, preparing_late_after, frozenset({OrderStatus.PREPARING})
        ),
        StatusGroup("ready", "Ready", 2, ready_late_after, frozenset({OrderStatus.READY})),
        StatusGroup("completed", "Complete", 3, None, frozenset({OrderStatus.COMPLETED})),
        StatusGroup("canceled", "Canceled", 4, None, frozenset({OrderStatus.CANCELED})),
    ]


def board_columns(groups: Sequence[StatusGroup]) -> list[BoardColumn]:
    """The board's cell columns, in group order; timed groups get an on-time and a late cell."""
    columns: list[BoardColumn] = []
    for group in sorted(groups, key=lambda g: g.order):
        if group.late_after is None:
            columns.append(BoardColumn(group.key, None, group.label))
            continue
        limit = short_duration(group.late_after)
        on_time, late = group.cell_labels or (f"{group.label} < {limit}", f"> {limit}")
        columns.append(BoardColumn(group.key, False, on_time))
        columns.append(BoardColumn(group.key, True, late))
    return columns


def group_for(status: str, groups: Sequence[StatusGroup]) -> StatusGroup | None:
    return next((g for g in groups if status in g.statuses), None)


def is_late(position: OrderPosition, group: StatusGroup, now: datetime) -> bool:
    """Late once the order has waited ``late_after`` or longer in its group.

    The vendor does not say which side exactly 10 minutes falls on (§A3.2); we call it late,
    since the counter then already reads "10 min".
    """
    if group.late_after is None:
        return False
    if position.since is not None:
        return now - position.since >= group.late_after
    return bool(position.vendor_late)


def position_of(order: Order) -> OrderPosition:
    return OrderPosition(order.id, order.store_id, order.status, order.status_since)


def build_board(
    stores: Sequence[StoreRef],
    positions: Iterable[OrderPosition],
    groups: Sequence[StatusGroup],
    now: datetime,
) -> list[BoardRow]:
    """One row per store (in the given order, then any store seen only in the orders)."""
    names = {s.store_id: s.store_name for s in stores}
    cells: dict[str, dict[str, list[str]]] = {s.store_id: {} for s in stores}
    late: dict[str, dict[str, list[str]]] = {s.store_id: {} for s in stores}
    for pos in positions:
        group = group_for(pos.group_status, groups)
        if group is None:
            continue
        cells.setdefault(pos.store_id, {}).setdefault(group.key, []).append(pos.order_id)
        store_late = late.setdefault(pos.store_id, {})
        if is_late(pos, group, now):
            store_late.setdefault(group.key, []).append(pos.order_id)
    return [
        BoardRow(
            store_id=store_id,
            store_name=names.get(store_id, store_id),
            group_counts={g.key: len(cells[store_id].get(g.key, ())) for g in groups},
            late_counts={g.key: len(late[store_id].get(g.key, ())) for g in groups},
            # Orders counted by the vendor without an id ("") are counted but not listed.
            order_ids={k: tuple(i for i in v if i) for k, v in cells[store_id].items()},
            late_order_ids={k: tuple(i for i in v if i) for k, v in late[store_id].items()},
        )
        for store_id in cells
    ]


def late_positions(
    positions: Iterable[OrderPosition], groups: Sequence[StatusGroup], now: datetime
) -> list[tuple[OrderPosition, StatusGroup]]:
    """Every order currently late, with the group it is late in."""
    found: list[tuple[OrderPosition, StatusGroup]] = []
    for pos in positions:
        group = group_for(pos.group_status, groups)
        if group is not None and is_late(pos, group, now):
            found.append((pos, group))
    return found
