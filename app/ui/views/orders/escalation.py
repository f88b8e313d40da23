"""How alarmed a board cell looks: from calm to "someone go and look now".

Plain Python (no Qt), so the colour rules are tested without a window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import IntEnum

from app.domain.orders import Order
from app.domain.orders_board import BoardColumn, BoardRow, StatusGroup

WATCH_SHARE = 0.75  # an on-time cell turns "watch" once its oldest order used 3/4 of the limit
VERY_LATE_FACTOR = 2  # a late cell turns red once its oldest order waited twice the limit


class Level(IntEnum):
    CALM = 0
    WATCH = 1  # not late yet, but soon
    LATE = 2
    VERY_LATE = 3


def oldest_wait(
    row: BoardRow, column: BoardColumn, orders: Mapping[str, Order], now: datetime
) -> timedelta | None:
    """How long the longest-waiting order behind the cell has been in its status, if known."""
    waits = [
        now - since
        for order_id in row.cell_order_ids(column)
        if (order := orders.get(order_id)) is not None and (since := order.status_since) is not None
    ]
    return max(waits, default=None)


def cell_level(
    count: int, column: BoardColumn, group: StatusGroup | None, wait: timedelta | None
) -> Level:
    """The cell's level from its count, its side of the threshold and its oldest order."""
    if count == 0 or column.late is None or group is None or group.late_after is None:
        return Level.CALM
    limit = group.late_after
    if column.late:
        if wait is not None and wait >= limit * VERY_LATE_FACTOR:
            return Level.VERY_LATE
        return Level.LATE
    if wait is not None and wait >= limit * WATCH_SHARE:
        return Level.WATCH
    return Level.CALM
