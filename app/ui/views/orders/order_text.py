"""One order as the drill-down shows it: who, what, when, how much, who drives, which codes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from html import escape

from app.domain.money import format_money
from app.domain.orders import LineItem, Order
from app.ui.formatting import age_text, local_time

MILESTONES = (
    ("Placed", "placed_at"),
    ("Confirmed", "confirmed_at"),
    ("Ready", "ready_at"),
    ("Driver left", "driver_started_at"),
    ("Delivered", "driver_finished_at"),
    ("Completed", "completed_at"),
)


def phone_text(phone: str | None) -> str:
    """``(555) 010-0199`` for ten digits (vroom-and-endless-aisles.md §A6.15: format unstated)."""
    if not phone:
        return "—"
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return phone


def money_text(amount: Decimal | None) -> str:
    return "—" if amount is None else format_money(amount)


def summary_line(order: Order, now: datetime) -> str:
    """One line for the list: ``#1001… · Ada Chen · Pickup · 12 min``."""
    since = order.status_since
    wait = age_text(now - since) if since else "—"
    who = order.customer_name or "Customer not named"
    return f"#{order.id} · {who} · {order.order_type or 'Order'} · {wait}"


def _time_row(label: str, moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    ago = age_text(now - moment)
    ago_text = "just now" if ago == "just now" else f"{ago} ago"
    return f"<tr><td>{label}</td><td>{local_time(moment, now=now)}</td><td>{ago_text}</td></tr>"


def _item_row(item: LineItem) -> str:
    qty = str(item.quantity)
    if item.original_quantity is not None and item.original_quantity != item.quantity:
        qty += f" (ordered {item.original_quantity})"
    title = escape(item.title or item.upc_or_plu or "")
    return (
        f"<tr><td align='right'>{escape(qty)} ×</td><td>{title}</td>"
        f"<td align='right'>{money_text(item.unit_price)}</td>"
        f"<td align='right'>{money_text(item.line_total)}</td></tr>"
    )


def _money_rows(order: Order) -> str:
    t = order.totals
    rows = [
        ("Merchandise and tax", t.merchandise),
        ("Delivery fee", t.delivery_fee),
        ("Tip", t.tip),
        ("Refunded", t.refund_amount),
        ("Total paid", t.total),
        ("Adjusted total", t.adjusted_total),
    ]
    return "".join(
        f"<tr><td>{label}</td><td align='right'>{money_text(value)}</td></tr>"
        for label, value in rows
        if value is not None and (value != 0 or label in ("Total paid", "Merchandise and tax"))
    )


def _codes(order: Order) -> str:
    d = order.discounts
    lines = []
    if d.promotion_code:
        off = money_text(d.promotion_code_final_discount)
        lines.append(f"Promo code <b>{escape(d.promotion_code)}</b> ({off} off)")
    if d.loyalty_code:
        off = money_text(d.loyalty_final_discount)
        lines.append(f"Loyalty card <b>{escape(d.loyalty_code)}</b> ({off} off)")
    if d.subscribed:
        lines.append(f"Subscriber ({money_text(d.subscription_discount)} off)")
    return "<br>".join(lines) or "No promo or loyalty code"


def order_html(order: Order, now: datetime, items_note: str | None = None) -> str:
    """The whole order, as rich text for a QTextBrowser (every vendor text escaped).

    ``items_note`` stands in for the items while they are fetched or when they cannot be
    (Posiflora sends an order's lines only when that one order is asked for).
    """
    t = order.times
    kind = escape(order.order_type or "Order")
    head = f"<h2>Order #{escape(order.id)}</h2><p><b>{kind}</b> · {escape(order.status.value)}"
    if order.sales_channel and order.sales_channel != "Vroom":
        head += f" · via {escape(order.sales_channel)} {escape(order.external_order_id or '')}"
    head += "</p>"
    customer = (
        f"<p><b>{escape(order.customer_name or 'Customer not named')}</b><br>"
        f"Phone {escape(phone_text(order.customer_phone))}</p>"
    )
    times = "".join(_time_row(label, getattr(t, attr), now) for label, attr in MILESTONES)
    if t.scheduled_for is not None:
        times += f"<tr><td>Scheduled for</td><td>{local_time(t.scheduled_for, now=now)}</td></tr>"
    items = "".join(_item_row(i) for i in order.items) or (
        f"<tr><td colspan='4'>{escape(items_note or 'No items reported')}</td></tr>"
    )
    driver = ""
    if order.delivery.driver or order.delivery.address:
        driver = (
            f"<p>Driver <b>{escape(order.delivery.driver or 'not assigned')}</b>"
            f"<br>{escape(order.delivery.address or '')}</p>"
        )
    return (
        f"{head}{customer}<h3>Times</h3><table cellpadding='3'>{times}</table>"
        f"<h3>Items</h3><table cellpadding='3'>{items}</table>"
        f"<h3>Money</h3><table cellpadding='3'>{_money_rows(order)}</table>"
        f"{driver}<h3>Codes</h3><p>{_codes(order)}</p>"
    )
