"""Dropship outcomes in words a cashier can act on (the view and the command line share them)."""

from __future__ import annotations

from app.domain.dropship import VendorOrder, VendorOrderState
from app.services.dropship import DropshipStatus, PlaceResult
from app.vendors import display_name


def describe_place(result: PlaceResult) -> str:
    """What placing did, and what happens next."""
    vendor = display_name(result.vendor)
    if result.placed:
        return f"Placed at {vendor} as order {result.vendor_order_id}."
    detail = f" ({result.error.message})" if result.error is not None else ""
    if result.state == "uncertain":
        return (
            f"Saved. {vendor} may have received the order but its answer was lost{detail}. "
            f"Counterpart checks with {vendor} before it would ever send it again, so it cannot "
            "be placed twice."
        )
    if result.state == "queued":
        return f"Saved; it will be sent when {vendor} answers{detail}."
    if result.state == "sending":
        return f"Saved and on its way to {vendor}."
    if result.state == "failed":
        reason = result.message or (result.error.message if result.error else "no reason given")
        return f"{vendor} refused the order: {reason}"
    if result.state == "needs_confirmation":
        return "A price is under the minimum advertised price: " + "; ".join(result.warnings)
    return result.message or f"The order is {result.state}."


def tracking_text(order: VendorOrder) -> str:
    """``tracking 1Z… https://…`` for each parcel, or an empty string."""
    parts = []
    for shipment in order.shipments:
        words = " ".join(p for p in (shipment.carrier, shipment.tracking_number) if p)
        if shipment.tracking_url:
            words = f"{words} {shipment.tracking_url}".strip()
        if words:
            parts.append(words)
    return ("tracking " + ", ".join(parts)) if parts else ""


def describe_status(status: DropshipStatus) -> str:
    """One line: the state at the vendor (placed, shipped with tracking, canceled…)."""
    vendor = display_name(status.vendor)
    order = status.vendor_order
    if order is None:
        note = f": {status.message}" if status.message else ""
        return f"{status.reference}: {status.outbox_state} — not at {vendor} yet{note}"
    line = f"{status.reference}: {order.state.value} — {vendor} order {order.order_id}"
    if order.status_label and order.status_label.lower() != order.state.value:
        line += f" ({order.status_label})"
    if order.state is VendorOrderState.SHIPPED or order.shipments:
        tracking = tracking_text(order)
        line += f"; {tracking}" if tracking else "; no tracking number yet"
    return line
