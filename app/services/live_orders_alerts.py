"""Late-order alerts: once per order, hushed by mute and quiet hours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from app.domain.orders import Order
from app.domain.orders_board import OrderPosition, StatusGroup


@dataclass(frozen=True)
class QuietHours:
    """A daily span without alert sounds; may run past midnight (22:00-07:00)."""

    start: time
    end: time
    tz: tzinfo | None = None  # None: the computer's local time zone

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


@dataclass(frozen=True)
class LateOrderAlert:
    """One order that just became late: what the tray notification says."""

    order_id: str
    store_id: str
    store_name: str
    group_key: str
    group_label: str
    waited: timedelta | None
    order: Order | None = None

    @property
    def text(self) -> str:
        who = f" for {self.order.customer_name}" if self.order and self.order.customer_name else ""
        waited = f" for {int(self.waited.total_seconds() // 60)} min" if self.waited else ""
        state = self.group_label.lower()
        return f"Order {self.order_id}{who} at {self.store_name} has been {state}{waited}."


class LateAlerter:
    """Remembers which orders were announced, so each late order alerts exactly once.

    Orders that turn late while muted or in quiet hours are remembered too: when the quiet ends,
    the counter does not get a burst of old news.
    """

    def __init__(self, *, muted: bool = False, quiet_hours: QuietHours | None = None) -> None:
        self.muted = muted
        self.quiet_hours = quiet_hours
        self._announced: set[str] = set()

    def hushed(self, now: datetime) -> bool:
        return self.muted or (self.quiet_hours is not None and self.quiet_hours.contains(now))

    def newly_late(
        self,
        late: Iterable[tuple[OrderPosition, StatusGroup]],
        seen_ids: set[str],
        now: datetime,
        names: dict[str, str],
        orders: dict[str, Order],
    ) -> list[LateOrderAlert]:
        """Alerts for late orders not announced before ([] when hushed, but still remembered)."""
        fresh: list[LateOrderAlert] = []
        for pos, group in late:
            if not pos.order_id or pos.order_id in self._announced:
                continue  # an order counted without an id cannot be told apart: no alert
            self._announced.add(pos.order_id)
            waited = now - pos.since if pos.since else None
            fresh.append(
                LateOrderAlert(
                    pos.order_id,
                    pos.store_id,
                    names.get(pos.store_id, pos.store_id),
                    group.key,
                    group.label,
                    waited,
                    orders.get(pos.order_id),
                )
            )
        # Forget orders that left the board, so the memory stays as small as the board.
        self._announced &= seen_ids
        return [] if self.hushed(now) else fresh
