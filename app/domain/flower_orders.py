"""Flower-shop (Posiflora) orders, stores and store statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from app.domain.money import ZERO


class FlowerOrderStatus(StrEnum):
    """The vendor's own order statuses (posiflora.md §6.1)."""

    NOT_ACCEPTED = "notAccepted"
    NEW = "new"
    ASSEMBLED = "assembled"
    COURIER = "courier"
    DONE = "done"
    CANCELED = "canceled"
    RETURNED = "returned"


STATUS_LABELS = {
    FlowerOrderStatus.NOT_ACCEPTED: "Not accepted",
    FlowerOrderStatus.NEW: "New",
    FlowerOrderStatus.ASSEMBLED: "Assembled",
    FlowerOrderStatus.COURIER: "With courier",
    FlowerOrderStatus.DONE: "Done",
    FlowerOrderStatus.CANCELED: "Canceled",
    FlowerOrderStatus.RETURNED: "Returned",
}

OPEN_STATUSES = frozenset(
    {
        FlowerOrderStatus.NOT_ACCEPTED,
        FlowerOrderStatus.NEW,
        FlowerOrderStatus.ASSEMBLED,
        FlowerOrderStatus.COURIER,
    }
)


class DeliveryStatus(StrEnum):
    """Where a delivery stands, set separately from the order status."""

    COURIER = "courier"
    DELIVERED = "delivered"
    CANNOT_BE_DELIVERED = "cannotBeDelivered"


def known_status(raw: str) -> FlowerOrderStatus | None:
    """The status if we know it; an unknown one stays a plain string on the order."""
    try:
        return FlowerOrderStatus(raw)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FlowerOrder:
    """An order in the flower shop's POS."""

    id: str
    doc_no: str
    status: str  # kept as sent, so a status added by the vendor is still shown
    date: date | None = None
    total_amount: Decimal = ZERO
    payments_amount: Decimal = ZERO
    delivery: bool = False
    due_time: datetime | None = None
    delivery_time_from: datetime | None = None
    delivery_time_to: datetime | None = None
    delivery_status: str | None = None
    delivery_address: str = ""
    delivery_contact: str = ""
    description: str = ""
    by_bonuses: bool = False
    posted: bool = False
    customer_id: str | None = None
    store_id: str | None = None
    is_external: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision: int | None = None

    @property
    def known_status(self) -> FlowerOrderStatus | None:
        return known_status(self.status)

    @property
    def status_label(self) -> str:
        status = self.known_status
        return STATUS_LABELS[status] if status else self.status

    @property
    def is_open(self) -> bool:
        return self.known_status in OPEN_STATUSES

    @property
    def balance_due(self) -> Decimal:
        return self.total_amount - self.payments_amount


@dataclass(frozen=True, slots=True)
class Store:
    """One shop of the network."""

    id: str
    title: str
    city: str = ""
    address: str = ""
    external_link_id: str = ""
    timezone_id: str | None = None
    revision: int | None = None


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Precomputed figures for a store (or the whole network) over a period."""

    revenue: Decimal = ZERO
    payments_revenue: Decimal = ZERO
    profit: Decimal = ZERO
    marginality: Decimal = ZERO  # percent
    orders_count: int = 0
    average_order: Decimal = ZERO
    returned_count: int = 0
    returned_amount: Decimal = ZERO
    discount_amount: Decimal = ZERO
    bonuses_accrued: Decimal = ZERO
    bonuses_spent: Decimal = ZERO
    cashbox_amount: Decimal = ZERO
    calculated_at: datetime | None = None
    store_id: str | None = None  # None for the whole network
    changes: dict[str, Decimal] = field(default_factory=dict)  # "*Prev": percent vs previous period
