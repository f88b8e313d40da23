"""Live online orders, vendor-neutral: what a customer ordered, when, and where it stands now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class OrderStatus(StrEnum):
    """Where an order stands in the shop: the board's groups are built from these."""

    PENDING = "pending"  # placed, waiting for the store to confirm
    PREPARING = "preparing"  # confirmed, being made up
    READY = "ready"  # ready for pickup or out for delivery
    COMPLETED = "completed"
    CANCELED = "canceled"


@dataclass(frozen=True)
class LineItem:
    """One product line of an order; quantities before and after in-store adjustments."""

    order_id: str
    upc_or_plu: str | None = None
    title: str | None = None
    unit_price: Decimal | None = None
    container_deposit: Decimal | None = None
    original_quantity: int | None = None
    final_quantity: int | None = None
    upsell: bool | None = None
    cart_position: int | None = None
    added_by_store: bool | None = None
    merchandise_code: str | None = None
    # The order context the line was reported with (Vroom's /analytics/line_items repeats it).
    store_id: str | None = None
    sales_channel: str | None = None
    external_order_id: str | None = None
    created_at: datetime | None = None
    customer_name: str | None = None
    customer_email: str | None = None
    customer_phone: str | None = None

    @property
    def quantity(self) -> int:
        """What the customer gets: the adjusted quantity when the store changed it."""
        if self.final_quantity is not None:
            return self.final_quantity
        return self.original_quantity or 0

    @property
    def line_total(self) -> Decimal | None:
        if self.unit_price is None:
            return None
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class OrderTotals:
    """Every amount a vendor reports for one order; ``None`` where the vendor sent nothing."""

    total: Decimal | None = None
    merchandise: Decimal | None = None  # merchandise *and taxes* at Vroom
    delivery_fee: Decimal | None = None
    tip: Decimal | None = None
    tip_refund: Decimal | None = None
    net_tip: Decimal | None = None
    refund_amount: Decimal | None = None
    upcharge_amount: Decimal | None = None
    adjusted_total: Decimal | None = None
    adjusted_total_less_tips: Decimal | None = None
    processing_fee: Decimal | None = None
    processing_fee_refund: Decimal | None = None
    processing_fee_on_upcharge: Decimal | None = None
    net_processing_fee: Decimal | None = None
    third_party_fulfillment_fee: Decimal | None = None
    third_party_fulfillment_fee_refund: Decimal | None = None
    net_third_party_fulfillment_fee: Decimal | None = None
    ebt_fees: Decimal | None = None
    net_remit: Decimal | None = None


@dataclass(frozen=True)
class OrderDiscounts:
    """Promo, mix-and-match, loyalty and subscription savings on an order."""

    promotion_code: str | None = None
    promotion_code_original_discount: Decimal | None = None
    promotion_code_final_discount: Decimal | None = None
    mix_match_combo_original_count: int | None = None
    mix_match_combo_final_count: int | None = None
    mix_match_combo_original_discount: Decimal | None = None
    mix_match_combo_final_discount: Decimal | None = None
    loyalty_code: str | None = None
    loyalty_original_discount: Decimal | None = None
    loyalty_final_discount: Decimal | None = None
    subscribed: bool | None = None
    subscription_discount: Decimal | None = None


@dataclass(frozen=True)
class Delivery:
    """Who drove, and where to; only filled for delivery orders."""

    driver: str | None = None
    address: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    distance_miles: Decimal | None = None


@dataclass(frozen=True)
class OrderTimes:
    """The order's milestones, all timezone-aware."""

    created_at: datetime | None = None
    scheduled_for: datetime | None = None
    placed_at: datetime | None = None
    confirmed_at: datetime | None = None
    ready_at: datetime | None = None
    driver_started_at: datetime | None = None
    driver_finished_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass(frozen=True)
class Order:
    """One online order as the counter sees it."""

    id: str
    vendor: str
    store_id: str
    status: OrderStatus
    times: OrderTimes = field(default_factory=OrderTimes)
    store_name: str | None = None
    customer_name: str | None = None
    customer_email: str | None = None
    customer_phone: str | None = None
    order_type: str | None = None
    sales_channel: str | None = None
    external_order_id: str | None = None
    items: tuple[LineItem, ...] = ()
    totals: OrderTotals = field(default_factory=OrderTotals)
    discounts: OrderDiscounts = field(default_factory=OrderDiscounts)
    delivery: Delivery = field(default_factory=Delivery)
    canceled: bool = False
    cancelation_reason: str | None = None
    auto_retention_conversion: bool | None = None
    is_new_customer: bool | None = None

    @property
    def placed_at(self) -> datetime | None:
        return self.times.placed_at or self.times.created_at

    @property
    def status_since(self) -> datetime | None:
        """When the order entered its current status: the clock its lateness is measured by."""
        return self.entered(self.status)

    def entered(self, status: OrderStatus) -> datetime | None:
        """When the order reached ``status`` (None if unknown, or for a cancellation)."""
        t = self.times
        since = {
            OrderStatus.PENDING: self.placed_at,
            OrderStatus.PREPARING: t.confirmed_at,
            OrderStatus.READY: t.ready_at,
            OrderStatus.COMPLETED: t.completed_at,
            OrderStatus.CANCELED: None,
        }
        return since[status]


def status_from_times(times: OrderTimes, *, canceled: bool) -> OrderStatus:
    """The status implied by the latest milestone reached (cancellation wins over all)."""
    if canceled:
        return OrderStatus.CANCELED
    if times.completed_at is not None:
        return OrderStatus.COMPLETED
    if times.ready_at is not None:
        return OrderStatus.READY
    if times.confirmed_at is not None:
        return OrderStatus.PREPARING
    return OrderStatus.PENDING
