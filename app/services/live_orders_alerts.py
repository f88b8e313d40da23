"""Late-order alerts: once per order, hushed by mute and quiet hours.

Most boards time an order from when it entered its status, and the alert says how long it has
waited ("has been pending for 12 min"). A board whose orders are timed toward a deadline (a
flower shop's delivery or pickup time) passes ``due_of``: its alerts then name that time and
how far off it is ("is still new; delivery at 14:00, in 59 min"), since minutes counted from
some point before the delivery mean nothing to the person at the counter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
class Deadline:
    """The moment an order is timed toward: ``kind`` is "delivery" or "pickup"."""

    kind: str
    at: datetime


DueOf = Callable[[Order | None], Deadline | None]


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


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
    deadline: Deadline | None = None  # set when the order is timed toward its delivery/pickup
    noticed_at: datetime | None = None  # when the order was found late
    tz: tzinfo | None = None  # the deadline's clock time is told in it; None: the computer's

    @property
    def text(self) -> str:
        who = f" for {self.order.customer_name}" if self.order and self.order.customer_name else ""
        state = self.group_label.lower()
        where = f"Order {self.order_id}{who} at {self.store_name}"
        if self.deadline is not None and self.noticed_at is not None:
            return f"{where} is still {state}; {self._deadline_text(self.deadline)}."
        waited = f" for {_minutes(self.waited)} min" if self.waited else ""
        return f"{where} has been {state}{waited}."

    def _deadline_text(self, deadline: Deadline) -> str:
        clock = deadline.at.astimezone(self.tz).strftime("%H:%M")
        left = deadline.at - (self.noticed_at or deadline.at)
        if left >= timedelta(minutes=1):
            return f"{deadline.kind} at {clock}, in {_minutes(left)} min"
        if left > -timedelta(minutes=1):
            return f"{deadline.kind} due now ({clock})"
        return f"{deadline.kind} was due at {clock}, {_minutes(-left)} min ago"


class LateAlerter:
    """Remembers which orders were announced, so each late order alerts exactly once.

    Orders that turn late while muted or in quiet hours are remembered too: when the quiet ends,
    the counter does not get a burst of old news.
    """

    def __init__(
        self,
        *,
        muted: bool = False,
        quiet_hours: QuietHours | None = None,
        due_of: DueOf | None = None,
    ) -> None:
        self.muted = muted
        self.quiet_hours = quiet_hours
        self.due_of = due_of  # the deadline an order is timed toward, for boards that have one
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
            order = orders.get(pos.order_id)
            fresh.append(
                LateOrderAlert(
                    pos.order_id,
                    pos.store_id,
                    names.get(pos.store_id, pos.store_id),
                    group.key,
                    group.label,
                    waited,
                    order,
                    self.due_of(order) if self.due_of else None,
                    now,
                    self.quiet_hours.tz if self.quiet_hours else None,
                )
            )
        # Forget orders that left the board, so the memory stays as small as the board.
        self._announced &= seen_ids
        return [] if self.hushed(now) else fresh
