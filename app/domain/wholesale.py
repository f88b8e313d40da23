"""Wholesale trade orders: what a trade customer ordered and what staff may do with it next.

The statuses and the confirm / cancel / ship rules follow Yodify's document (yodify.md §5.2), but
the records are plain shop records; nothing here knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum


class TradeOrderStatus(Enum):
    """Every order status the vendor documents, plus UNKNOWN for anything newer."""

    NEW = "New"
    PROCESSING = "Processing"
    SHIPPED = "Shipped"
    PARTIALLY_SHIPPED = "PartiallyShipped"
    COMPLETE = "Complete"
    CANCELLED = "Cancelled"
    RECEIVED = "Received"
    REFUND_REQUESTED = "RefundRequested"
    REFUNDED = "Refunded"
    REFUND_REJECTED = "RefundRejected"
    STOCK_CONFIRMED = "StockConfirmed"
    STOCK_PARTIALLY_CONFIRMED = "StockPartiallyConfirmed"
    READY_FOR_PICKUP = "ReadyForPickup"
    PARTIALLY_READY_FOR_PICKUP = "PartiallyReadyForPickup"
    UNKNOWN = "Unknown"

    @classmethod
    def from_wire(cls, raw: str | None) -> TradeOrderStatus:
        """Match case-insensitively (a .NET enum name); anything else is UNKNOWN, never a crash."""
        wanted = (raw or "").strip().lower()
        for member in cls:
            if member is not cls.UNKNOWN and member.value.lower() == wanted:
                return member
        return cls.UNKNOWN

    @property
    def label(self) -> str:
        """The status as staff read it: ``PartiallyShipped`` -> ``Partially shipped``."""
        words: list[str] = []
        for char in self.value:
            if char.isupper() and words:
                words.append(" ")
            words.append(char.lower() if words else char)
        return "".join(words)


# Inference (yodify.md §5.2): New and Received are "not yet confirmed"; a partial stock
# confirmation can be completed by confirming again.
CONFIRMABLE = frozenset(
    {
        TradeOrderStatus.NEW,
        TradeOrderStatus.RECEIVED,
        TradeOrderStatus.STOCK_PARTIALLY_CONFIRMED,
    }
)
# yodify.md §5.2: "Once an Order is confirmed, Shipments can be added"; partly shipped orders
# still have items left to ship.
SHIPPABLE = frozenset(
    {
        TradeOrderStatus.PROCESSING,
        TradeOrderStatus.STOCK_CONFIRMED,
        TradeOrderStatus.STOCK_PARTIALLY_CONFIRMED,
        TradeOrderStatus.PARTIALLY_SHIPPED,
        TradeOrderStatus.PARTIALLY_READY_FOR_PICKUP,
    }
)
# Statuses that mean goods already left (or the order is over): cancelling is refused.
NOT_CANCELLABLE = frozenset(
    {
        TradeOrderStatus.SHIPPED,
        TradeOrderStatus.PARTIALLY_SHIPPED,
        TradeOrderStatus.COMPLETE,
        TradeOrderStatus.CANCELLED,
        TradeOrderStatus.REFUND_REQUESTED,
        TradeOrderStatus.REFUNDED,
        TradeOrderStatus.REFUND_REJECTED,
        TradeOrderStatus.READY_FOR_PICKUP,
        TradeOrderStatus.PARTIALLY_READY_FOR_PICKUP,
    }
)
# Orders that wait for staff: the live board shows these with their age.
AWAITING_CONFIRMATION = frozenset({TradeOrderStatus.NEW, TradeOrderStatus.RECEIVED})


class TradeOrderRuleError(ValueError):
    """An action the order's state does not allow; the message is a sentence for staff."""


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """A street address as printed on a label."""

    street1: str = ""
    street2: str = ""
    city: str = ""
    state_code: str = ""
    postal_code: str = ""
    country_code: str = ""
    name: str = ""
    company: str = ""
    phone: str = ""

    @property
    def one_line(self) -> str:
        parts = [self.street1, self.street2, self.city, self.state_code, self.postal_code]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class TradeCustomer:
    """The person and trade account behind an order."""

    customer_id: str
    name: str
    company: str = ""
    email: str = ""
    phone: str = ""
    account_id: int | None = None
    account_name: str = ""
    account_number: str = ""
    discount_level_id: int | None = None
    discount_level_name: str = ""

    @property
    def display_name(self) -> str:
        return self.account_name or self.company or self.name or self.email or self.customer_id


@dataclass(frozen=True, slots=True)
class TradeOrderLine:
    """One ordered SKU; prices in the customer's and in the shop's currency."""

    line_id: int
    sku_id: int | None
    product_id: int | None
    description: str
    model_number: str
    quantity: int
    unit_price: Decimal
    seller_unit_price: Decimal
    unit_of_measure: str = ""

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class OrderTotals:
    """An order's amounts in one currency."""

    currency: str
    subtotal: Decimal
    freight: Decimal
    tax: Decimal
    discount: Decimal
    transaction_fee: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Shipment:
    """A parcel sent (or to be picked up) for an order."""

    shipment_id: int
    order_id: int
    carrier: str
    tracking_number: str
    status: str = "New"
    shipment_type: str = "Custom"
    tracking_url: str = ""
    shipped_at: datetime | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TradeOrder:
    """A wholesale order from a trade customer."""

    order_id: int
    number: str
    account: TradeCustomer
    status: TradeOrderStatus
    status_raw: str
    created_at: datetime
    lines: tuple[TradeOrderLine, ...]
    totals: OrderTotals
    seller_totals: OrderTotals | None = None  # only when the shop's currency differs
    exchange_rate: Decimal | None = None
    shipments: tuple[Shipment, ...] = ()
    payment_method: str = ""
    shipping_method: str = ""
    purchase_order_number: str = ""
    ship_to: PostalAddress | None = None
    comments: str = ""

    @property
    def status_label(self) -> str:
        """A status nobody documented is still shown, with the vendor's own word."""
        if self.status is TradeOrderStatus.UNKNOWN:
            return f"Unknown ({self.status_raw})" if self.status_raw else "Unknown"
        return self.status.label

    @property
    def awaiting_confirmation(self) -> bool:
        return self.status in AWAITING_CONFIRMATION

    @property
    def age_reference(self) -> datetime:
        return self.created_at
