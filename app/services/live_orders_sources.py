"""Where the board's orders come from: one adapter per vendor (Vroom's in live_orders_vroom.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.domain.orders import Order, OrderStatus
from app.domain.orders_board import OrderPosition

ACTIVE = frozenset({OrderStatus.PENDING, OrderStatus.PREPARING, OrderStatus.READY})


@dataclass(frozen=True)
class LiveFetch:
    """One successful read of a vendor's live orders."""

    positions: list[OrderPosition]
    orders: dict[str, Order]
    store_ids: list[str]  # every store the vendor reported, in its order


class LiveOrderSource(Protocol):
    vendor: str

    async def fetch(self, now: datetime) -> LiveFetch: ...

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]: ...
