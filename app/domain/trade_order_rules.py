"""What staff may do with a trade order next: confirm, cancel, add a shipment.

Each check returns a plain reason when the action is not allowed (for a disabled button's
tooltip) and ``require_*`` raises :class:`TradeOrderRuleError` with that reason.
"""

from __future__ import annotations

from app.domain.wholesale import (
    CONFIRMABLE,
    NOT_CANCELLABLE,
    SHIPPABLE,
    TradeOrder,
    TradeOrderRuleError,
    TradeOrderStatus,
)


def confirm_refusal(order: TradeOrder) -> str | None:
    """Why the order cannot be confirmed now, or ``None`` when it can."""
    if order.status in CONFIRMABLE or order.status is TradeOrderStatus.UNKNOWN:
        return None  # an undocumented status: let Yodify decide and show its reason
    if order.status is TradeOrderStatus.CANCELLED:
        return f"Order {order.number} was cancelled; it cannot be confirmed."
    return f"Order {order.number} is already {order.status_label.lower()}; nothing to confirm."


def cancel_refusal(order: TradeOrder) -> str | None:
    """Why the order cannot be cancelled now, or ``None`` when it can.

    yodify.md §4.1: once a shipment has been added the order cannot be cancelled, only refunded.
    A list answer may leave ``shipments`` empty unless expanded (§2.5), so the status counts too.
    """
    if order.shipments or order.status in {
        TradeOrderStatus.SHIPPED,
        TradeOrderStatus.PARTIALLY_SHIPPED,
        TradeOrderStatus.READY_FOR_PICKUP,
        TradeOrderStatus.PARTIALLY_READY_FOR_PICKUP,
    }:
        return (
            f"Order {order.number} already has a shipment, so it cannot be cancelled; "
            "refund it in Yodify instead."
        )
    if order.status is TradeOrderStatus.CANCELLED:
        return f"Order {order.number} is already cancelled."
    if order.status in NOT_CANCELLABLE:  # UNKNOWN is not in it: Yodify decides
        return f"Order {order.number} is {order.status_label.lower()}; it cannot be cancelled."
    return None


def shipment_refusal(order: TradeOrder) -> str | None:
    """Why a shipment cannot be added now, or ``None`` when it can (§4.1: only after confirm)."""
    if order.status in SHIPPABLE or order.status is TradeOrderStatus.UNKNOWN:
        return None
    if order.status in CONFIRMABLE:
        return f"Confirm order {order.number} before adding a shipment."
    return (
        f"Order {order.number} is {order.status_label.lower()}; a shipment cannot be added to it."
    )


def require_confirmable(order: TradeOrder) -> None:
    _raise_if(confirm_refusal(order))


def require_cancellable(order: TradeOrder) -> None:
    _raise_if(cancel_refusal(order))


def require_shippable(order: TradeOrder) -> None:
    _raise_if(shipment_refusal(order))


def _raise_if(reason: str | None) -> None:
    if reason is not None:
        raise TradeOrderRuleError(reason)
