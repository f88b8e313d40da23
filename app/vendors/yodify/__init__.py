"""Yodify: the shop's B2B wholesale store (trade orders, SKU stock and prices, price tiers).

Facts come from ../shared/vendors/yodify.md and its seed document; quirks cite its sections.
"""

from app.vendors.yodify.client import YodifyClient, make_yodify_client, yodify_http
from app.vendors.yodify.errors import read_problem
from app.vendors.yodify.orders import NewOrders
from app.vendors.yodify.outbox import adjust_inventory_payload, yodify_outbox_handlers

__all__ = [
    "NewOrders",
    "YodifyClient",
    "adjust_inventory_payload",
    "make_yodify_client",
    "read_problem",
    "yodify_http",
    "yodify_outbox_handlers",
]
