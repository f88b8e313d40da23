"""Trade orders: statuses staff can read, and what may be done to an order next."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.trade_order_rules import (
    cancel_refusal,
    confirm_refusal,
    require_cancellable,
    require_confirmable,
    require_shippable,
    shipment_refusal,
)
from app.domain.wholesale import (
    OrderTotals,
    Shipment,
    TradeCustomer,
    TradeOrder,
    TradeOrderRuleError,
    TradeOrderStatus,
)

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TOTALS = OrderTotals("USD", Decimal("10"), Decimal(0), Decimal(0), Decimal(0), Decimal(0),
                     Decimal("10"))  # fmt: skip
DOCUMENTED = [
    "New", "Processing", "Shipped", "PartiallyShipped", "Complete", "Cancelled", "Received",
    "RefundRequested", "Refunded", "RefundRejected", "StockConfirmed",
    "StockPartiallyConfirmed", "ReadyForPickup", "PartiallyReadyForPickup",
]  # fmt: skip


def order(status: str, *, shipped: bool = False) -> TradeOrder:
    shipments = (Shipment(1, 7, "FedEx", "123"),) if shipped else ()
    return TradeOrder(
        order_id=7,
        number="ORD-7",
        account=TradeCustomer("c-1", "Ada", account_name="Bloom & Bough"),
        status=TradeOrderStatus.from_wire(status),
        status_raw=status,
        created_at=NOW - timedelta(minutes=20),
        lines=(),
        totals=TOTALS,
        shipments=shipments,
    )


@pytest.mark.parametrize("raw", DOCUMENTED)
def test_every_documented_status_is_understood(raw: str) -> None:
    status = TradeOrderStatus.from_wire(raw)
    assert status is not TradeOrderStatus.UNKNOWN
    assert status.value == raw


def test_status_is_matched_regardless_of_case() -> None:
    assert TradeOrderStatus.from_wire("partiallyshipped") is TradeOrderStatus.PARTIALLY_SHIPPED


def test_an_undocumented_status_is_shown_with_the_vendors_word() -> None:
    held = order("OnHold")
    assert held.status is TradeOrderStatus.UNKNOWN
    assert held.status_label == "Unknown (OnHold)"


def test_status_labels_read_as_words() -> None:
    assert order("StockPartiallyConfirmed").status_label == "Stock partially confirmed"


def test_new_order_can_be_confirmed_and_awaits_confirmation() -> None:
    fresh = order("New")
    assert confirm_refusal(fresh) is None
    assert fresh.awaiting_confirmation
    require_confirmable(fresh)


@pytest.mark.parametrize("status", ["Processing", "Shipped", "Complete", "Cancelled"])
def test_confirm_is_refused_once_past_new(status: str) -> None:
    with pytest.raises(TradeOrderRuleError, match="ORD-7"):
        require_confirmable(order(status))


def test_cancel_is_refused_once_a_shipment_exists_and_says_refund() -> None:
    reason = cancel_refusal(order("Processing", shipped=True))
    assert reason is not None
    assert "shipment" in reason
    assert "refund" in reason


def test_cancel_is_refused_for_shipped_status_even_without_expanded_shipments() -> None:
    with pytest.raises(TradeOrderRuleError, match="shipment"):
        require_cancellable(order("PartiallyShipped"))


@pytest.mark.parametrize("status", ["New", "Processing", "Received"])
def test_unshipped_orders_can_be_cancelled(status: str) -> None:
    assert cancel_refusal(order(status)) is None


def test_shipment_only_after_confirm() -> None:
    reason = shipment_refusal(order("New"))
    assert reason is not None
    assert reason.startswith("Confirm order ORD-7")
    assert shipment_refusal(order("Processing")) is None
    with pytest.raises(TradeOrderRuleError):
        require_shippable(order("Cancelled"))


def test_unknown_status_leaves_the_decision_to_the_vendor() -> None:
    held = order("OnHold")
    assert confirm_refusal(held) is None
    assert cancel_refusal(held) is None
    assert cancel_refusal(replace(held, shipments=(Shipment(1, 7, "UPS", "9"),))) is not None
