"""One order in words under the list: its state and a link per parcel to follow it."""

from __future__ import annotations

import html

from app.ui.views.dropship.orders_model import OrderRow
from app.vendors import display_name


def detail_html(row: OrderRow) -> str:
    vendor = display_name(row.entry.vendor)
    parts = [f"<b>{html.escape(row.reference)}</b> · {html.escape(row.state_text)} at {vendor}"]
    order = row.status.vendor_order if row.status else None
    for shipment in order.shipments if order else ():
        number = html.escape(shipment.tracking_number or "parcel")
        carrier = html.escape(shipment.carrier + " ") if shipment.carrier else ""
        if shipment.tracking_url.startswith(("https://", "http://")):
            url = html.escape(shipment.tracking_url, quote=True)
            parts.append(f'Tracking: {carrier}<a href="{url}">{number}</a>')
        else:
            parts.append(f"Tracking: {carrier}{number}")
    if row.entry.last_message and order is None:
        parts.append(html.escape(row.entry.last_message))
    return "<br>".join(parts)
