"""Sell what the store does not stock: dropship orders shipped straight to the customer."""

from app.ui.views.base import VendorFedView


class DropshipView(VendorFedView):
    key = "dropship"
    title = "Dropship"
    subtitle = "Find an item the store does not carry and ship it to the customer."
    vendors = ("endless-aisles", "fabric")
    empty_body = (
        "Dropship catalogs come from Endless Aisles and fabric Marketplace. Connect either in "
        "Settings to search their stock and place orders here."
    )
