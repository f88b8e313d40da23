"""Live online orders across the stores: what is waiting and what is late, per vendor.

One section per entry of ``runtime.live_boards``; the sync scheduler refreshes them, this view
only listens. While a vendor is failing the view asks again every refresh interval, so the
board recovers as soon as the vendor does (the scheduler alone would back off for minutes).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.orders import Order
from app.services.board_settings import BoardSettings, read_board_settings
from app.services.context import AppContext
from app.services.live_boards import live_source_name, restore_board
from app.services.live_orders import BoardSnapshot, LateOrderAlert, LiveOrdersService
from app.services.runtime import Runtime
from app.services.sync import SyncResult
from app.ui.views.base import BaseView, EmptyState, ViewHeader
from app.ui.views.orders.alerts import AlertPresenter, LateNotifier, TrayNotifier
from app.ui.views.orders.drilldown import OrderDrilldown
from app.ui.views.orders.model import Cell
from app.ui.views.orders.section import BoardSection
from app.ui.views.orders.yodify_actions import make_trade_order_panel
from app.vendors import display_name

ALL_STORES = "All stores"
TICK_MS = 5_000


class OrdersView(BaseView):
    key = "orders"
    title = "Live orders"
    subtitle = "Online orders waiting, in preparation and ready, per store. Enter opens a count."
    context: AppContext

    def __init__(
        self, context: AppContext, runtime: Runtime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runtime, parent)
        self.context = context
        self.boards: dict[str, LiveOrdersService] = dict(runtime.live_boards) if runtime else {}
        self.sections: dict[str, BoardSection] = {}
        self.drilldown: OrderDrilldown | None = None
        self.current_settings = self.settings()
        self.presenter = AlertPresenter(TrayNotifier(), self.settings)
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("storeGroupFilter")
        self.group_filter.setAccessibleName("Store group")
        self.group_filter.currentTextChanged.connect(self._apply_filter)
        self.refresh_button = QPushButton("Refresh now")
        self.refresh_button.setToolTip("Ask every vendor for fresh numbers (F5)")
        self.refresh_button.clicked.connect(self.refresh_all)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh_all)
        self._last_attempt: dict[str, float] = {}
        self.pending_refresh: asyncio.Future[SyncResult] | None = None  # the last ask, for tests
        self._restored: set[str] = set()
        self._unsubscribe: list[Callable[[], None]] = []
        self._compose()
        self._follow_boards()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._retry_failing)
        self._timer.start()

    # -- building -------------------------------------------------------------------------------

    def settings(self) -> BoardSettings:
        return read_board_settings(self.context.config, demo=self.context.demo)

    def _compose(self) -> None:
        tools = QHBoxLayout()
        tools.setContentsMargins(20, 0, 20, 4)
        label = QLabel("Stores")
        label.setBuddy(self.group_filter)
        tools.addWidget(label)
        tools.addSpacing(6)
        tools.addWidget(self.group_filter)
        tools.addSpacing(16)
        tools.addWidget(_legend())
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(ViewHeader(self.title, self.subtitle))
        layout.addLayout(tools)
        for vendor in self.boards:
            section = BoardSection(vendor, self._store_name)
            section.cell_requested.connect(self.open_cell)
            self.sections[vendor] = section
            layout.addWidget(section, 1)
        if not self.boards:
            layout.addWidget(_empty_state(), 1)
        else:
            layout.addStretch(1)  # short boards sit at the top; the rest of the page stays calm
        self._fill_groups(self.current_settings)

    def _follow_boards(self) -> None:
        for vendor, service in self.boards.items():
            self._unsubscribe.append(service.on_snapshot(partial(self._on_snapshot, vendor)))
            self._unsubscribe.append(service.on_alerts(partial(self._on_alerts, vendor)))
        # Listeners are plain callables: drop them when the widget goes, whatever closes it.
        unsubscribe = self._unsubscribe
        self.destroyed.connect(lambda: [stop() for stop in unsubscribe])

    def set_notifier(self, notifier: LateNotifier) -> None:
        self.presenter.notifier = notifier

    def _store_name(self, store_id: str, fallback: str) -> str:
        return self.current_settings.store_name(store_id, fallback)

    # -- data -----------------------------------------------------------------------------------

    async def load(self) -> None:
        """Paint the saved boards at once; with nothing saved, wait for one refresh each."""
        if self.runtime is None:
            return
        for vendor, service in self.boards.items():
            restored = await restore_board(self.runtime, vendor)
            if restored.loaded and not service.snapshot.error:
                self._restored.add(vendor)
            self._show(vendor, service.snapshot)
        for vendor, service in self.boards.items():
            if not service.snapshot.loaded:
                await self.runtime.scheduler.refresh_now(live_source_name(vendor))
                self._show(vendor, service.snapshot)

    def shutdown(self) -> None:
        self._timer.stop()
        for stop in self._unsubscribe:
            stop()
        self._unsubscribe.clear()

    def _on_snapshot(self, vendor: str, snapshot: BoardSnapshot) -> None:
        self._last_attempt[vendor] = time.monotonic()
        if not snapshot.stale:
            self._restored.discard(vendor)
        self._show(vendor, snapshot)

    def _show(self, vendor: str, snapshot: BoardSnapshot) -> None:
        section = self.sections.get(vendor)
        if section is None:
            return
        settings = self.current_settings = self.settings()
        self._fill_groups(settings)
        groups = self.boards[vendor].groups
        section.show_snapshot(snapshot, groups, restored=vendor in self._restored)
        section.set_store_filter(self._chosen_stores(settings))

    def _on_alerts(self, vendor: str, alerts: list[LateOrderAlert]) -> None:
        self.presenter.present(display_name(vendor), alerts)

    # -- the store-group filter -----------------------------------------------------------------

    def _fill_groups(self, settings: BoardSettings) -> None:
        wanted = [ALL_STORES, *settings.store_groups]
        present = [self.group_filter.itemText(i) for i in range(self.group_filter.count())]
        if wanted == present:
            return
        current = self.group_filter.currentText()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItems(wanted)
        self.group_filter.setCurrentText(current if current in wanted else ALL_STORES)
        self.group_filter.blockSignals(False)
        self.group_filter.setVisible(len(wanted) > 1)

    def _chosen_stores(self, settings: BoardSettings) -> frozenset[str] | None:
        ids = settings.store_groups.get(self.group_filter.currentText())
        return None if ids is None else frozenset(ids)

    def _apply_filter(self, _text: str) -> None:
        chosen = self._chosen_stores(self.settings())
        for section in self.sections.values():
            section.set_store_filter(chosen)

    # -- refreshing -----------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Ask every vendor for fresh numbers now (the scheduler coalesces repeated asks)."""
        for vendor in self.boards:
            self._request(vendor)

    def _request(self, vendor: str) -> None:
        if self.runtime is None:
            return
        self._last_attempt[vendor] = time.monotonic()
        asked = self.runtime.scheduler.request(live_source_name(vendor))
        self.pending_refresh = asked

    def _retry_failing(self) -> None:
        """While a board is stale, ask every refresh interval (not at the scheduler's back-off)."""
        interval = self.current_settings.refresh_seconds
        for vendor, service in self.boards.items():
            last = self._last_attempt.get(vendor)
            failing = service.snapshot.stale and service.snapshot.error is not None
            if failing and last is not None and time.monotonic() - last >= interval:
                self._request(vendor)

    # -- drill-down -----------------------------------------------------------------------------

    def open_cell(self, vendor: str, cell: Cell) -> OrderDrilldown:
        """Open the orders behind a cell; Esc closes, focus goes back to the board."""
        service = self.boards[vendor]
        section = self.sections[vendor]
        store = section.model.store_name(cell.row)
        what = section.model.describe(cell.column)
        count = cell.row.cell(cell.column)
        title = f"{store}: {count} {'order' if count == 1 else 'orders'} {what}"

        async def load() -> list[Order]:
            return await service.order_details(cell.row, cell.column)

        if self.drilldown is not None:
            self.drilldown.close()
        actions = None
        if vendor == "yodify" and self.runtime is not None:
            runtime = self.runtime
            actions = lambda order: make_trade_order_panel(runtime, order)  # noqa: E731
        dialog = OrderDrilldown(title, vendor, count, load, service.clock, self, actions)
        dialog.finished.connect(lambda _r: section.table.setFocus())
        self.drilldown = dialog
        dialog.start()
        return dialog


def _legend() -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for level, text in (("watch", "late soon"), ("late", "late"), ("very-late", "very late")):
        swatch = QLabel(text)
        swatch.setObjectName("legendSwatch")
        swatch.setProperty("level", level)
        row.addWidget(swatch)
    return box


def _empty_state() -> EmptyState:
    return EmptyState(
        "No live orders connected",
        "Online orders come from Vroom. Open Settings › Vroom, enter the portal e-mail and "
        "password, and every store's waiting and late orders appear here.",
    )
