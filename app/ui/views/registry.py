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


def build_views(context: AppContext, runtime: Runtime | None) -> list[BaseView]:
    return [
        OrdersView(),
        PricingView(),
        CustomersView(),
        DropshipView(),
        ReportsView(),
        OutboxView(runtime.outbox if runtime else None, context.messages),
        SettingsView(context),
    ]
