"""``export orders``: one row per online order, with every amount the vendor reports.

Read from Vroom's /analytics/orders (vroom-and-endless-aisles.md §A3.6). ``--from``/``--to`` are
whole days in this PC's time zone; without them Vroom's default window applies (the last week,
§A2). ``--store`` is a site id. When Vroom does not answer, the table is empty and the notes say so.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.money import CENT
from app.domain.orders import Order, OrderTotals
from app.services.exports import ReportRequest, ReportTable
from app.services.live_boards import board_settings
from app.vendors import display_name
from app.vendors.errors import VendorError
from app.vendors.vroom import VroomClient

if TYPE_CHECKING:
    from app.services.runtime import Runtime

VENDOR = "vroom"
EARLIEST = datetime.min.replace(tzinfo=UTC)
TOTALS = tuple(f.name for f in fields(OrderTotals))
DISCOUNTS = (
    "promotion_code",
    "promotion_code_original_discount",
    "promotion_code_final_discount",
    "mix_match_combo_original_discount",
    "mix_match_combo_final_discount",
    "loyalty_code",
    "loyalty_original_discount",
    "loyalty_final_discount",
    "subscription_discount",
)
HEADERS = (
    "vendor", "order_id", "store_id", "store", "status", "order_type", "sales_channel",
    "external_order_id", "customer_name", "customer_email", "customer_phone", "placed_at",
    "confirmed_at", "ready_at", "completed_at", "canceled", "cancelation_reason", "driver",
    "items", *TOTALS, *DISCOUNTS,
)  # fmt: skip


def text(value: object) -> str:
    """A value as a spreadsheet should read it: money ``12.50``, times ISO 8601 with offset."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        cents = value.quantize(CENT)
        return str(cents if cents == value else value)  # never hide a fraction of a cent
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def window(request: ReportRequest) -> tuple[datetime | None, datetime | None]:
    """Local whole days; only ``--to`` given: the week before it, like Vroom's own default."""

    def start_of(day: date) -> datetime:
        return datetime.combine(day, time.min).astimezone()

    start = start_of(request.date_from) if request.date_from else None
    end = (
        start_of(request.date_to + timedelta(days=1)) - timedelta(seconds=1)
        if (request.date_to)
        else None
    )
    if start is None and end is not None:
        start = end - timedelta(days=7)
    return start, end


def order_row(order: Order, store: str) -> list[str]:
    t = order.times
    items = sum(i.quantity for i in order.items) if order.items else None
    lead = (
        order.vendor, order.id, order.store_id, store, order.status.value, order.order_type,
        order.sales_channel, order.external_order_id, order.customer_name, order.customer_email,
        order.customer_phone, order.placed_at, t.confirmed_at, t.ready_at, t.completed_at,
        order.canceled, order.cancelation_reason, order.delivery.driver, items,
    )  # fmt: skip
    money = [getattr(order.totals, name) for name in TOTALS]
    codes = [getattr(order.discounts, name) for name in DISCOUNTS]
    return [text(v) for v in (*lead, *money, *codes)]


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    link = runtime.links.get(VENDOR)
    if link is None or not isinstance(link.client, VroomClient):
        return ReportTable(HEADERS)
    start, end = window(request)
    sites = [request.store] if request.store else None
    try:
        orders = await link.client.orders(
            site_ids=sites, from_time=start, to_time=end, include_line_items=True
        )
    except VendorError as error:
        note = f"{display_name(VENDOR)}: {error.message} No orders were exported."
        return ReportTable(HEADERS, notes=[note])
    settings = board_settings(runtime)
    ordered = sorted(orders, key=lambda o: (o.placed_at or EARLIEST, o.id))
    return ReportTable(HEADERS, [order_row(o, settings.store_name(o.store_id)) for o in ordered])
