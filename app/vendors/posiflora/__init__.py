"""Posiflora, the flower shop's POS: customers and bonuses, orders, stores (posiflora.md)."""

from app.vendors.posiflora.client import PosifloraClient, connect
from app.vendors.posiflora.customers import CustomerPage
from app.vendors.posiflora.meta import read_errors
from app.vendors.posiflora.orders import OrderList
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE, PosifloraCustomerUpdateHandler
from app.vendors.posiflora.queries import CustomerFilters, OrderFilters
from app.vendors.posiflora.session import PosifloraSessions

__all__ = [
    "CUSTOMER_UPDATE",
    "CustomerFilters",
    "CustomerPage",
    "OrderFilters",
    "OrderList",
    "PosifloraClient",
    "PosifloraCustomerUpdateHandler",
    "PosifloraSessions",
    "connect",
    "read_errors",
]
