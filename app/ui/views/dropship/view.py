"""Sell what the store does not stock: dropship orders shipped straight to the customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QWidget

from app.services.context import AppContext
from app.services.dropship_wiring import catalog_for
from app.services.runtime import Runtime
from app.ui.views.base import VendorFedView
from app.ui.views.dropship.order_panel import OrderPanel
from app.ui.views.dropship.orders_panel import OrdersPanel
from app.ui.views.dropship.search_panel import SearchPanel
from app.vendors import display_name


class DropshipView(VendorFedView):
    key = "dropship"
    title = "Dropship"
    subtitle = "Find an item the store does not carry and ship it to the customer."
    vendors = ("endless-aisles", "fabric")
    empty_body = (
        "Dropship catalogs come from Endless Aisles and fabric Marketplace. Connect either in "
        "Settings to search their stock and place orders here."
    )

    def __init__(
        self, context: AppContext, runtime: Runtime | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runtime, parent)
        service = runtime.dropship if runtime else None
        self.search: SearchPanel | None = None
        self.order: OrderPanel | None = None
        self.orders: OrdersPanel | None = None
        self.marker = QLabel()
        self.marker.setObjectName("realOrdersMarker")
        self.marker.hide()
        if runtime is None or service is None or not service.sources:
            return
        self.empty_state.hide()
        live = [v for v, s in service.sources.items() if s.is_production]
        if live:
            names = " and ".join(display_name(v) for v in live)
            self.marker.setText(
                f"REAL ORDERS — {names} production: orders placed here are shipped and billed."
            )
            self.marker.show()
        self.search = SearchPanel(catalog_for(runtime, service))
        self.order = OrderPanel(service)
        self.orders = OrdersPanel(service, context.messages)
        self.search.add_requested.connect(self.order.add)
        self.order.placed.connect(self.orders.show_placed)
        self.orders.model.modelReset.connect(self._count_orders)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dropshipTabs")
        self.tabs.setDocumentMode(True)
        # Results on top across the whole width (nine columns need it); the order below.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.search)
        split.addWidget(self.order)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        split.setSizes([520, 300])
        self.tabs.addTab(split, "New order")
        self.tabs.addTab(self.orders, "Orders")
        self.body.addWidget(self.marker)
        self.body.addWidget(self.tabs, 1)

    async def load(self) -> None:
        """Orders as recorded here at once; then what the catalogs have in stock."""
        if self.search is None or self.orders is None:
            return
        await self.orders.reload_local()
        await self.search.show_featured()
        if self.orders.model.rows:
            await self.orders.refresh_now()

    def _count_orders(self) -> None:
        if self.orders is not None:
            count = len(self.orders.model.rows)
            self.tabs.setTabText(1, f"Orders ({count})" if count else "Orders")
