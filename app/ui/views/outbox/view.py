"""Every write on its way to a vendor: queued, sent, failed or waiting to be checked."""

from app.ui.views.base import VendorFedView


class OutboxView(VendorFedView):
    key = "outbox"
    title = "Outbox"
    subtitle = "Changes on their way to vendors. Nothing is lost when the network drops."
    empty_headline = "Nothing waiting to be sent"
    empty_body = (
        "Every order, price or promo code sent to a vendor is recorded here first, and stays "
        "here until the vendor confirms it."
    )
