"""The Vroom simulator's order stream: orders arrive and move through their states with the clock.

Time is cut into five-minute slots; each slot draws every store's orders from its own seeded random
generator, so the stream is the same whatever is asked first, and new orders simply appear as the
clock passes. An order's milestones are fixed when it is drawn and shown only once reached.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.vendors.simulators.vroom_data import SimCustomer, SimProduct, SimStore

SLOT = timedelta(minutes=5)
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

ORDER_TYPES = (
    ("Delivery", 40), ("Pickup", 30), ("Curbside", 8), ("Scheduled Delivery", 8),
    ("Scheduled Pickup", 7), ("Scheduled Curbside", 2), ("Shipping", 5),
)  # fmt: skip
DRIVERS = ("Marco R.", "Lena K.", "Tom B.", "Ayesha N.", "Diego F.")
CANCEL_REASONS = ("Customer asked to cancel", "Item out of stock", "Store closing early")


@dataclass(frozen=True)
class SimLine:
    product: SimProduct
    original_quantity: int
    final_quantity: int
    upsell: bool
    added_by_store: bool


@dataclass(frozen=True)
class SimOrder:
    order_id: str
    site_id: str
    customer: SimCustomer
    placed_at: datetime
    order_type: str
    sales_channel: str
    external_order_id: str | None
    lines: tuple[SimLine, ...]
    confirmed_at: datetime | None
    ready_at: datetime | None
    driver_started_at: datetime | None
    driver_finished_at: datetime | None
    completed_at: datetime | None
    canceled_at: datetime | None
    scheduled_for: datetime | None
    driver: str | None
    promotion_code: str | None
    loyalty_code: str | None
    subscribed: bool
    is_new_customer: bool
    cancel_reason: str | None

    @property
    def is_delivery(self) -> bool:
        return "Delivery" in self.order_type

    def reached(self, moment: datetime | None, now: datetime) -> datetime | None:
        """A milestone as of ``now``: hidden until it happens."""
        return moment if moment is not None and moment <= now else None

    def vroom_group(self, now: datetime) -> str:
        """The order_statuses group (§A3.2) this order is in at ``now``."""
        if self.reached(self.canceled_at, now):
            return "orders_canceled"
        if self.reached(self.completed_at, now):
            return "orders_completed"
        ready = self.reached(self.ready_at, now)
        if ready:
            late = now - ready >= timedelta(hours=1)
            return f"orders_ready_{'more' if late else 'less'}_than_one_hour"
        confirmed = self.reached(self.confirmed_at, now)
        if confirmed:
            late = now - confirmed >= timedelta(hours=1)
            return f"orders_preparing_{'more' if late else 'less'}_than_one_hour"
        late = now - self.placed_at >= timedelta(minutes=10)
        return f"orders_pending_{'more' if late else 'less'}_than_ten_mins"


def _minutes(
    rng: random.Random, usual: tuple[float, float], slow: tuple[float, float]
) -> timedelta:
    """Most orders move on in ``usual`` minutes; one in five is ``slow`` (late on the board)."""
    low, high = slow if rng.random() < 0.2 else usual
    return timedelta(minutes=rng.uniform(low, high))


@dataclass(frozen=True)
class _Milestones:
    confirmed: datetime | None
    ready: datetime | None
    driver_start: datetime | None
    driver_end: datetime | None
    completed: datetime | None
    canceled: datetime | None


def _milestones(rng: random.Random, placed: datetime, delivery: bool) -> _Milestones:
    confirmed = placed + _minutes(rng, (0.5, 8), (11, 40))
    ready = confirmed + _minutes(rng, (8, 50), (62, 130))
    if rng.random() < 0.05:  # canceled before or during preparation
        canceled = placed + timedelta(minutes=rng.uniform(3, 40))
        kept = confirmed if confirmed < canceled else None
        return _Milestones(kept, None, None, None, None, canceled)
    if delivery:
        start = ready + timedelta(minutes=rng.uniform(2, 12))
        end = start + timedelta(minutes=rng.uniform(8, 30))
        done = end + timedelta(minutes=rng.uniform(0, 3))
        return _Milestones(confirmed, ready, start, end, done, None)
    done = ready + _minutes(rng, (5, 50), (62, 150))
    return _Milestones(confirmed, ready, None, None, done, None)


class OrderStream:
    """Every simulated order, drawn lazily per (store, slot) and remembered."""

    def __init__(
        self,
        seed: int,
        stores: list[SimStore],
        products: list[SimProduct],
        customers: list[SimCustomer],
        orders_per_hour: float = 3.0,
    ) -> None:
        self.seed = seed
        self.stores = stores
        self.products = products
        self.customers = customers
        self.per_slot = orders_per_hour * SLOT.total_seconds() / 3600
        self._slots: dict[int, list[SimOrder]] = {}

    def orders(
        self, start: datetime, end: datetime, now: datetime, site_ids: set[str] | None
    ) -> list[SimOrder]:
        """Orders placed in ``[start, end]`` and no later than ``now``, oldest first."""
        end = min(end, now)
        found: list[SimOrder] = []
        for slot in range(_slot_of(start), _slot_of(end) + 1):
            found.extend(
                o
                for o in self._slot(slot)
                if (site_ids is None or o.site_id in site_ids) and start <= o.placed_at <= end
            )
        found.sort(key=lambda o: o.placed_at)
        return found

    def _slot(self, slot: int) -> list[SimOrder]:
        """Every store's orders in one slot, drawn once from the slot's own generator."""
        if slot not in self._slots:
            begin = _EPOCH + SLOT * slot
            rng = random.Random(f"vroom-orders:{self.seed}:{slot}")
            drawn: list[SimOrder] = []
            for store in self.stores:
                count = sum(1 for _ in range(3) if rng.random() < self.per_slot / 3)
                drawn.extend(
                    self._draw(rng, store, slot, i, begin + SLOT * rng.random())
                    for i in range(count)
                )
            self._slots[slot] = drawn
        return self._slots[slot]

    def _draw(
        self, rng: random.Random, store: SimStore, slot: int, i: int, placed: datetime
    ) -> SimOrder:
        names, weights = zip(*ORDER_TYPES, strict=True)
        order_type = rng.choices(names, weights)[0]
        delivery = "Delivery" in order_type
        steps = _milestones(rng, placed, delivery)
        channel = rng.choices(("Vroom", "Uber Eats", "DoorDash"), (80, 12, 8))[0]
        return SimOrder(
            order_id=f"{store.site_id}{slot % 1_000_000:06d}{i}",
            site_id=store.site_id,
            customer=rng.choice(self.customers),
            placed_at=placed.replace(microsecond=0),
            order_type=order_type,
            sales_channel=channel,
            external_order_id=None if channel == "Vroom" else f"EXT-{rng.randint(10**7, 10**8)}",
            lines=self._lines(rng),
            confirmed_at=steps.confirmed,
            ready_at=steps.ready,
            driver_started_at=steps.driver_start,
            driver_finished_at=steps.driver_end,
            completed_at=steps.completed,
            canceled_at=steps.canceled,
            scheduled_for=placed + timedelta(hours=rng.randint(2, 6))
            if order_type.startswith("Scheduled")
            else None,
            driver=rng.choice(DRIVERS) if delivery else None,
            promotion_code="SPRING10" if rng.random() < 0.12 else None,
            loyalty_code=f"LC{rng.randint(10**8, 10**9)}" if rng.random() < 0.2 else None,
            subscribed=rng.random() < 0.1,
            is_new_customer=rng.random() < 0.25,
            cancel_reason=rng.choice(CANCEL_REASONS) if steps.canceled else None,
        )

    def _lines(self, rng: random.Random) -> tuple[SimLine, ...]:
        picks = rng.sample(self.products, k=rng.randint(1, 4))
        lines = []
        for position, product in enumerate(picks):
            qty = rng.randint(1, 3)
            short = qty > 1 and rng.random() < 0.08  # the store had fewer than ordered
            lines.append(
                SimLine(
                    product,
                    qty,
                    qty - 1 if short else qty,
                    position > 0 and rng.random() < 0.1,
                    False,
                )
            )
        return tuple(lines)


def _slot_of(moment: datetime) -> int:
    return int((moment - _EPOCH) // SLOT)
