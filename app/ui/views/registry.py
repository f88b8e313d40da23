"""The seven main views, in navigation order."""

from __future__ import annotations

from app.services.context import AppContext
from app.services.runtime import Runtime
from app.ui.views.base import BaseView
from app.ui.views.customers.view import CustomersView
from app.ui.views.dropship.view import DropshipView
from app.ui.views.orders.view import OrdersView
from app.ui.views.outbox.view import OutboxView
from app.ui.views.pricing.view import PricingView
from app.ui.views.reports.view import ReportsView
from app.ui.views.settings.view import SettingsView

VIEW_KEYS = ("orders", "pricing", "customers", "dropship", "reports", "outbox", "settings")


VIEW_CLASSES: tuple[type[BaseView], ...] = (
    OrdersView,
    PricingView,
    CustomersView,
    DropshipView,
    ReportsView,
    OutboxView,
    SettingsView,
)


def build_views(context: AppContext, runtime: Runtime | None) -> list[BaseView]:
    """Every view is built the same way: it takes what it needs from the context and runtime."""
    return [view_class(context, runtime) for view_class in VIEW_CLASSES]
