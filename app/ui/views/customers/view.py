"""Look a customer up at the counter: who they are and their bonus balance."""

from app.ui.views.base import VendorFedView


class CustomersView(VendorFedView):
    key = "customers"
    title = "Customers"
    subtitle = "Scan a bonus card or type a phone number or name."
    vendors = ("posiflora", "vroom", "yodify")
    empty_body = (
        "Customers and their bonus points come from Posiflora. Open Settings › Posiflora, enter "
        "the shop's address, user name and password, then search here."
    )
