"""Live online orders across the stores: what is waiting and what is late."""

from app.ui.views.base import VendorFedView


class OrdersView(VendorFedView):
    key = "orders"
    title = "Live orders"
    subtitle = "Online orders waiting, in preparation and ready, per store."
    vendors = ("vroom", "posiflora", "yodify")
    empty_body = (
        "Online orders come from Vroom. Open Settings › Vroom, enter the portal e-mail and "
        "password, and every store's waiting and late orders appear here."
    )
