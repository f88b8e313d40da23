"""Order reports: per-store status counts, customers, money movements, products, searches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from app.domain.orders import OrderStatus
from app.domain.orders_board import OrderPosition


@dataclass(frozen=True)
class OrderGroup:
    """How many orders are in one state, and which."""

    count: int
    order_ids: tuple[str, ...] = ()


EMPTY_GROUP = OrderGroup(0)


@dataclass(frozen=True)
class StoreOrderStatuses:
    """One store's live status counts, split the way the vendor splits them (10 min / 1 h)."""

    store_id: str
    pending_under: OrderGroup = EMPTY_GROUP
    pending_over: OrderGroup = EMPTY_GROUP
    preparing_under: OrderGroup = EMPTY_GROUP
    preparing_over: OrderGroup = EMPTY_GROUP
    ready_under: OrderGroup = EMPTY_GROUP
    ready_over: OrderGroup = EMPTY_GROUP
    completed: OrderGroup = EMPTY_GROUP
    canceled: OrderGroup = EMPTY_GROUP

    def _groups(self) -> Iterator[tuple[OrderStatus, bool | None, OrderGroup]]:
        yield OrderStatus.PENDING, False, self.pending_under
        yield OrderStatus.PENDING, True, self.pending_over
        yield OrderStatus.PREPARING, False, self.preparing_under
        yield OrderStatus.PREPARING, True, self.preparing_over
        yield OrderStatus.READY, False, self.ready_under
        yield OrderStatus.READY, True, self.ready_over
        yield OrderStatus.COMPLETED, None, self.completed
        yield OrderStatus.CANCELED, None, self.canceled

    def positions(self) -> list[OrderPosition]:
        """Each order the vendor counted, with the vendor's own late verdict.

        When ``count`` exceeds the ids given, the rest are counted under an empty id.
        """
        found: list[OrderPosition] = []
        for status, late, group in self._groups():
            ids = list(group.order_ids) + [""] * max(0, group.count - len(group.order_ids))
            found.extend(OrderPosition(i, self.store_id, status, None, late) for i in ids)
        return found


@dataclass(frozen=True)
class CustomerContact:
    name: str | None
    email: str | None
    phone: str | None  # blank when the phone is reported on another contact already
    created_at: datetime | None
    last_order_id: str | None
    last_order_time: datetime | None
    unsubscribed: bool | None
    store_ids: tuple[str, ...] = ()


class DepositStatus(StrEnum):
    PENDING = "pending"
    IN_TRANSIT = "in_transit"
    PAID = "paid"


@dataclass(frozen=True)
class Transaction:
    store_id: str | None
    amount: Decimal | None
    transaction_id: str | None
    payout_id: str | None
    type: str | None  # open list: Card, Fee, Refund, ...
    time: datetime | None
    source_order_id: str | None
    deposit_status: str | None  # a DepositStatus value, or whatever new value the vendor sends
    estimated_deposit: date | None
    additional_details: str | None


@dataclass(frozen=True)
class SalesByProduct:
    upc_or_plu: str | None
    title: str | None
    total_sales: Decimal | None
    units_sold: int | None
    category: str | None
    image_url: str | None


@dataclass(frozen=True)
class SearchTerm:
    store_id: str | None
    created_at: datetime | None
    ip_hash: str | None
    term: str | None
    num_search_results: int | None
    selected_upc_or_plu: str | None  # None when the customer picked nothing
    selected_title: str | None
    selection_position: int | None

    @property
    def found_nothing(self) -> bool:
        """A search that showed no result: something customers want that is not online."""
        return self.num_search_results == 0


@dataclass(frozen=True)
class AuditLogEntry:
    store_id: str | None  # "Management" when the action was cross-site
    created_at: datetime | None
    action: str | None
    additional_details: str | None
    user: str | None  # an email, or "Automated"
