"""Cost, price and margin for bouquets, stock items and wholesale SKUs."""

from app.ui.views.base import VendorFedView


class PricingView(VendorFedView):
    key = "pricing"
    title = "Pricing"
    subtitle = "Cost, price and margin of bouquets, stock items and wholesale SKUs."
    vendors = ("posiflora", "yodify")
    empty_body = (
        "Bouquets and stock items come from Posiflora; wholesale SKUs from Yodify. Connect them "
        "in Settings to see and change prices here."
    )
