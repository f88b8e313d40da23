"""The managers' daily review: orders, money and demand."""

from app.ui.views.base import VendorFedView


class ReportsView(VendorFedView):
    key = "reports"
    title = "Reports"
    subtitle = "Yesterday's orders, money and demand across your stores."
    vendors = ("vroom", "posiflora")
    empty_body = (
        "The daily review reads Vroom's orders, payouts and searches and Posiflora's store "
        "figures. Connect them in Settings to see the review here."
    )
